/**
 * Shares waiting for the browser's permission prompt. A toolbar popup usually closes when the
 * prompt takes the focus, and with it the promise that would have sent "share" afterwards; so the
 * popup records the share in the same click, the background keeps it here for a few minutes, and
 * completes it when the browser reports the grant (`permissions.onAdded`), whoever is still open.
 * Kept in `storage.session`: the worker may sleep while the person reads the prompt.
 */
import type { WxtStorage } from 'wxt/utils/storage';
import type { SiteInput } from './allow-list';
import { normalizeOrigin } from './origin';

export interface PendingShare {
  input: SiteInput;
  /** After this (epoch ms) a grant no longer completes it: the person moved on. */
  expiresAt: number;
}

export interface PendingSharesItem {
  getValue(): Promise<PendingShare[]>;
  setValue(shares: PendingShare[]): Promise<void>;
}

export function definePendingSharesItem(storage: WxtStorage): PendingSharesItem {
  return storage.defineItem<PendingShare[]>('session:pendingSiteShares', { fallback: [] });
}

/** Long enough to read a prompt, short enough that a later, unrelated grant is not taken as one. */
export const PENDING_SHARE_MS = 3 * 60 * 1000;

export interface PendingShares {
  /** Replaces any earlier pending share of the same origin. */
  add(input: SiteInput, now: number): Promise<void>;
  /** The unexpired pending shares; expired ones are dropped. */
  list(now: number): Promise<SiteInput[]>;
  remove(origin: string): Promise<void>;
}

export function createPendingShares(item: PendingSharesItem): PendingShares {
  // Read-modify-write calls are chained so two quick clicks cannot lose one.
  let queue: Promise<unknown> = Promise.resolve();
  const update = (change: (shares: PendingShare[]) => PendingShare[]): Promise<void> => {
    const next = queue.then(async () => item.setValue(change(await item.getValue())));
    queue = next.catch(() => undefined);
    return next;
  };
  const sameOrigin = (share: PendingShare, origin: string) =>
    normalizeOrigin(share.input.origin) === origin;

  return {
    add(input, now) {
      const origin = normalizeOrigin(input.origin);
      return update((shares) => [
        ...shares.filter((share) => !sameOrigin(share, origin) && share.expiresAt > now),
        { input: { ...input, origin }, expiresAt: now + PENDING_SHARE_MS },
      ]);
    },
    async list(now) {
      const shares = await item.getValue();
      const live = shares.filter((share) => share.expiresAt > now);
      if (live.length !== shares.length) await update(() => live);
      return live.map((share) => share.input);
    },
    remove(origin) {
      const normalized = normalizeOrigin(origin);
      return update((shares) => shares.filter((share) => !sameOrigin(share, normalized)));
    },
  };
}
