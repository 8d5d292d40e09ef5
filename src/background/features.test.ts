import { describe, expect, it } from 'vitest';
import { createMemoryKeyStore } from '../otp/key-store';
import { createAuthenticatorVault, storageSlot } from '../otp/vault';
import { createLogger } from '../platform/logger';
import { memoryStorageArea } from '../platform/storage-area';
import type { Site, SiteInput } from '../sites/allow-list';
import type { SitesService } from '../sites/wire';
import { createAutoAnswerStore } from './auto-answer-store';
import { createFeatureHandler } from './features';

const SECRET = 'JBSWY3DPEHPK3PXP';
const NOW = 1_700_000_020_000;

function memoryArea() {
  const values: Record<string, unknown> = {};
  return {
    get: (key: string) => Promise.resolve({ [key]: values[key] }),
    set: (items: Record<string, unknown>) => {
      Object.assign(values, items);
      return Promise.resolve();
    },
    values,
  };
}

function fakeSites(): SitesService {
  const sites = new Map<string, Site>();
  let nextRule = 1;
  const put = (input: SiteInput) => {
    const site: Site = {
      origin: input.origin,
      accountId: input.accountId,
      format: input.format ?? 'amplify-local-storage',
      apiOrigins: input.apiOrigins ?? [],
      tokenForHeader: input.tokenForHeader ?? 'access',
      shareRefreshToken: input.shareRefreshToken ?? false,
      ruleId: nextRule++,
    };
    sites.set(site.origin, site);
    return Promise.resolve(site);
  };
  return {
    onTokensChanged: () => Promise.resolve({ pushed: 0 } as never),
    shareSite: put,
    updateSite: put,
    removeSite: (origin) => {
      sites.delete(origin);
      return Promise.resolve();
    },
    listSites: () => Promise.resolve([...sites.values()]),
    siteOwnsRefresh: () => Promise.resolve(false),
    resync: () => Promise.resolve(),
  };
}

function setup() {
  const area = memoryArea();
  const vault = createAuthenticatorVault({
    storage: storageSlot(area, 'authenticatorVault'),
    keyStore: createMemoryKeyStore(),
    crypto: globalThis.crypto,
    newId: () => crypto.randomUUID(),
    pbkdf2Iterations: 600_000,
  });
  const handle = createFeatureHandler({
    sites: fakeSites(),
    isGranted: (origin) => Promise.resolve(origin !== 'https://revoked.example'),
    vault,
    autoAnswer: createAutoAnswerStore(memoryStorageArea()),
    now: () => NOW,
    logger: createLogger('silent', () => undefined),
  });
  return { handle, area };
}

describe('feature requests: sites', () => {
  it('answers every change with the list of sites and whether each is still granted', async () => {
    const { handle } = setup();
    await handle({ type: 'shareSite', origin: 'https://app.example', accountId: 'demo' });
    const reply = await handle({
      type: 'shareSite',
      origin: 'https://revoked.example',
      accountId: 'demo',
    });
    if (!reply.ok || !('sites' in reply)) throw new Error('expected sites');
    expect(reply.sites.map((s) => [s.origin, s.granted])).toEqual([
      ['https://app.example', true],
      ['https://revoked.example', false],
    ]);
    expect(reply.sites[0]).not.toHaveProperty('ruleId');
    const removed = await handle({ type: 'removeSite', origin: 'https://app.example' });
    expect(removed.ok && 'sites' in removed && removed.sites.map((s) => s.origin)).toEqual([
      'https://revoked.example',
    ]);
  });
});

describe('feature requests: authenticator', () => {
  it('adds from an otpauth URI and lists codes, never secrets', async () => {
    const { handle } = setup();
    const reply = await handle({
      type: 'otp:addUri',
      uri: `otpauth://totp/Demo:bob?secret=${SECRET}&issuer=Demo`,
    });
    if (!reply.ok || !('authenticator' in reply)) throw new Error('expected authenticator');
    expect(reply.authenticator.status).toBe('unlocked');
    expect(reply.authenticator.entries).toEqual([
      expect.objectContaining({
        issuer: 'Demo',
        account: 'bob',
        digits: 6,
        period: 30,
        secondsRemaining: 20,
      }),
    ]);
    expect(JSON.stringify(reply)).not.toContain(SECRET);
  });

  it('explains a malformed URI and adds nothing', async () => {
    const { handle } = setup();
    const reply = await handle({ type: 'otp:addUri', uri: 'otpauth://totp/x?secret=not-base32!' });
    expect(reply.ok).toBe(false);
    const list = await handle({ type: 'otp:list' });
    expect(list.ok && 'authenticator' in list && list.authenticator.entries).toEqual([]);
  });

  it('exports only on request, locks with a passphrase and unlocks', async () => {
    const { handle, area } = setup();
    const added = await handle({
      type: 'otp:addManual',
      issuer: 'Demo',
      account: 'erin',
      secret: SECRET,
    });
    if (!added.ok || !('authenticator' in added)) throw new Error('expected authenticator');
    const id = added.authenticator.entries[0]?.id ?? '';
    const exported = await handle({ type: 'otp:export', id });
    expect(exported.ok && 'exportedUri' in exported && exported.exportedUri).toContain(
      `secret=${SECRET}`,
    );

    await handle({ type: 'otp:setPassphrase', passphrase: 'correct horse battery' });
    await handle({ type: 'otp:lock' });
    const locked = await handle({ type: 'otp:list' });
    expect(locked.ok && 'authenticator' in locked && locked.authenticator).toEqual({
      status: 'locked',
      entries: [],
      autoAnswer: [],
    });
    const wrong = await handle({ type: 'otp:unlock', passphrase: 'wrong passphrase' });
    expect(wrong.ok).toBe(false);
    const unlocked = await handle({ type: 'otp:unlock', passphrase: 'correct horse battery' });
    expect(
      unlocked.ok && 'authenticator' in unlocked && unlocked.authenticator.entries,
    ).toHaveLength(1);
    expect(JSON.stringify(area.values)).not.toContain(SECRET);
  });

  it('keeps the per-account auto-answer switch, off by default', async () => {
    const { handle } = setup();
    const on = await handle({ type: 'otp:setAutoAnswer', accountId: 'strict', enabled: true });
    expect(on.ok && 'authenticator' in on && on.authenticator.autoAnswer).toEqual(['strict']);
    const off = await handle({ type: 'otp:setAutoAnswer', accountId: 'strict', enabled: false });
    expect(off.ok && 'authenticator' in off && off.authenticator.autoAnswer).toEqual([]);
  });
});
