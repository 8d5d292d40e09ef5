/**
 * What the session-bridge content script does, with the browser passed in so tests run it in
 * happy-dom: ask once for the session of this page's origin, then apply whatever the background
 * pushes. Everything received is validated again; nothing is ever sent but the one request.
 */
import { applyToCookies, applyToLocalStorage, type StorageChange } from './apply-changes';
import { isBridgeApply } from './bridge-apply-guard';

export interface BridgeEnvironment {
  extensionId: string;
  localStorage: Storage;
  cookies: { cookie: string };
  sendRequest(message: { type: 'bridge:getSession' }): Promise<unknown>;
  onPush(
    listener: (message: unknown, sender: { id?: string | undefined; tab?: unknown }) => void,
  ): void;
  /** Tells the page's scripts what changed, and where (see `announceStorageChanges`). */
  announce(changes: StorageChange[], area: 'localStorage' | 'cookie'): void;
}

export function applyBridgeMessage(environment: BridgeEnvironment, message: unknown): boolean {
  if (!isBridgeApply(message)) return false;
  const changes = { writes: message.writes, removals: message.removals };
  const stored = applyToLocalStorage(environment.localStorage, changes);
  const cookies = applyToCookies(environment.cookies, changes);
  if (stored.length > 0) environment.announce(stored, 'localStorage');
  // Cookies have no change event: a session that arrives after the page's scripts started would
  // go unnoticed, so cookie changes are announced the same way, with no storage area.
  if (cookies.length > 0) environment.announce(cookies, 'cookie');
  return true;
}

export function startBridge(environment: BridgeEnvironment): Promise<void> {
  environment.onPush((message, sender) => {
    // Only our own background (no tab: not another content script, not a page).
    if (sender.id !== environment.extensionId || sender.tab !== undefined) return;
    applyBridgeMessage(environment, message);
  });
  return environment
    .sendRequest({ type: 'bridge:getSession' })
    .then((reply) => {
      applyBridgeMessage(environment, reply);
    })
    .catch(() => {
      // Extension reloaded or worker unavailable: the page keeps whatever it has.
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
