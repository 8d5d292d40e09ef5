/**
 * The "Fill one-time code" context-menu entry. It shows on editable fields of the origins where a
 * fill can work (allowed for autofill and granted), and nowhere else: its `documentUrlPatterns`
 * are rebuilt from the same origin set as the `otp-autofill` registrations, each time those are
 * reconciled (bind, unbind, grant, revocation, worker start).
 */
import { originMatchPattern } from '../sites/origin';
import { FILL_MENU_ID } from './fill-command';

export interface FillMenuProperties {
  id: string;
  title: string;
  contexts: ['editable'];
  documentUrlPatterns: string[];
}

/** The part of `browser.contextMenus` the entry needs, with promises on both calls. */
export interface FillMenuPort {
  create(properties: FillMenuProperties): Promise<void>;
  remove(id: string): Promise<void>;
}

export const FILL_MENU_TITLE = 'Fill one-time code';

export async function syncFillMenu(menus: FillMenuPort, origins: readonly string[]): Promise<void> {
  // Removed and created again rather than updated: the entry may or may not exist (menus
  // outlive the worker in Chromium, not in Firefox), and create fails on an existing id.
  await menus.remove(FILL_MENU_ID).catch(() => undefined);
  // No origin, no entry: an empty pattern list would not hide it everywhere in every browser.
  if (origins.length === 0) return;
  await menus.create({
    id: FILL_MENU_ID,
    title: FILL_MENU_TITLE,
    contexts: ['editable'],
    documentUrlPatterns: [...origins].sort().map(originMatchPattern),
  });
}

/** Chromium's callback-style `contextMenus.create` (the polyfill passes it through) as a promise. */
export interface CallbackMenus {
  create(properties: FillMenuProperties, callback: () => void): unknown;
  remove(id: string): Promise<void>;
}

export function promisedMenus(
  menus: CallbackMenus,
  lastError: () => { message?: string | undefined } | null | undefined,
): FillMenuPort {
  return {
    create: (properties) =>
      new Promise((resolve, reject) => {
        menus.create(properties, () => {
          const error = lastError();
          if (error) reject(new Error(error.message ?? 'contextMenus.create failed'));
          else resolve();
        });
      }),
    remove: (id) => menus.remove(id),
  };
}
