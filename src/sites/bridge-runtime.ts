/**
 * What the session-bridge content script does, with the browser passed in so tests run it in
 * happy-dom: ask once for the session of this page's origin, then apply whatever the background
 * pushes. Everything received is validated again; nothing is ever sent but the one request.
 */
import { applyToCookies, applyToLocalStorage, type StorageChange } from './apply-changes';
import { isBridgeApply } from './bridge-apply-guard';
import { pageIsAhead } from './page-ahead';
import { APPLIED_VERSION_KEY, RELOADED_FOR_KEY, versionFromCookies } from './session-version';

export interface BridgeEnvironment {
  extensionId: string;
  localStorage: Storage;
  /**
   * Present when the bridge runs at document_start (registered), absent when injected into a
   * page that already runs: only then can the load be held before the page's scripts.
   */
  firstLoad?: FirstLoadControl;
  cookies: { cookie: string };
  sendRequest(message: { type: 'bridge:getSession' }): Promise<unknown>;
  onPush(
    listener: (message: unknown, sender: { id?: string | undefined; tab?: unknown }) => void,
  ): void;
  /** Tells the page's scripts what changed, and where (see `announceStorageChanges`). */
  announce(changes: StorageChange[], area: 'localStorage' | 'cookie'): void;
}

export interface FirstLoadControl {
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
  /** Stops the document from loading further (`window.stop()`): no page script runs. */
  hold(): void;
  /** Loads the page again (`location.reload()`), now with the session in place. */
  reload(): void;
}

export function applyBridgeMessage(environment: BridgeEnvironment, message: unknown): boolean {
  if (!isBridgeApply(message)) return false;
  const changes = { writes: message.writes, removals: message.removals };
  // The site refreshed by itself (it holds the refresh token): its session is the current one.
  const ahead = pageIsAhead(environment, changes);
  const stored = ahead ? [] : applyToLocalStorage(environment.localStorage, changes);
  // Not announced: the version is the bridge's bookkeeping, not the page's session. Recorded
  // when the page is ahead too, so its next loads are not held for a session it will not take.
  if (message.version === undefined) environment.localStorage.removeItem(APPLIED_VERSION_KEY);
  else environment.localStorage.setItem(APPLIED_VERSION_KEY, message.version);
  if (ahead) return true;
  const cookies = applyToCookies(environment.cookies, changes);
  if (stored.length > 0) environment.announce(stored, 'localStorage');
  // Cookies have no change event: a session that arrives after the page's scripts started would
  // go unnoticed, so cookie changes are announced the same way, with no storage area.
  if (cookies.length > 0) environment.announce(cookies, 'cookie');
  return true;
}

/**
 * The version this load must wait for, or undefined when the page may run now: the background's
 * version cookie differs from the version last applied here, and no reload was made for it yet
 * in this tab (a rejected or failed answer must not reload forever).
 */
export function staleVersion(environment: BridgeEnvironment): string | undefined {
  const control = environment.firstLoad;
  if (!control) return undefined;
  const expected = versionFromCookies(environment.cookies.cookie);
  if (expected === undefined) return undefined;
  if (environment.localStorage.getItem(APPLIED_VERSION_KEY) === expected) return undefined;
  if (control.sessionStorage.getItem(RELOADED_FOR_KEY) === expected) return undefined;
  return expected;
}

export function startBridge(environment: BridgeEnvironment): Promise<void> {
  environment.onPush((message, sender) => {
    // Only our own background (no tab: not another content script, not a page).
    if (sender.id !== environment.extensionId || sender.tab !== undefined) return;
    applyBridgeMessage(environment, message);
  });
  // Synchronous, before the page's first script: hold the load when the stored session is old.
  const waitFor = staleVersion(environment);
  if (waitFor !== undefined) {
    environment.firstLoad?.sessionStorage.setItem(RELOADED_FOR_KEY, waitFor);
    environment.firstLoad?.hold();
  }
  return environment
    .sendRequest({ type: 'bridge:getSession' })
    .then((reply) => {
      applyBridgeMessage(environment, reply);
    })
    .catch(() => {
      // Extension reloaded or worker unavailable: the page keeps whatever it has.
    })
    .finally(() => {
      // A held page always loads again, with the session or (refused) without it.
      if (waitFor !== undefined) environment.firstLoad?.reload();
    });
}

/**
 * A write in this tab fires no `storage` event here (browsers only tell *other* tabs), so the
 * bridge fires one itself, with the real old and new values: exactly what the page would see if
 * another tab had written. Amplify v6 listens for these (tokenRefresh when the access token
 * changes); an app can re-read its session on them.
 */
export function announceStorageChanges(
  target: Pick<Window, 'dispatchEvent' | 'location'>,
  storageArea: Storage | null,
  changes: StorageChange[],
): void {
  for (const change of changes) {
    target.dispatchEvent(
      new StorageEvent('storage', {
        key: change.key,
        oldValue: change.oldValue,
        newValue: change.newValue,
        storageArea,
        url: target.location.href,
      }),
    );
  }
}
