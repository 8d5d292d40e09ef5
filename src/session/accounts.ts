/**
 * Accounts (profiles): one app client of one user pool, each with its own signed-in user.
 * Kept in a versioned `storage.local` item; pages only ever see `AccountView` (no secret).
 */
import type { AccountInput, AccountView, AuthFlow } from '../platform/protocol';
import type { SecretBox } from '../platform/secret-box';
import type { OAuthSettings } from '../oauth/settings';
import type { PasswordPolicy } from './password-policy';

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
  /** Hosted UI / federated sign-in (src/oauth); absent: no "Sign in with …" buttons. */
  oauth?: OAuthSettings;
  /** The pool's password rules, when known (src/session/password-policy.ts). */
  passwordPolicy?: PasswordPolicy;
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
  /**
   * Seals client secrets at rest (AES-GCM, non-extractable key): in storage the account holds
   * `v1.<iv>.<ciphertext>`, never the secret. Without it (unit tests) secrets are kept as given.
   */
  box?: SecretBox;
}

const SEALED = /^v1\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/;

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
  const box = deps.box;

  /** Stored accounts with their secrets opened; plain secrets (the demo seed) get sealed. */
  async function list(): Promise<Account[]> {
    const stored = await deps.accounts.getValue();
    if (!box) return stored;
    const plain = stored.some(
      (account) => account.clientSecret !== undefined && !SEALED.test(account.clientSecret),
    );
    const opened = await Promise.all(
      stored.map(async (account) => {
        const secret = account.clientSecret;
        if (secret === undefined) return account;
        if (!SEALED.test(secret)) return account;
        try {
          return { ...account, clientSecret: await box.open(secret) };
        } catch {
          // The key is gone (profile reset): the secret cannot come back; the person re-enters it.
          const { clientSecret: _lost, ...rest } = account;
          return rest;
        }
      }),
    );
    if (plain) await write(opened);
    return opened;
  }

  async function write(all: Account[]): Promise<void> {
    if (!box) {
      await deps.accounts.setValue(all);
      return;
    }
    const sealed = await Promise.all(
      all.map(async (account) =>
        account.clientSecret === undefined
          ? account
          : { ...account, clientSecret: await box.seal(account.clientSecret) },
      ),
    );
    await deps.accounts.setValue(sealed);
  }

  return {
    list,
    get: async (id) => (await list()).find((account) => account.id === id),
    async save(input) {
      const all = await list();
      const existing = input.id === undefined ? undefined : all.find((a) => a.id === input.id);
      const clientSecret = input.clientSecret ?? existing?.clientSecret;
      // Like the secret: an editor that does not show the hosted UI settings keeps them.
      const oauth = input.oauth === null ? undefined : (input.oauth ?? existing?.oauth);
      const passwordPolicy = input.passwordPolicy ?? existing?.passwordPolicy;
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
        ...(oauth !== undefined && { oauth }),
        ...(passwordPolicy !== undefined && { passwordPolicy }),
      };
      const next = existing
        ? all.map((a) => (a.id === account.id ? account : a))
        : [...all, account];
      await write(next);
      if ((await deps.activeAccountId.getValue()) === null)
        await deps.activeAccountId.setValue(account.id);
      return account;
    },
    async remove(id) {
      const remaining = (await list()).filter((a) => a.id !== id);
      await write(remaining);
      if ((await deps.activeAccountId.getValue()) === id) {
        await deps.activeAccountId.setValue(remaining[0]?.id ?? null);
      }
    },
    async activeId() {
      const [id, all] = await Promise.all([deps.activeAccountId.getValue(), list()]);
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
    ...(account.oauth !== undefined && { oauth: account.oauth }),
    ...(account.passwordPolicy !== undefined && { passwordPolicy: account.passwordPolicy }),
  };
}

export const DEMO_ENDPOINT = 'http://127.0.0.1:9230';

/** The local pool's default (Cognito's default too): local-pool/config.ts. */
const DEMO_PASSWORD_POLICY: PasswordPolicy = {
  minLength: 8,
  requireLowercase: true,
  requireUppercase: true,
  requireNumbers: true,
  requireSymbols: true,
};

/** The local pool's demo app clients (DESIGN.md, "Demo seed"), seeded in the demo build. */
export function demoAccounts(): Account[] {
  const common = {
    region: 'us-east-1',
    endpoint: DEMO_ENDPOINT,
    staySignedIn: true,
    passwordPolicy: DEMO_PASSWORD_POLICY,
  };
  return [
    {
      id: 'demo-public',
      displayName: 'Demo pool',
      userPoolId: 'us-east-1_DemoPool0',
      clientId: '3demo0public0client0000000',
      // The local pool's hosted UI: its login page and the fake DemoIdP (local-pool/oauth).
      oauth: {
        domain: DEMO_ENDPOINT,
        scopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
        identityProviders: ['COGNITO', 'DemoIdP'],
      },
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
