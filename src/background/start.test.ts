import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageResponse } from '../platform/protocol';
import { startBackground } from './start';

const fillGestureListeners: string[] = [];

describe('startBackground', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    // WXT's fake browser has no permissions events and no scripting API: session sharing's
    // listeners get inert stand-ins here (its own tests cover them with fakes).
    vi.spyOn(fakeBrowser.permissions.onRemoved, 'addListener').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.permissions.onAdded, 'addListener').mockImplementation(() => undefined);
    // Nor command or menu events: the fill gestures' listeners are recorded, not run.
    fillGestureListeners.length = 0;
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => {
      fillGestureListeners.push('commands.onCommand');
    });
    vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(() => {
      fillGestureListeners.push('contextMenus.onClicked');
    });
  });

  it('registers its listeners synchronously and answers ping', async () => {
    startBackground();
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(true);
    expect(fakeBrowser.alarms.onAlarm.hasListeners()).toBe(true);
    expect(fillGestureListeners).toEqual(['commands.onCommand', 'contextMenus.onClicked']);
    await expect(fakeBrowser.runtime.sendMessage({ type: 'ping' })).resolves.toEqual({
      ok: true,
      value: { pong: true },
    });
  });

  it('answers page requests from its own pages with the popup state', async () => {
    startBackground();
    const sender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
    const replies: unknown[] = [];
    void fakeBrowser.runtime.onMessage.trigger({ type: 'getState' }, sender, (reply: unknown) =>
      replies.push(reply),
    );
    await expect.poll(() => replies.length).toBe(1);
    expect(replies[0] as PageResponse).toEqual({
      ok: true,
      state: { accounts: [], activeAccountId: null, busy: false },
    });
  });
});
