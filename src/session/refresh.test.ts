import { describe, expect, it } from 'vitest';
import { refreshDueAt } from './refresh';
import type { SessionTokens } from './token-vault';

const tokens = (receivedAt: number, expiresAt: number): SessionTokens => ({
  idToken: 'i',
  accessToken: 'a',
  accessTokenExpiresAt: expiresAt,
  clockDriftMs: 0,
  receivedAt,
  user: { username: 'u', sub: 's' },
});

describe('refreshDueAt', () => {
  it.each([
    ['one hour token: 5 minutes before expiry', 0, 3_600_000, 3_300_000],
    ['five minute token: half-way', 0, 300_000, 150_000],
    ['already expired: now', 1_000, 500, 500],
  ])('%s', (_name, receivedAt, expiresAt, due) => {
    expect(refreshDueAt(tokens(receivedAt, expiresAt))).toBe(due);
  });
});
