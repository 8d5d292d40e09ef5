import { describe, expect, it, vi } from 'vitest';
import type { CoreFeatureRequest, FeatureResponse } from '../platform/feature-protocol';
import { memoryStorageArea } from '../platform/storage-area';
import { createMemoryKeyStore } from '../otp/key-store';
import { OTP_AUTOFILL_SCRIPT_FILE, otpScriptId } from '../otp/autofill-registration';
import type { OtpCodeResponse } from '../otp/messages';
import { generateTotp } from '../otp/totp';
import { createAuthenticatorVault, type StoredVault } from '../otp/vault';
import {
  createOtpFillCommand,
  FILL_COMMAND,
  FILL_MENU_ID,
  FILL_PROBLEMS,
  type FillScriptingPort,
} from '../otp/fill-command';
import type { FillMenuPort, FillMenuProperties } from '../otp/fill-menu';
import { wireOtpAutofill, type OtpAutofillBrowser } from './authenticator-autofill';

const ORIGIN = 'http://127.0.0.1:8123';
const OTHER = 'https://other.example';
const SECRET = 'JBSWY3DPEHPK3PXP';
const NOW = 1_700_000_022_000;

type Listener = Parameters<OtpAutofillBrowser['runtime']['onMessage']['addListener']>[0];
type Change = (permissions: { origins?: string[] }) => void;

function fakeBrowser(grants: Set<string>) {
  const scripts = new Map<string, { matches: string[]; js: string[] }>();
  const listeners: Listener[] = [];
  const added: Change[] = [];
  const removed: Change[] = [];
  const injected: number[] = [];
  const browser: OtpAutofillBrowser = {
    runtime: { id: 'ext', onMessage: { addListener: (l) => listeners.push(l) } },
    permissions: {
      contains: ({ origins }) => Promise.resolve(origins.every((o) => grants.has(o))),
      remove: ({ origins }) => {
        for (const origin of origins) grants.delete(origin);
        return Promise.resolve(true);
      },
      onAdded: { addListener: (l) => added.push(l) },
      onRemoved: { addListener: (l) => removed.push(l) },
    },
    tabs: {
      query: () =>
        Promise.resolve([{ id: 4, url: `${ORIGIN}/mfa` }, { id: 5, url: `${OTHER}/` }, { id: 6 }]),
    },
    scripting: {
      registerContentScripts: (list) => {
        for (const s of list) scripts.set(s.id, { matches: s.matches, js: s.js });
        return Promise.resolve();
      },
      unregisterContentScripts: ({ ids }) => {
        for (const id of ids) scripts.delete(id);
        return Promise.resolve();
      },
      getRegisteredContentScripts: (filter) =>
        Promise.resolve(
          [...scripts.keys()]
            .filter((id) => !filter?.ids || filter.ids.includes(id))
            .map((id) => ({ id })),
        ),
      executeScript: ({ target }) => {
        injected.push(target.tabId);
        return Promise.resolve();
      },
    },
  };
  return { browser, scripts, listeners, added, removed, injected };
}

function setup(options: { grants?: string[]; shared?: string[]; failingMenu?: boolean } = {}) {
  const grants = new Set(options.grants ?? [`${ORIGIN}/*`]);
  const fake = fakeBrowser(grants);
  let stored: StoredVault | undefined;
  const vault = createAuthenticatorVault({
    storage: {
      read: () => Promise.resolve(stored),
      write: (value) => {
        stored = value;
        return Promise.resolve();
      },
    },
    keyStore: createMemoryKeyStore(),
    crypto: globalThis.crypto,
    newId: () => crypto.randomUUID(),
  });
  const onError = vi.fn();
  const menu = new Map<string, FillMenuProperties>();
  const fillMenu: FillMenuPort = {
    create: (properties) => {
      if (options.failingMenu) return Promise.reject(new Error('contextMenus unavailable'));
      menu.set(properties.id, properties);
      return Promise.resolve();
    },
    remove: (id) => (menu.delete(id) ? Promise.resolve() : Promise.reject(new Error('none'))),
  };
  const service = wireOtpAutofill({
    fillMenu,
    browser: fake.browser,
    local: memoryStorageArea(),
    vault,
    sharedSiteOrigins: () => Promise.resolve(options.shared ?? []),
    now: () => NOW,
    onError,
  });
  const core = vi.fn((_request: CoreFeatureRequest): Promise<FeatureResponse> =>
    Promise.resolve({
      ok: true,
      authenticator: { status: 'unlocked', entries: [], autoAnswer: [] },
    }),
  );
  const handle = service.withAutofill(core);
  const ask = (sender: Record<string, unknown>, message: unknown = { type: 'otp:getCode' }) =>
    new Promise<OtpCodeResponse | undefined>((resolve) => {
      const answered = fake.listeners.map((l) => l(message, sender, resolve));
      if (!answered.includes(true)) resolve(undefined);
    });
  return { ...fake, grants, vault, service, handle, core, ask, onError, menu };
}

const topFrame = (origin: string) => ({
  id: 'ext',
  tab: { id: 4, url: `${origin}/mfa` },
  frameId: 0,
  url: `${origin}/mfa`,
  origin,
  documentId: 'DOC1',
});

describe('wireOtpAutofill', () => {
  it('binds an origin: registers the script for exactly it and injects it into its open tab', async () => {
    const t = setup();
    const entry = await t.vault.add({ account: 'bob', secret: SECRET });
    const response = await t.handle({ type: 'otp:bindOrigin', id: entry.id, origin: `${ORIGIN}/` });
    expect(response).toMatchObject({
      ok: true,
      authenticator: {
        autofillSites: [{ origin: ORIGIN, entryId: entry.id, autoFill: false, granted: true }],
      },
    });
    expect([...t.scripts.entries()]).toEqual([
      [otpScriptId(ORIGIN), { matches: [`${ORIGIN}/*`], js: [OTP_AUTOFILL_SCRIPT_FILE] }],
    ]);
    expect(t.injected).toEqual([4]);
  });

  it('answers otp:getCode with the current code for the bound origin only', async () => {
    const t = setup({ grants: [`${ORIGIN}/*`, `${OTHER}/*`] });
    const entry = await t.vault.add({ account: 'bob', secret: SECRET });
    await t.handle({ type: 'otp:bindOrigin', id: entry.id, origin: ORIGIN });
    expect(await t.ask(topFrame(ORIGIN))).toEqual({
      ok: true,
      code: await generateTotp(entry, NOW),
      secondsRemaining: 18,
    });
    // Granted but never bound, a sub-frame, no document id, a page's own message: all refused.
    for (const sender of [
      topFrame(OTHER),
      { ...topFrame(ORIGIN), frameId: 2 },
      { ...topFrame(ORIGIN), documentId: undefined },
      { ...topFrame(ORIGIN), id: 'another-extension' },
    ]) {
      expect(await t.ask(sender)).toMatchObject({
        ok: false,
        error: { code: 'OTP_REQUEST_REFUSED' },
      });
    }
    // Without a click only where the person opted in.
    expect(await t.ask(topFrame(ORIGIN), { type: 'otp:getCode', auto: true })).toMatchObject({
      ok: false,
      error: { code: 'OTP_GESTURE_REQUIRED' },
    });
    await t.handle({ type: 'otp:setAutoFill', origin: ORIGIN, enabled: true });
    expect(await t.ask(topFrame(ORIGIN), { type: 'otp:getCode', auto: true })).toMatchObject({
      ok: true,
    });
    // Other messages are left to other listeners.
    expect(await t.ask(topFrame(ORIGIN), { type: 'bridge:getSession' })).toBeUndefined();
  });

  it('registers nothing and refuses codes while the origin is not granted; a later grant registers it', async () => {
    const t = setup({ grants: [] });
    const entry = await t.vault.add({ account: 'bob', secret: SECRET });
    const response = await t.handle({ type: 'otp:bindOrigin', id: entry.id, origin: ORIGIN });
    expect(response).toMatchObject({
      authenticator: { autofillSites: [{ origin: ORIGIN, granted: false }] },
    });
    expect(t.scripts.size).toBe(0);
    expect(await t.ask(topFrame(ORIGIN))).toMatchObject({ ok: false });

    t.grants.add(`${ORIGIN}/*`);
    for (const listener of t.added) listener({ origins: [`${ORIGIN}/*`] });
    await vi.waitFor(() => {
      expect(t.scripts.has(otpScriptId(ORIGIN))).toBe(true);
    });
    expect(await t.ask(topFrame(ORIGIN))).toMatchObject({ ok: true });

    // Revoked in the browser's settings: unregistered, and no code any more.
    t.grants.clear();
    for (const listener of t.removed) listener({ origins: [`${ORIGIN}/*`] });
    await vi.waitFor(() => {
      expect(t.scripts.size).toBe(0);
    });
    expect(await t.ask(topFrame(ORIGIN))).toMatchObject({ ok: false });
  });

  it('unbinding unregisters and gives the access back unless a shared site still uses it', async () => {
    const t = setup({ grants: [`${ORIGIN}/*`, `${OTHER}/*`], shared: [OTHER] });
    const entry = await t.vault.add({ account: 'bob', secret: SECRET });
    await t.handle({ type: 'otp:bindOrigin', id: entry.id, origin: ORIGIN });
    await t.handle({ type: 'otp:bindOrigin', id: entry.id, origin: OTHER });
    expect(t.scripts.size).toBe(2);
    await t.handle({ type: 'otp:unbindOrigin', origin: ORIGIN });
    expect([...t.scripts.keys()]).toEqual([otpScriptId(OTHER)]);
    expect([...t.grants]).toEqual([`${OTHER}/*`]);
    // Removing the entry forgets its other origin, but session sharing keeps its access.
    const removed = await t.handle({ type: 'otp:remove', id: entry.id });
    expect(t.core).toHaveBeenLastCalledWith({ type: 'otp:remove', id: entry.id });
    expect(removed).toMatchObject({ authenticator: { autofillSites: [] } });
    expect(t.scripts.size).toBe(0);
    expect([...t.grants]).toEqual([`${OTHER}/*`]);
  });

  it('resync drops registrations of origins no longer allowed', async () => {
    const t = setup();
    t.scripts.set(otpScriptId('https://stale.example'), { matches: [], js: [] });
    t.scripts.set('session-bridge-00', { matches: [], js: [] });
    await t.service.resync();
    expect([...t.scripts.keys()]).toEqual(['session-bridge-00']);
  });

  it('refuses a wildcard or path origin and an unknown entry', async () => {
    const t = setup();
    const entry = await t.vault.add({ account: 'bob', secret: SECRET });
    for (const origin of ['https://*.example.com', 'https://a.example/login', 'ftp://a.example']) {
      expect(await t.handle({ type: 'otp:bindOrigin', id: entry.id, origin })).toMatchObject({
        ok: false,
        error: { code: 'OTP_INVALID_ORIGIN' },
      });
    }
    expect(await t.handle({ type: 'otp:bindOrigin', id: 'nope', origin: ORIGIN })).toMatchObject({
      ok: false,
      error: { code: 'OTP_NO_SUCH_ENTRY' },
    });
    expect(t.scripts.size).toBe(0);
  });

  it('adds from an otpauth URI with the issuer and account prefilled, bound to a user', async () => {
    const t = setup();
    await t.handle({
      type: 'otp:addUri',
      uri: `otpauth://totp/Demo:bob@example.com?secret=${SECRET}&issuer=Demo`,
      accountId: 'demo',
      username: 'bob',
    });
    expect(t.core).toHaveBeenCalledWith({ type: 'otp:list' });
    const [added] = await t.vault.list();
    expect(added).toMatchObject({
      issuer: 'Demo',
      account: 'bob@example.com',
      accountId: 'demo',
      username: 'bob',
    });
    // Rebinding and unbinding the user of an entry.
    await t.handle({
      type: 'otp:updateEntry',
      id: added?.id ?? '',
      issuer: 'Demo pool',
      account: 'bob',
      binding: null,
    });
    const [freed] = await t.vault.list();
    expect(freed).toMatchObject({ issuer: 'Demo pool', account: 'bob' });
    expect(freed).not.toHaveProperty('accountId');
    // A malformed URI is refused with the parser's error.
    expect(
      await t.handle({
        type: 'otp:addUri',
        uri: 'otpauth://hotp/x?secret=A',
        accountId: 'demo',
        username: 'b',
      }),
    ).toMatchObject({ ok: false });
  });

  it('shows the context-menu entry on exactly the registered origins', async () => {
    const t = setup({ grants: [`${ORIGIN}/*`] });
    const entry = await t.vault.add({ account: 'bob', secret: SECRET });
    await t.handle({ type: 'otp:bindOrigin', id: entry.id, origin: ORIGIN });
    // Bound but not granted: no script, so no menu entry there either.
    await t.handle({ type: 'otp:bindOrigin', id: entry.id, origin: OTHER });
    expect(t.menu.get(FILL_MENU_ID)?.documentUrlPatterns).toEqual([`${ORIGIN}/*`]);
    t.grants.clear();
    for (const listener of t.removed) listener({ origins: [`${ORIGIN}/*`] });
    await vi.waitFor(() => {
      expect(t.menu.size).toBe(0);
    });
  });

  it('still binds when the menu entry cannot be created, and reports it', async () => {
    const t = setup({ failingMenu: true });
    const entry = await t.vault.add({ account: 'bob', secret: SECRET });
    const response = await t.handle({ type: 'otp:bindOrigin', id: entry.id, origin: ORIGIN });
    expect(response).toMatchObject({ ok: true });
    expect(t.scripts.has(otpScriptId(ORIGIN))).toBe(true);
    expect(t.onError).toHaveBeenCalledWith(
      'could not update the "Fill one-time code" menu entry',
      expect.any(Error),
    );
  });

  it('gives the fill shortcut the same decision as otp:getCode (allowed and granted)', async () => {
    const t = setup({ grants: [`${ORIGIN}/*`] });
    const entry = await t.vault.add({ account: 'bob', secret: SECRET });
    await t.handle({ type: 'otp:bindOrigin', id: entry.id, origin: ORIGIN });
    await t.handle({ type: 'otp:bindOrigin', id: entry.id, origin: OTHER });
    const codes: unknown[] = [];
    const scripting: FillScriptingPort = {
      executeScript: (injection) => {
        if ('args' in injection) codes.push(injection.args[1]);
        return Promise.resolve([{ documentId: 'DOC', result: 'filled' }]);
      },
    };
    const fill = createOtpFillCommand({
      handlerDeps: () => t.service.handlerDeps(),
      activeTab: () => Promise.resolve(undefined),
      scripting,
      feedback: () => Promise.resolve(),
    });
    expect(await fill.onCommand(FILL_COMMAND, { id: 4, url: `${ORIGIN}/mfa` })).toEqual({
      filled: true,
    });
    expect(codes).toEqual([await generateTotp(entry, NOW)]);
    // Bound, but the browser does not grant it: refused before any injection.
    expect(await fill.onCommand(FILL_COMMAND, { id: 5, url: `${OTHER}/` })).toEqual({
      filled: false,
      error: FILL_PROBLEMS.notAllowed,
    });
    expect(codes).toHaveLength(1);
  });
});
