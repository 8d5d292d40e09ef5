import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { OtpError } from './errors';
import { createMemoryKeyStore } from './key-store';
import { parseOtpauthUri } from './otpauth';
import { generateTotp } from './totp';
import { RFC_6238_VECTORS } from './rfc6238-vectors.fixture';
import { createAuthenticatorVault, storageSlot, type VaultDeps } from './vault';
import { fromBase64, MIN_PBKDF2_ITERATIONS } from './vault-crypto';

const STORAGE_KEY = 'authenticatorVault';
const BOB_SECRET = 'JBSWY3DPEHPK3PXP';

let keyStore: ReturnType<typeof createMemoryKeyStore>;
let counter = 0;

function deps(overrides: Partial<VaultDeps> = {}): VaultDeps {
  return {
    storage: storageSlot(fakeBrowser.storage.local, STORAGE_KEY),
    keyStore,
    crypto: globalThis.crypto,
    newId: () => `entry-${++counter}`,
    ...overrides,
  };
}

const stored = async () =>
  (await fakeBrowser.storage.local.get(STORAGE_KEY))[STORAGE_KEY] as Record<string, unknown>;

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as OtpError).code;
  }
  throw new Error('expected a rejection');
}

beforeEach(() => {
  fakeBrowser.reset();
  keyStore = createMemoryKeyStore();
  counter = 0;
});

describe('device-key vault', () => {
  it('starts empty, stores entries, reads them back', async () => {
    const vault = createAuthenticatorVault(deps());
    expect(await vault.status()).toBe('empty');
    expect(await vault.list()).toEqual([]);
    const bob = await vault.add({
      issuer: 'Cognito Pass demo',
      account: 'bob',
      secret: 'jbsw y3dp ehpk 3pxp',
      accountId: 'demo',
      username: 'bob',
    });
    expect(bob).toEqual({
      id: 'entry-1',
      issuer: 'Cognito Pass demo',
      account: 'bob',
      secret: BOB_SECRET,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      accountId: 'demo',
      username: 'bob',
    });
    expect(await vault.status()).toBe('unlocked');
    // A new instance (a restarted worker) reads the same data with the stored device key.
    expect(await createAuthenticatorVault(deps()).list()).toEqual([bob]);
  });

  it('keeps no secret, issuer or account readable in storage', async () => {
    const vault = createAuthenticatorVault(deps());
    await vault.add({
      issuer: 'ExampleIssuer',
      account: 'someone@example.com',
      secret: BOB_SECRET,
    });
    const everything = JSON.stringify(await fakeBrowser.storage.local.get(null));
    for (const needle of [
      BOB_SECRET,
      BOB_SECRET.toLowerCase(),
      'ExampleIssuer',
      'someone@example.com',
    ]) {
      expect(everything).not.toContain(needle);
    }
    // The raw key bytes (JBSWY3DPEHPK3PXP is "Hello!" + DEADBEEF) are not there either.
    const secretBytes = Buffer.from([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]);
    expect(everything).not.toContain(secretBytes.toString('base64'));
    expect(everything).not.toContain(secretBytes.toString('hex'));
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('uses a fresh 96-bit IV for every write', async () => {
    const vault = createAuthenticatorVault(deps());
    const entry = await vault.add({ account: 'a', secret: BOB_SECRET });
    const first = await stored();
    await vault.update(entry.id, { account: 'a' });
    const second = await stored();
    expect(fromBase64(first.iv as string)).toHaveLength(12);
    expect(second.iv).not.toBe(first.iv);
    expect(second.data).not.toBe(first.data);
  });

  it('keeps the device key non-extractable', async () => {
    await createAuthenticatorVault(deps()).add({ account: 'a', secret: BOB_SECRET });
    const key = await keyStore.get('authenticator-vault');
    expect(key?.extractable).toBe(false);
    await expect(globalThis.crypto.subtle.exportKey('raw', key as CryptoKey)).rejects.toThrow();
  });

  it('reports a lost device key clearly', async () => {
    await createAuthenticatorVault(deps()).add({ account: 'a', secret: BOB_SECRET });
    keyStore = createMemoryKeyStore();
    expect(await errorCode(createAuthenticatorVault(deps()).list())).toBe(
      'VAULT_DEVICE_KEY_MISSING',
    );
  });

  it('detects tampering and damaged data', async () => {
    const vault = createAuthenticatorVault(deps());
    await vault.add({ account: 'a', secret: BOB_SECRET });
    const good = await stored();
    const data = fromBase64(good.data as string);
    data[0] = (data[0] ?? 0) ^ 1;
    await fakeBrowser.storage.local.set({
      [STORAGE_KEY]: { ...good, data: Buffer.from(data).toString('base64') },
    });
    expect(await errorCode(vault.list())).toBe('VAULT_CORRUPT');
    await fakeBrowser.storage.local.set({ [STORAGE_KEY]: { format: 2 } });
    expect(await errorCode(vault.list())).toBe('VAULT_CORRUPT');
  });
});

describe('entries', () => {
  it('produces the RFC 6238 codes from entries stored and read back', async () => {
    const vault = createAuthenticatorVault(deps());
    const uris = {
      SHA1: 'otpauth://totp/RFC:sha1?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8',
      SHA256:
        'otpauth://totp/RFC:sha256?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA&digits=8&algorithm=SHA256',
      SHA512:
        'otpauth://totp/RFC:sha512?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA&digits=8&algorithm=SHA512',
    };
    for (const uri of Object.values(uris)) {
      const key = parseOtpauthUri(uri);
      if (!key.ok) throw new Error(key.error.code);
      await vault.add(key.value);
    }
    const [sha1, sha256, sha512] = await createAuthenticatorVault(deps()).list();
    if (!sha1 || !sha256 || !sha512) throw new Error('entries missing');
    for (const [seconds, c1, c256, c512] of RFC_6238_VECTORS) {
      expect(await generateTotp(sha1, seconds * 1000)).toBe(c1);
      expect(await generateTotp(sha256, seconds * 1000)).toBe(c256);
      expect(await generateTotp(sha512, seconds * 1000)).toBe(c512);
    }
  });

  it('updates, removes and refuses unknown ids', async () => {
    const vault = createAuthenticatorVault(deps());
    const a = await vault.add({ account: 'a', secret: BOB_SECRET });
    const b = await vault.add({ account: 'b', secret: 'KRSXG5CTMVRXEZLU', digits: '8' });
    const renamed = await vault.update(a.id, { account: 'alice', period: 60 });
    expect(renamed).toMatchObject({ id: a.id, account: 'alice', period: 60, secret: BOB_SECRET });
    expect(await vault.get(a.id)).toEqual(renamed);
    await vault.remove(a.id);
    expect(await vault.list()).toEqual([b]);
    expect(await errorCode(vault.remove(a.id))).toBe('VAULT_ENTRY_NOT_FOUND');
    expect(await errorCode(vault.update('nope', { account: 'x' }))).toBe('VAULT_ENTRY_NOT_FOUND');
    expect(await errorCode(vault.exportUri('nope'))).toBe('VAULT_ENTRY_NOT_FOUND');
  });

  it('binds an entry to a user and clears the binding with undefined', async () => {
    const vault = createAuthenticatorVault(deps());
    const a = await vault.add({ account: 'a', secret: BOB_SECRET });
    await vault.update(a.id, { accountId: 'demo', username: 'bob' });
    expect(await vault.findForUser('demo', 'BOB')).toMatchObject({ id: a.id });
    const freed = await vault.update(a.id, { accountId: undefined, username: undefined });
    expect(freed).not.toHaveProperty('accountId');
    expect(freed).not.toHaveProperty('username');
    expect(await vault.findForUser('demo', 'bob')).toBeUndefined();
  });

  it('refuses invalid entries with the defect named, and writes nothing', async () => {
    const vault = createAuthenticatorVault(deps());
    expect(await errorCode(vault.add({ account: 'a', secret: 'JBSWY3DPEHPK3PX1' }))).toBe(
      'OTP_SECRET_NOT_BASE32',
    );
    expect(await errorCode(vault.add({ account: 'a', secret: BOB_SECRET, digits: 7 }))).toBe(
      'OTP_BAD_DIGITS',
    );
    expect(await errorCode(vault.add({ account: '  ', secret: BOB_SECRET }))).toBe(
      'VAULT_INVALID_ENTRY',
    );
    expect(
      await errorCode(
        vault.add({ account: 'a', secret: BOB_SECRET, origins: ['https://example.com/path'] }),
      ),
    ).toBe('VAULT_INVALID_ENTRY');
    expect(await stored()).toBeUndefined();
  });

  it('keeps every entry when adds race', async () => {
    const vault = createAuthenticatorVault(deps());
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((account) => vault.add({ account, secret: BOB_SECRET })),
    );
    expect((await vault.list()).map((e) => e.account).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('finds the entry for a Cognito user (case-insensitive username) and for an origin', async () => {
    const vault = createAuthenticatorVault(deps());
    await vault.add({ account: 'bob', secret: BOB_SECRET, accountId: 'demo', username: 'bob' });
    const erin = await vault.add({
      account: 'erin',
      secret: 'KRSXG5CTMVRXEZLU',
      accountId: 'demo',
      username: 'Erin',
      origins: ['http://127.0.0.1:5173'],
    });
    expect(await vault.findForUser('demo', 'ERIN')).toEqual(erin);
    expect(await vault.findForUser('strict', 'erin')).toBeUndefined();
    expect(await vault.findForOrigin('http://127.0.0.1:5173')).toEqual(erin);
    expect(await vault.findForOrigin('http://127.0.0.1:5174')).toBeUndefined();
  });

  it('exports an entry as an otpauth URI that parses back to it', async () => {
    const vault = createAuthenticatorVault(deps());
    const entry = await vault.add({
      issuer: 'ACME Co',
      account: 'j@example.com',
      secret: BOB_SECRET,
      algorithm: 'sha256',
      digits: 8,
    });
    const uri = await vault.exportUri(entry.id);
    expect(uri).toBe(
      `otpauth://totp/ACME%20Co:j%40example.com?secret=${BOB_SECRET}&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=30`,
    );
    const back = parseOtpauthUri(uri);
    expect(back.ok && back.value).toEqual({
      issuer: 'ACME Co',
      account: 'j@example.com',
      secret: BOB_SECRET,
      algorithm: 'SHA256',
      digits: 8,
      period: 30,
    });
  });
});

describe('passphrase lock', () => {
  it('refuses fewer than 600,000 PBKDF2 iterations', () => {
    expect(() => createAuthenticatorVault(deps({ pbkdf2Iterations: 100_000 }))).toThrow(RangeError);
  });

  it('locks the vault until the right passphrase is given', async () => {
    const vault = createAuthenticatorVault(deps());
    const bob = await vault.add({ account: 'bob', secret: BOB_SECRET });
    await vault.setPassphrase('correct horse battery staple');

    const lock = (await stored()).lock as Record<string, unknown>;
    expect(lock).toMatchObject({ kind: 'passphrase', kdf: 'PBKDF2-SHA256' });
    expect(lock.iterations).toBeGreaterThanOrEqual(MIN_PBKDF2_ITERATIONS);
    expect(fromBase64(lock.salt as string)).toHaveLength(16);
    expect(await keyStore.get('authenticator-vault')).toBeUndefined();
    expect(await vault.list()).toEqual([bob]);

    // A restarted worker: nothing readable, nothing writable.
    const restarted = createAuthenticatorVault(deps());
    expect(await restarted.status()).toBe('locked');
    expect(await errorCode(restarted.list())).toBe('VAULT_LOCKED');
    expect(await errorCode(restarted.findForUser('demo', 'bob'))).toBe('VAULT_LOCKED');
    const before = await stored();
    expect(await errorCode(restarted.add({ account: 'x', secret: BOB_SECRET }))).toBe(
      'VAULT_LOCKED',
    );
    expect(await errorCode(restarted.unlock('wrong passphrase'))).toBe('VAULT_WRONG_PASSPHRASE');
    expect(await restarted.status()).toBe('locked');
    expect(await stored()).toEqual(before);

    await restarted.unlock('correct horse battery staple');
    expect(await restarted.status()).toBe('unlocked');
    expect(await restarted.list()).toEqual([bob]);
    restarted.lock();
    expect(await errorCode(restarted.list())).toBe('VAULT_LOCKED');
  });

  it('gives a salt of its own to every passphrase and can go back to the device key', async () => {
    const vault = createAuthenticatorVault(deps());
    await vault.add({ account: 'bob', secret: BOB_SECRET });
    await vault.setPassphrase('first passphrase');
    const firstSalt = ((await stored()).lock as { salt: string }).salt;
    await vault.setPassphrase('second passphrase');
    expect(((await stored()).lock as { salt: string }).salt).not.toBe(firstSalt);
    expect(await errorCode(createAuthenticatorVault(deps()).unlock('first passphrase'))).toBe(
      'VAULT_WRONG_PASSPHRASE',
    );
    expect(await errorCode(vault.setPassphrase('short'))).toBe('VAULT_PASSPHRASE_TOO_SHORT');

    await vault.removePassphrase();
    expect((await stored()).lock).toEqual({ kind: 'device' });
    expect(await createAuthenticatorVault(deps()).list()).toHaveLength(1);
    expect(await errorCode(vault.unlock('anything at all'))).toBe('VAULT_NO_PASSPHRASE');
  });

  it('does not accept a passphrase vault relabelled as a device vault', async () => {
    const vault = createAuthenticatorVault(deps());
    await vault.add({ account: 'bob', secret: BOB_SECRET });
    const deviceKey = await keyStore.get('authenticator-vault');
    await vault.setPassphrase('correct horse battery staple');
    if (deviceKey) await keyStore.put('authenticator-vault', deviceKey);
    await fakeBrowser.storage.local.set({
      [STORAGE_KEY]: { ...(await stored()), lock: { kind: 'device' } },
    });
    expect(await errorCode(createAuthenticatorVault(deps()).list())).toBe('VAULT_CORRUPT');
  });
});

it('never writes to the console, whatever happens', async () => {
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
    vi.spyOn(console, method),
  );
  const vault = createAuthenticatorVault(deps());
  await vault.add({ account: 'bob', secret: BOB_SECRET });
  await vault.setPassphrase('correct horse battery staple');
  await errorCode(createAuthenticatorVault(deps()).unlock('wrong passphrase'));
  await vault.exportUri('entry-1');
  for (const spy of spies) expect(spy).not.toHaveBeenCalled();
});
