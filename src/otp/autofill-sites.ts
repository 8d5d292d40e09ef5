/**
 * Which exact origins the person allowed for one-time-code autofill, which authenticator entry
 * fills each, and whether that origin may be filled without a click. Kept in `storage.local`
 * beside (not inside) the encrypted vault: the content script must be registered at every worker
 * start, also while a passphrase keeps the vault locked. Origins and entry ids are not secrets.
 */
import * as v from 'valibot';
import type { StorageArea } from '../platform/storage-area';

export interface AutofillSite {
  /** Exact origin, as `URL.origin` spells it. */
  origin: string;
  /** The vault entry whose code this origin gets. */
  entryId: string;
  /** Fill as soon as a field appears, without a click (off unless the person opted in). */
  autoFill: boolean;
}

const KEY = 'otpAutofillSites';

const SitesSchema = v.array(
  v.strictObject({
    origin: v.pipe(v.string(), v.minLength(1), v.maxLength(512)),
    entryId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    autoFill: v.boolean(),
  }),
);

export interface AutofillSites {
  list(): Promise<AutofillSite[]>;
  get(origin: string): Promise<AutofillSite | undefined>;
  /** Binds an origin to an entry (replacing its previous entry); keeps an existing opt-in. */
  bind(origin: string, entryId: string): Promise<AutofillSite>;
  /** Forgets an origin; returns what it was. */
  unbind(origin: string): Promise<AutofillSite | undefined>;
  setAutoFill(origin: string, enabled: boolean): Promise<AutofillSite | undefined>;
  /** Forgets every origin of a removed entry; returns those origins. */
  forgetEntry(entryId: string): Promise<string[]>;
}

export function createAutofillSites(local: StorageArea): AutofillSites {
  // A corrupted value reads as "nothing allowed": autofill fails closed.
  const read = async (): Promise<AutofillSite[]> => {
    const parsed = v.safeParse(SitesSchema, await local.get(KEY));
    return parsed.success ? parsed.output : [];
  };
  // Read-modify-write calls are chained so two quick changes cannot lose one.
  let queue: Promise<unknown> = Promise.resolve();
  const update = <T>(change: (sites: AutofillSite[]) => { sites: AutofillSite[]; result: T }) => {
    const run = queue.then(async () => {
      const { sites, result } = change(await read());
      await local.set(KEY, sites);
      return result;
    });
    queue = run.catch(() => undefined);
    return run;
  };
  const settled = async () => {
    await queue;
  };

  return {
    async list() {
      await settled();
      return read();
    },
    async get(origin) {
      await settled();
      return (await read()).find((site) => site.origin === origin);
    },
    bind: (origin, entryId) =>
      update((sites) => {
        const previous = sites.find((site) => site.origin === origin);
        const site = { origin, entryId, autoFill: previous?.autoFill ?? false };
        return { sites: [...sites.filter((s) => s.origin !== origin), site], result: site };
      }),
    unbind: (origin) =>
      update((sites) => ({
        sites: sites.filter((site) => site.origin !== origin),
        result: sites.find((site) => site.origin === origin),
      })),
    setAutoFill: (origin, enabled) =>
      update((sites) => {
        const next = sites.map((site) =>
          site.origin === origin ? { ...site, autoFill: enabled } : site,
        );
        return { sites: next, result: next.find((site) => site.origin === origin) };
      }),
    forgetEntry: (entryId) =>
      update((sites) => ({
        sites: sites.filter((site) => site.entryId !== entryId),
        result: sites.filter((site) => site.entryId === entryId).map((site) => site.origin),
      })),
  };
}
