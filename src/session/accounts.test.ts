import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defineAccountItems } from '../platform/storage-items';
import { createSecretBox } from '../platform/secret-box';
import { createAccounts, demoAccounts, seedDemoAccounts, toAccountView } from './accounts';

const input = {
  displayName: 'Work',
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_AbC123',
  clientId: 'abc123',
  clientSecret: 's3cret',
  staySignedIn: false,
};

describe('accounts', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('creates, selects the first as active, updates keeping the secret, removes', async () => {
    const items = defineAccountItems();
    let n = 0;
    const accounts = createAccounts({
      accounts: items.accounts,
      activeAccountId: items.activeAccountId,
      newId: () => `id${String(++n)}`,
    });
    const first = await accounts.save(input);
    const second = await accounts.save({ ...input, displayName: 'Home' });
    expect(await accounts.activeId()).toBe(first.id);
    const { clientSecret: _omitted, ...withoutSecret } = input;
    const updated = await accounts.save({ ...withoutSecret, id: first.id, displayName: 'Work 2' });
    expect(updated).toMatchObject({ id: 'id1', displayName: 'Work 2', clientSecret: 's3cret' });
    await accounts.select(second.id);
    await accounts.remove(second.id);
    expect(await accounts.activeId()).toBe(first.id);
    expect((await accounts.list()).map((a) => a.id)).toEqual(['id1']);
    expect(await fakeBrowser.storage.local.get('accounts')).toMatchObject({
      accounts: [{ id: 'id1' }],
    });
  });

  it('keeps the password rules through an edit that does not carry them, and shows them to pages', async () => {
    const items = defineAccountItems();
    const accounts = createAccounts({
      accounts: items.accounts,
      activeAccountId: items.activeAccountId,
      newId: () => 'id1',
    });
    const passwordPolicy = {
      minLength: 12,
      requireLowercase: true,
      requireUppercase: false,
      requireNumbers: true,
      requireSymbols: false,
    };
    const created = await accounts.save({ ...input, passwordPolicy });
    const edited = await accounts.save({ ...input, id: created.id, displayName: 'Renamed' });
    expect(edited.passwordPolicy).toEqual(passwordPolicy);
    expect(toAccountView(edited).passwordPolicy).toEqual(passwordPolicy);
  });

  it('never shows the client secret to pages', () => {
    const view = toAccountView({ id: 'x', ...input });
    expect(view.hasClientSecret).toBe(true);
    expect(JSON.stringify(view)).not.toContain('s3cret');
  });

  it('seeds the demo accounts only into an empty list', async () => {
    const items = defineAccountItems();
    await seedDemoAccounts(items.accounts, items.activeAccountId);
    expect(await items.accounts.getValue()).toEqual(demoAccounts());
    expect(await items.activeAccountId.getValue()).toBe('demo-public');
    await items.accounts.setValue([{ id: 'mine', ...input }]);
    await seedDemoAccounts(items.accounts, items.activeAccountId);
    expect((await items.accounts.getValue()).map((a) => a.id)).toEqual(['mine']);
  });

  it('the demo accounts point at the local pool (public, secret, strict)', () => {
    expect(demoAccounts().map((a) => [a.clientId, a.endpoint, a.region, a.clientSecret])).toEqual([
      ['3demo0public0client0000000', 'http://127.0.0.1:9230', 'us-east-1', undefined],
      ['3demo0secret0client0000000', 'http://127.0.0.1:9230', 'us-east-1', 'demo-client-secret'],
      ['3demo0public0client0000001', 'http://127.0.0.1:9230', 'us-east-1', undefined],
    ]);
  });
});

describe('accounts: client secrets at rest', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  function withBox(keys = new Map<string, CryptoKey>()) {
    const items = defineAccountItems();
    const keyStore = {
      get: (name: string) => Promise.resolve(keys.get(name)),
      put: (name: string, key: CryptoKey) => {
        keys.set(name, key);
        return Promise.resolve();
      },
    };
    const accounts = createAccounts({
      accounts: items.accounts,
      activeAccountId: items.activeAccountId,
      newId: () => 'id1',
      box: createSecretBox(keyStore),
    });
    return { items, accounts, keys };
  }

  it('stores the secret sealed and gives it back opened', async () => {
    const { accounts } = withBox();
    await accounts.save(input);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('s3cret');
    expect((await accounts.get('id1'))?.clientSecret).toBe('s3cret');
  });

  it('seals a plain secret written by the demo seed on first read', async () => {
    const { items, accounts } = withBox();
    await seedDemoAccounts(items.accounts, items.activeAccountId);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).toContain(
      'demo-client-secret',
    );
    const secretClient = (await accounts.list()).find((a) => a.clientSecret !== undefined);
    expect(secretClient?.clientSecret).toBe('demo-client-secret');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(
      'demo-client-secret',
    );
  });

  it('drops a secret whose key is gone instead of failing', async () => {
    const first = withBox();
    await first.accounts.save(input);
    const second = withBox(new Map());
    const account = await second.accounts.get('id1');
    expect(account).toBeDefined();
    expect(account?.clientSecret).toBeUndefined();
  });
});
