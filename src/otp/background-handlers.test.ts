import { describe, expect, it, vi } from 'vitest';
import {
  handleOtpRequest,
  type OtpHandlerDeps,
  type OtpRequestSender,
} from './background-handlers';
import { OtpError } from './errors';
import { OtpCodeResponseSchema } from './messages';
import { generateTotp } from './totp';
import type { TotpParameters } from './totp-parameters';
import * as v from 'valibot';

const ORIGIN = 'https://app.example.com';
const SECRET = 'JBSWY3DPEHPK3PXP';
const entry: TotpParameters = { secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30 };
const NOW = 1_700_000_022_000; // 1700000022 % 30 = 12: 18 s left

const goodSender: OtpRequestSender = {
  id: 'our-extension',
  tab: { id: 7, url: `${ORIGIN}/login/mfa` },
  frameId: 0,
  url: `${ORIGIN}/login/mfa?next=%2F`,
  origin: ORIGIN,
  documentId: '9F8E7D6C5B4A',
};

function without(key: keyof OtpRequestSender): OtpRequestSender {
  const copy = { ...goodSender };
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- building a malformed sender on purpose
  delete copy[key];
  return copy;
}

function deps(overrides: Partial<OtpHandlerDeps> = {}) {
  const findEntryForOrigin = vi.fn((origin: string) =>
    Promise.resolve(origin === ORIGIN ? entry : undefined),
  );
  return {
    extensionId: 'our-extension',
    allowedOrigins: new Set([ORIGIN, 'https://other.example.com']),
    findEntryForOrigin,
    now: () => NOW,
    ...overrides,
  };
}

describe('handleOtpRequest', () => {
  it('returns the current code, and only the code, to an allowed top frame', async () => {
    const d = deps();
    const response = await handleOtpRequest({ type: 'otp:getCode' }, goodSender, d);
    expect(response).toEqual({
      ok: true,
      code: await generateTotp(entry, NOW),
      secondsRemaining: 18,
    });
    expect(v.is(OtpCodeResponseSchema, response)).toBe(true);
    expect(JSON.stringify(response)).not.toContain(SECRET);
    expect(d.findEntryForOrigin).toHaveBeenCalledWith(ORIGIN);
  });

  it('accepts a sender without the optional origin and tab URL fields', async () => {
    const { origin: _origin, ...rest } = goodSender;
    const response = await handleOtpRequest(
      { type: 'otp:getCode' },
      { ...rest, tab: { id: 7 } },
      deps(),
    );
    expect(response.ok).toBe(true);
  });

  const badRequests: [string, unknown][] = [
    ['nothing', undefined],
    ['another type', { type: 'otp:getSecret' }],
    ['an entry id smuggled in', { type: 'otp:getCode', entryId: 'entry-1' }],
    ['an origin smuggled in', { type: 'otp:getCode', origin: ORIGIN }],
    ['a string', 'otp:getCode'],
  ];
  it.each(badRequests)('rejects %s without touching the vault', async (_, request) => {
    const d = deps();
    const response = await handleOtpRequest(request, goodSender, d);
    expect(response).toMatchObject({ ok: false, error: { code: 'OTP_BAD_REQUEST' } });
    expect(d.findEntryForOrigin).not.toHaveBeenCalled();
  });

  const badSenders: [string, OtpRequestSender][] = [
    ['another extension', { ...goodSender, id: 'someone-else' }],
    ['no tab (an extension page)', without('tab')],
    ['a tab without id', { ...goodSender, tab: { url: `${ORIGIN}/` } }],
    ['a sub-frame', { ...goodSender, frameId: 3 }],
    ['no frame id', without('frameId')],
    ['no documentId', without('documentId')],
    ['an empty documentId', { ...goodSender, documentId: '' }],
    ['no URL', without('url')],
    ['a non-web URL', { ...goodSender, url: 'file:///tmp/x.html', origin: 'null' }],
    [
      'an origin not allowed',
      {
        ...goodSender,
        url: 'https://evil.example/login',
        origin: 'https://evil.example',
        tab: { id: 7 },
      },
    ],
    [
      'a look-alike origin',
      {
        ...goodSender,
        url: 'https://app.example.com.evil.test/',
        origin: 'https://app.example.com.evil.test',
        tab: { id: 7 },
      },
    ],
    [
      'http instead of https',
      {
        ...goodSender,
        url: 'http://app.example.com/',
        origin: 'http://app.example.com',
        tab: { id: 7 },
      },
    ],
    [
      'another port',
      {
        ...goodSender,
        url: 'https://app.example.com:8443/',
        origin: 'https://app.example.com:8443',
        tab: { id: 7 },
      },
    ],
    [
      'an origin that disagrees with the URL',
      { ...goodSender, origin: 'https://other.example.com' },
    ],
    [
      'a tab URL on another origin',
      { ...goodSender, tab: { id: 7, url: 'https://other.example.com/' } },
    ],
  ];
  it.each(badSenders)('refuses %s without touching the vault', async (_, sender) => {
    const d = deps();
    const response = await handleOtpRequest({ type: 'otp:getCode' }, sender, d);
    expect(response).toMatchObject({ ok: false, error: { code: 'OTP_REQUEST_REFUSED' } });
    expect(d.findEntryForOrigin).not.toHaveBeenCalled();
  });

  it('says so when no entry is linked to an allowed origin', async () => {
    const sender = {
      ...goodSender,
      url: 'https://other.example.com/',
      origin: 'https://other.example.com',
      tab: { id: 7 },
    };
    const response = await handleOtpRequest({ type: 'otp:getCode' }, sender, deps());
    expect(response).toMatchObject({ ok: false, error: { code: 'OTP_NO_ENTRY' } });
  });

  it('passes a locked vault on as its own error, and hides unexpected ones', async () => {
    const locked = deps({
      findEntryForOrigin: () =>
        Promise.reject(
          new OtpError({ code: 'VAULT_LOCKED', message: 'locked', recovery: 'unlock' }),
        ),
    });
    expect(await handleOtpRequest({ type: 'otp:getCode' }, goodSender, locked)).toEqual({
      ok: false,
      error: { code: 'VAULT_LOCKED', message: 'locked', recovery: 'unlock' },
    });
    const broken = deps({ findEntryForOrigin: () => Promise.reject(new Error(`boom ${SECRET}`)) });
    const response = await handleOtpRequest({ type: 'otp:getCode' }, goodSender, broken);
    expect(response).toMatchObject({ ok: false, error: { code: 'OTP_UNAVAILABLE' } });
    expect(JSON.stringify(response)).not.toContain(SECRET);
  });

  it('fills without a click only where the person opted in', async () => {
    const refused = deps();
    expect(
      await handleOtpRequest({ type: 'otp:getCode', auto: true }, goodSender, refused),
    ).toMatchObject({ ok: false, error: { code: 'OTP_GESTURE_REQUIRED' } });
    expect(refused.findEntryForOrigin).not.toHaveBeenCalled();
    const optedIn = deps({ autoFillOrigins: new Set([ORIGIN]) });
    expect(
      await handleOtpRequest({ type: 'otp:getCode', auto: true }, goodSender, optedIn),
    ).toMatchObject({ ok: true, code: await generateTotp(entry, NOW) });
    // The opt-in never widens who may ask: a frame of an opted-in origin is still refused.
    expect(
      await handleOtpRequest(
        { type: 'otp:getCode', auto: true },
        { ...goodSender, frameId: 3 },
        optedIn,
      ),
    ).toMatchObject({ ok: false, error: { code: 'OTP_REQUEST_REFUSED' } });
    expect(
      await handleOtpRequest({ type: 'otp:getCode', auto: false }, goodSender, optedIn),
    ).toMatchObject({ ok: false, error: { code: 'OTP_BAD_REQUEST' } });
  });
});
