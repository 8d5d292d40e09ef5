/**
 * Which document in which tab runs a bridge, learned from the bridge's own request at
 * document_start (the sender carries `documentId`). Pushes target that exact document, so a tab
 * that navigated since (to anything) never receives the message. This needs no `webNavigation`
 * permission (its "read your browsing history" warning) and covers exactly the documents that
 * can receive a push: a bridge is only present where it asked. Kept in `storage.session` so a
 * restarted service worker still knows the open tabs.
 */
import type { WxtStorage } from 'wxt/utils/storage';

export interface BridgeDocument {
  documentId: string;
  origin: string;
}

type Documents = Record<string, BridgeDocument>;

export interface DocumentsItem {
  getValue(): Promise<Documents>;
  setValue(documents: Documents): Promise<void>;
}

export function defineDocumentsItem(storage: WxtStorage): DocumentsItem {
  return storage.defineItem<Documents>('session:siteBridgeDocuments', { fallback: {} });
}

export interface DocumentRegistry {
  get(tabId: number): Promise<BridgeDocument | undefined>;
  set(tabId: number, document: BridgeDocument): Promise<void>;
  delete(tabId: number): Promise<void>;
  /** Every known bridge document of an origin, by tab id. */
  listOrigin(origin: string): Promise<Array<[tabId: number, document: BridgeDocument]>>;
  /** Forgets every document of an origin (site removed). */
  deleteOrigin(origin: string): Promise<void>;
}

export function createDocumentRegistry(item: DocumentsItem): DocumentRegistry {
  // Read-modify-write calls are chained: three tabs asking at once must not lose two updates.
  let queue: Promise<unknown> = Promise.resolve();
  const update = (change: (documents: Documents) => Documents): Promise<void> => {
    const next = queue.then(async () => {
      await item.setValue(change(await item.getValue()));
    });
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    async get(tabId) {
      await queue;
      return (await item.getValue())[String(tabId)];
    },
    async listOrigin(origin) {
      await queue;
      return Object.entries(await item.getValue())
        .filter(([, doc]) => doc.origin === origin)
        .map(([tabId, doc]) => [Number(tabId), doc]);
    },
    set: (tabId, document) => update((documents) => ({ ...documents, [String(tabId)]: document })),
    delete: (tabId) =>
      update((documents) =>
        Object.fromEntries(Object.entries(documents).filter(([key]) => key !== String(tabId))),
      ),
    deleteOrigin: (origin) =>
      update((documents) =>
        Object.fromEntries(Object.entries(documents).filter(([, doc]) => doc.origin !== origin)),
      ),
  };
}
