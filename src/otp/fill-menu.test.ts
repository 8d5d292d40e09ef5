import { describe, expect, it, vi } from 'vitest';
import { FILL_MENU_ID } from './fill-command';
import {
  FILL_MENU_TITLE,
  promisedMenus,
  syncFillMenu,
  type CallbackMenus,
  type FillMenuPort,
  type FillMenuProperties,
} from './fill-menu';

function fakeMenus(existing: string[] = []) {
  const items = new Map<string, FillMenuProperties>();
  for (const id of existing) {
    items.set(id, { id, title: '', contexts: ['editable'], documentUrlPatterns: [] });
  }
  const create = vi.fn((properties: FillMenuProperties) => {
    if (items.has(properties.id)) return Promise.reject(new Error('duplicate id'));
    items.set(properties.id, properties);
    return Promise.resolve();
  });
  const port: FillMenuPort = {
    create,
    remove: (id: string) =>
      items.delete(id) ? Promise.resolve() : Promise.reject(new Error('no such item')),
  };
  return { port, items, create };
}

describe('syncFillMenu', () => {
  it('shows the entry on editable fields of exactly the given origins', async () => {
    const { port, items } = fakeMenus();
    await syncFillMenu(port, ['https://b.example', 'http://127.0.0.1:5173']);
    expect(items.get(FILL_MENU_ID)).toEqual({
      id: FILL_MENU_ID,
      title: FILL_MENU_TITLE,
      contexts: ['editable'],
      documentUrlPatterns: ['http://127.0.0.1:5173/*', 'https://b.example/*'],
    });
  });

  it('replaces an entry that already exists (the worker restarted)', async () => {
    const { port, items } = fakeMenus([FILL_MENU_ID]);
    await syncFillMenu(port, ['https://a.example']);
    expect(items.get(FILL_MENU_ID)?.documentUrlPatterns).toEqual(['https://a.example/*']);
  });

  it('removes the entry when no origin is left, and tolerates there being none', async () => {
    const { port, items, create } = fakeMenus([FILL_MENU_ID]);
    await syncFillMenu(port, []);
    expect(items.size).toBe(0);
    await syncFillMenu(port, []);
    expect(create).not.toHaveBeenCalled();
  });
});

describe('promisedMenus', () => {
  it('resolves when create calls back cleanly and rejects with runtime.lastError', async () => {
    const last: { error?: { message: string } } = {};
    const api: CallbackMenus = {
      create: (_properties, callback) => {
        callback();
        return FILL_MENU_ID;
      },
      remove: () => Promise.resolve(),
    };
    const menus = promisedMenus(api, () => last.error);
    const properties: FillMenuProperties = {
      id: FILL_MENU_ID,
      title: FILL_MENU_TITLE,
      contexts: ['editable'],
      documentUrlPatterns: ['https://a.example/*'],
    };
    await expect(menus.create(properties)).resolves.toBeUndefined();
    last.error = { message: 'Cannot create item with duplicate id' };
    await expect(menus.create(properties)).rejects.toThrow(/duplicate id/);
  });
});
