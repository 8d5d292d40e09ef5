import { describe, expect, it } from 'vitest';
import { createLogger, redact, type LogSink } from './logger';

const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhYmMifQ.c2lnbmF0dXJl';

describe('redact', () => {
  it.each([
    ['password', { password: 'Passw0rd!' }],
    ['code', { answer: { kind: 'code', code: '123456' } }],
    ['newPassword', { newPassword: 'x' }],
    ['secret', { clientSecret: 'demo-client-secret' }],
    ['tokens', { accessToken: 'a', refreshToken: 'r', idToken: 'i' }],
    ['session', { Session: 'AYABeD...' }],
    [
      'challenge responses',
      { ChallengeResponses: { SMS_MFA_CODE: '111', PASSWORD_CLAIM_SIGNATURE: 'sig' } },
    ],
  ])('hides %s', (_name, value) => {
    const text = JSON.stringify(redact(value));
    for (const secret of [
      'Passw0rd!',
      '123456',
      'demo-client-secret',
      'AYABeD',
      '"a"',
      '"r"',
      '111',
      'sig',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('hides JWT-looking strings anywhere, and keeps harmless values', () => {
    expect(redact(`Bearer ${jwt} end`)).toBe('Bearer [redacted] end');
    expect(redact({ note: [jwt] })).toEqual({ note: ['[redacted]'] });
    expect(redact({ username: 'alice', step: 'DONE' })).toEqual({
      username: 'alice',
      step: 'DONE',
    });
  });
});

describe('createLogger', () => {
  it('filters by level and redacts what it passes on', () => {
    const lines: unknown[][] = [];
    const sink: LogSink = (...args) => lines.push(args);
    const log = createLogger('info', sink);
    log.debug('hidden');
    log.info('token', { refreshToken: 'r' }, jwt);
    log.error('failed');
    expect(lines).toEqual([
      ['info', 'token', { refreshToken: '[redacted]' }, '[redacted]'],
      ['error', 'failed'],
    ]);
  });
});
