import { describe, expect, it, vi } from 'vitest';
import {
  bridgeRegistration,
  bridgeScriptId,
  originOfBridgeScriptId,
  originsToRequest,
  registerBridge,
  registeredBridgeOrigins,
  requestSiteAccess,
  unregisterBridge,
} from './permissions';
import { FakeScripting } from './testing/fake-scripting';

describe('site permissions', () => {
  it('requests exactly the site origin (and API origins for the header format)', async () => {
    const permissions = { request: vi.fn(() => Promise.resolve(true)) };
    await requestSiteAccess(permissions, {
      origin: 'HTTP://127.0.0.1:5173/',
      format: 'amplify-local-storage',
    });
    expect(permissions.request).toHaveBeenCalledWith({ origins: ['http://127.0.0.1:5173/*'] });
    expect(
      originsToRequest({
        origin: 'https://app.example.com',
        format: 'authorization-header',
        apiOrigins: ['https://api.example.com', 'https://app.example.com'],
      }),
    ).toEqual(['https://app.example.com/*', 'https://api.example.com/*']);
    expect(
      originsToRequest({
        origin: 'https://app.example.com',
        format: 'amplify-cookies',
        apiOrigins: ['https://api.example.com'],
      }),
    ).toEqual(['https://app.example.com/*']);
    expect(() =>
      originsToRequest({ origin: 'https://*.example.com', format: 'amplify-cookies' }),
    ).toThrow(/Wildcards/);
  });

  it('registers the bridge for exactly that origin: document_start, top frame, persisted', () => {
    expect(bridgeRegistration('http://127.0.0.1:5173')).toEqual({
      id: bridgeScriptId('http://127.0.0.1:5173'),
      matches: ['http://127.0.0.1:5173/*'],
      js: ['content-scripts/session-bridge.js'],
      runAt: 'document_start',
      allFrames: false,
      persistAcrossSessions: true,
    });
  });

  it('uses a stable id per origin that maps back to the origin and never collides', () => {
    const a = bridgeScriptId('http://a-b.example');
    expect(a).toBe(bridgeScriptId('http://a-b.example'));
    expect(a).not.toBe(bridgeScriptId('http://a_b.example'));
    expect(a).toMatch(/^session-bridge-[0-9a-f]+$/);
    expect(originOfBridgeScriptId(a)).toBe('http://a-b.example');
    expect(originOfBridgeScriptId('otp-autofill')).toBeUndefined();
    expect(originOfBridgeScriptId('session-bridge-zz')).toBeUndefined();
  });

  it('registers idempotently and unregisters only what exists', async () => {
    const scripting = new FakeScripting();
    await registerBridge(scripting, 'http://127.0.0.1:5173');
    await registerBridge(scripting, 'http://127.0.0.1:5173');
    await registerBridge(scripting, 'https://app.example.com');
    expect(await registeredBridgeOrigins(scripting)).toEqual([
      'http://127.0.0.1:5173',
      'https://app.example.com',
    ]);
    await unregisterBridge(scripting, 'http://127.0.0.1:5173');
    await unregisterBridge(scripting, 'http://127.0.0.1:5173');
    expect(await registeredBridgeOrigins(scripting)).toEqual(['https://app.example.com']);
  });
});
