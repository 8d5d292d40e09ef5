import { describe, expect, it } from 'vitest';
import {
  chooseCeremonyTab,
  hostServesRelyingParty,
  isSecureWebAuthnOrigin,
  noTabError,
  notGrantedError,
  type TabInfo,
} from './rp-tab';

describe('hostServesRelyingParty (WebAuthn: the host or a parent domain)', () => {
  it.each([
    ['example.com', 'example.com', true],
    ['app.example.com', 'example.com', true],
    ['a.b.example.com', 'example.com', true],
    ['EXAMPLE.com', 'example.COM', true],
    ['localhost', 'localhost', true],
    ['example.com', 'app.example.com', false],
    ['badexample.com', 'example.com', false],
    ['example.com.evil.test', 'example.com', false],
    ['127.0.0.1', '127.0.0.1', false],
    ['[::1]', '[::1]', false],
    ['example.com', '', false],
  ])('%s under RP ID %s → %s', (host, rpId, expected) => {
    expect(hostServesRelyingParty(host, rpId)).toBe(expected);
  });
});

describe('isSecureWebAuthnOrigin', () => {
  it.each([
    ['https://example.com', true],
    ['http://localhost:5173', true],
    ['http://app.localhost:5173', true],
    ['http://example.com', false],
    ['http://127.0.0.1:5173', false],
    ['chrome-extension://abc', false],
    ['not a url', false],
  ])('%s → %s', (origin, expected) => {
    expect(isSecureWebAuthnOrigin(origin)).toBe(expected);
  });
});

const shared = (origin: string, granted = true) => ({ origin, granted });

describe('chooseCeremonyTab', () => {
  const tabs: TabInfo[] = [
    { id: 1, windowId: 1, url: 'https://evil.example.com.attacker.test/', active: true },
    { id: 2, windowId: 1, url: 'https://other.example.com/page', active: false, lastAccessed: 9 },
    { id: 3, windowId: 2, url: 'https://app.example.com/a?b', title: 'App', lastAccessed: 5 },
    { id: 4, windowId: 2, url: 'https://app.example.com/', lastAccessed: 7 },
    // No url: a tab the extension has no host access to.
    { id: 5, windowId: 2, active: true },
  ];

  it('takes only a tab of a shared, granted origin the RP ID covers; the most recent wins', () => {
    const choice = chooseCeremonyTab({
      rpId: 'example.com',
      tabs,
      sites: [shared('https://app.example.com')],
    });
    expect(choice).toEqual({
      kind: 'found',
      tab: { tabId: 4, windowId: 2, origin: 'https://app.example.com', title: undefined },
    });
  });

  it('prefers the active tab of a window', () => {
    const choice = chooseCeremonyTab({
      rpId: 'example.com',
      tabs: [...tabs, { id: 6, windowId: 3, url: 'https://app.example.com/x', active: true }],
      sites: [shared('https://app.example.com')],
    });
    expect(choice.kind === 'found' && choice.tab.tabId).toBe(6);
  });

  it('never a tab whose origin is not shared, even when the RP ID covers its host', () => {
    expect(
      chooseCeremonyTab({ rpId: 'example.com', tabs, sites: [shared('https://x.example.com')] }),
    ).toEqual({ kind: 'none' });
  });

  it('never a shared origin the RP ID does not cover', () => {
    expect(
      chooseCeremonyTab({ rpId: 'other.test', tabs, sites: [shared('https://app.example.com')] }),
    ).toEqual({ kind: 'none' });
  });

  it('says when the matching site lost its host access', () => {
    expect(
      chooseCeremonyTab({
        rpId: 'example.com',
        tabs,
        sites: [shared('https://app.example.com', false)],
      }),
    ).toEqual({ kind: 'notGranted', origin: 'https://app.example.com' });
  });

  it('never an http origin other than localhost, nor an IP address', () => {
    expect(
      chooseCeremonyTab({
        rpId: 'example.com',
        tabs: [{ id: 1, url: 'http://app.example.com/' }],
        sites: [shared('http://app.example.com')],
      }).kind,
    ).toBe('none');
    expect(
      chooseCeremonyTab({
        rpId: '127.0.0.1',
        tabs: [{ id: 1, url: 'http://127.0.0.1:5173/' }],
        sites: [shared('http://127.0.0.1:5173')],
      }).kind,
    ).toBe('none');
  });

  it('http://localhost:<port> serves the RP ID localhost', () => {
    expect(
      chooseCeremonyTab({
        rpId: 'localhost',
        tabs: [{ id: 8, url: 'http://localhost:5173/' }],
        sites: [shared('http://localhost:5173')],
      }).kind,
    ).toBe('found');
  });
});

describe('the messages', () => {
  it('say which site to open, or to share again', () => {
    expect(noTabError('example.com').recovery).toContain(
      'Open example.com in a tab where Cognito Pass shares the session, then try again.',
    );
    expect(notGrantedError('https://app.example.com').message).toContain('withdrawn');
    expect(noTabError('x').code).toBe('PasskeyWrongPlace');
  });
});
