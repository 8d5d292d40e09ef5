/**
 * Accounts (profiles): one app client of one user pool, each with its own signed-in user.
 * Kept in a versioned `storage.local` item; pages only ever see `AccountView` (no secret).
 */
import type { AccountInput, AccountView, AuthFlow } from '../platform/protocol';

export interface Account {
  id: string;
  displayName: string;
  region: string;
  userPoolId: string;
  clientId: string;
  /** Not secret from anyone who has the extension, but never sent to pages. */
  clientSecret?: string;
  endpoint?: string;
  staySignedIn: boolean;
  defaultAuthFlow?: AuthFlow;
}

/** The shape of a WXT storage item, so tests and the background pass the real thing. */
export interface Item<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

export interface AccountsDeps {
  accounts: Item<Account[]>;
  activeAccountId: Item<string | null>;
  newId: () => string;
}

export interface Accounts {
  list(): Promise<Account[]>;
  get(id: string): Promise<Account | undefined>;
  /** Creates (no id) or replaces (id); an omitted secret keeps the stored one. */
  save(input: AccountInput): Promise<Account>;
  remove(id: string): Promise<void>;
  activeId(): Promise<string | null>;
  select(id: string): Promise<void>;
}

export function createAccounts(deps: AccountsDeps): Accounts {
  const list = () => deps.accounts.getValue();
  return {
    list,
    get: async (id) => (await list()).find((account) => account.id === id),
    async save(input) {
      const all = await list();
      const existing = input.id === undefined ? undefined : all.find((a) => a.id === input.id);
      const clientSecret = input.clientSecret ?? existing?.clientSecret;
      const account: Account = {
        id: input.id ?? deps.newId(),
        displayName: input.displayName,
        region: input.region,
        userPoolId: input.userPoolId,
        clientId: input.clientId,
        ...(clientSecret !== undefined && { clientSecret }),
        ...(input.endpoint !== undefined && { endpoint: input.endpoint }),
        staySignedIn: input.staySignedIn,
        ...(input.defaultAuthFlow !== undefined && { defaultAuthFlow: input.defaultAuthFlow }),
      };
      const next = existing
        ? all.map((a) => (a.id === account.id ? account : a))
        : [...all, account];
      await deps.accounts.setValue(next);
      if ((await deps.activeAccountId.getValue()) === null)
        await deps.activeAccountId.setValue(account.id);
      return account;
    },
    async remove(id) {
      const remaining = (await list()).filter((a) => a.id !== id);
      await deps.accounts.setValue(remaining);
      if ((await deps.activeAccountId.getValue()) === id) {
        await deps.activeAccountId.setValue(remaining[0]?.id ?? null);
      }
    },
    async activeId() {
      const id = await deps.activeAccountId.getValue();
      const all = await list();
      if (id !== null && all.some((a) => a.id === id)) return id;
      return all[0]?.id ?? null;
    },
    async select(id) {
      await deps.activeAccountId.setValue(id);
    },
  };
}

export function toAccountView(account: Account): AccountView {
  return {
    id: account.id,
    displayName: account.displayName,
    region: account.region,
    userPoolId: account.userPoolId,
    clientId: account.clientId,
    hasClientSecret: account.clientSecret !== undefined,
    ...(account.endpoint !== undefined && { endpoint: account.endpoint }),
    staySignedIn: account.staySignedIn,
    ...(account.defaultAuthFlow !== undefined && { defaultAuthFlow: account.defaultAuthFlow }),
  };
}

export const DEMO_ENDPOINT = 'http://127.0.0.1:9230';

/** The local pool's demo app clients (DESIGN.md, "Demo seed"), seeded in the demo build. */
export function demoAccounts(): Account[] {
  const common = { region: 'us-east-1', endpoint: DEMO_ENDPOINT, staySignedIn: true };
  return [
    {
      id: 'demo-public',
      displayName: 'Demo pool',
      userPoolId: 'us-east-1_DemoPool0',
      clientId: '3demo0public0client0000000',
      ...common,
    },
    {
      id: 'demo-secret',
      displayName: 'Demo pool (client secret)',
      userPoolId: 'us-east-1_DemoPool0',
      clientId: '3demo0secret0client0000000',
      clientSecret: 'demo-client-secret',
      ...common,
    },
    {
      id: 'strict',
      displayName: 'Strict pool',
      userPoolId: 'us-east-1_DemoPool1',
      clientId: '3demo0public0client0000001',
      ...common,
    },
  ];
}

/** Seeds the demo accounts once, only into an empty list (never over the person's own). */
export async function seedDemoAccounts(
  accounts: Item<Account[]>,
  active: Item<string | null>,
): Promise<void> {
  if ((await accounts.getValue()).length > 0) return;
  const demo = demoAccounts();
  await accounts.setValue(demo);
  await active.setValue(demo[0]?.id ?? null);
}
