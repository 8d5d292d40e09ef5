import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { SessionStore } from './sessions';

function store() {
  let now = 1_000_000;
  const sessions = new SessionStore<{ note: string }>({
    now: () => now,
    randomBytes: (length) => new Uint8Array(randomBytes(length)),
  });
  return { sessions, advance: (ms: number) => (now += ms) };
}

const binding = { poolId: 'p', clientId: 'c', username: 'alice', challenge: 'SMS_MFA' };
const expect_ = { poolId: 'p', clientId: 'c', challenge: 'SMS_MFA' };

describe('SessionStore', () => {
  it('is opaque and single-use', () => {
    const { sessions } = store();
    const id = sessions.create(binding, 180_000, { note: 'x' });
    expect(id.length).toBeGreaterThan(200);
    expect(id).not.toContain('alice');
    expect(sessions.take(id, expect_).data).toEqual({ note: 'x' });
    expect(() => sessions.take(id, expect_)).toThrow('Invalid session for the user.');
  });

  it('refuses unknown and missing Sessions the same way', () => {
    const { sessions } = store();
    expect(() => sessions.take('forged', expect_)).toThrow('Invalid session for the user.');
    expect(() => sessions.take(undefined, expect_)).toThrow('Invalid session for the user.');
  });

  it('expires after its validity', () => {
    const { sessions, advance } = store();
    const id = sessions.create(binding, 180_000, { note: 'x' });
    advance(180_000);
    expect(() => sessions.take(id, expect_)).toThrow('session is expired');
  });

  it('is accepted just before expiry', () => {
    const { sessions, advance } = store();
    const id = sessions.create(binding, 180_000, { note: 'x' });
    advance(179_999);
    expect(sessions.take(id, expect_).username).toBe('alice');
  });

  it('is bound to pool, client and challenge', () => {
    const { sessions } = store();
    const id = sessions.create(binding, 180_000, { note: 'x' });
    expect(() => sessions.take(id, { ...expect_, clientId: 'other' })).toThrow('Invalid session');
    expect(() => sessions.take(id, { ...expect_, challenge: 'SOFTWARE_TOKEN_MFA' })).toThrow(
      'Invalid session',
    );
    expect(() => sessions.take(id, { ...expect_, poolId: 'other' })).toThrow('Invalid session');
    // A mismatched attempt does not consume it.
    expect(sessions.take(id, expect_).clientId).toBe('c');
  });

  it('a wrong code puts the Session back until the attempts run out', () => {
    const { sessions } = store();
    const id = sessions.create(binding, 180_000, { note: 'x' });
    let session = sessions.take(id, expect_);
    expect(sessions.retry(session, 3)).toBe(true);
    session = sessions.take(id, expect_);
    expect(session.attempts).toBe(1);
    expect(sessions.retry(session, 3)).toBe(true);
    session = sessions.take(id, expect_);
    expect(sessions.retry(session, 3)).toBe(false);
    expect(() => sessions.take(id, expect_)).toThrow('Invalid session');
  });
});
