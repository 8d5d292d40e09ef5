import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { OtpHandlerDeps } from './background-handlers';
import { createOtpMessageListener, totpAnswerFor } from './background-wiring';
import { createMemoryKeyStore } from './key-store';
import type { OtpCodeResponse } from './messages';
import { generateTotp } from './totp';
import { createAuthenticatorVault, storageSlot } from './vault';

const ORIGIN = 'http://127.0.0.1:5173';
const sender = {
  id: 'ext',
  tab: { id: 3 },
  frameId: 0,
  url: `${ORIGIN}/mfa`,
  documentId: 'doc-1',
};

function vault() {
  return createAuthenticatorVault({
    storage: storageSlot(fakeBrowser.storage.local, 'authenticatorVault'),
    keyStore: createMemoryKeyStore(),
    crypto: globalThis.crypto,
    newId: () => crypto.randomUUID(),
  });
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('createOtpMessageListener', () => {
  it('answers otp:getCode from the vault entry bound to the sender origin', async () => {
    const v = vault();
    const bob = await v.add({ account: 'bob', secret: 'JBSWY3DPEHPK3PXP', origins: [ORIGIN] });
    const now = 1_700_000_000_000;
    const deps: OtpHandlerDeps = {
      extensionId: 'ext',
      allowedOrigins: new Set([ORIGIN]),
      findEntryForOrigin: (origin) => v.findForOrigin(origin),
      now: () => now,
    };
    const listener = createOtpMessageListener(() => Promise.resolve(deps));
    const response = await new Promise<OtpCodeResponse>((resolve) => {
      expect(listener({ type: 'otp:getCode' }, sender, resolve)).toBe(true);
    });
    expect(response).toEqual({
      ok: true,
      code: await generateTotp(bob, now),
      secondsRemaining: 10,
    });
  });

  it('leaves other messages to other listeners', () => {
    const getDeps = vi.fn(() => Promise.reject(new Error('unused')));
    const listener = createOtpMessageListener(getDeps);
    const sendResponse = vi.fn();
    expect(listener({ type: 'getState' }, sender, sendResponse)).toBeUndefined();
    expect(listener('otp:getCode', sender, sendResponse)).toBeUndefined();
    expect(getDeps).not.toHaveBeenCalled();
    expect(sendResponse).not.toHaveBeenCalled();
  });

  it('answers with an error when its dependencies cannot be built', async () => {
    const listener = createOtpMessageListener(() => Promise.reject(new Error('storage down')));
    const response = await new Promise<OtpCodeResponse>((resolve) => {
      listener({ type: 'otp:getCode' }, sender, resolve);
    });
    expect(response).toMatchObject({ ok: false, error: { code: 'OTP_UNAVAILABLE' } });
  });
});

describe('totpAnswerFor', () => {
  it('gives the code for the Cognito user, waiting for the next period near the end', async () => {
    const v = vault();
    const bob = await v.add({
      account: 'bob',
      secret: 'JBSWY3DPEHPK3PXP',
      accountId: 'demo',
      username: 'bob',
    });
    const early = 1_700_000_020_000; // 1700000020 % 30 = 10: 20 s left
    expect(await totpAnswerFor(v, 'demo', 'BOB', early)).toEqual({
      code: await generateTotp(bob, early),
      sendAtMs: early,
      validForSeconds: 20,
    });
    const late = 1_700_000_037_000; // 27 s in: 3 s left
    const answer = await totpAnswerFor(v, 'demo', 'bob', late);
    expect(answer?.sendAtMs).toBe(1_700_000_040_000);
    expect(answer?.code).toBe(await generateTotp(bob, 1_700_000_040_000));
    expect(await totpAnswerFor(v, 'demo', 'carol', early)).toBeUndefined();
  });
});
