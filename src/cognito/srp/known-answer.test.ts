/**
 * Known-answer tests: for fixed random inputs and forced encoding edge cases, our SRP_A, HKDF key,
 * PASSWORD_CLAIM_SIGNATURE and TIMESTAMP equal an OpenSSL-backed SRP-6a server's expectation. The
 * same vectors are replayed through amazon-cognito-identity-js (known-answer-acij.test.ts) and
 * Amplify v6 (known-answer-amplify.test.ts), so all three agree byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { bytesToHex, padHex } from './bytes';
import { createSrpEngine } from './engine';
import { computePasswordClaim, createEphemeral, passwordKey } from './srp';
import { knownAnswerVectors, type SrpVector } from './testing/vectors';

const vectors = knownAnswerVectors(12);
const engines = [
  createSrpEngine({ reduction: 'montgomery' }),
  createSrpEngine({ reduction: 'barrett' }),
];

describe('the vector set covers the forced edge cases', () => {
  it('really contains each condition (so the search cannot silently drift)', () => {
    const has = (test: (v: SrpVector) => boolean) => vectors.some(test);
    expect(vectors.length).toBeGreaterThanOrEqual(23);
    expect(has((v) => padHex(v.A).startsWith('00'))).toBe(true);
    expect(has((v) => padHex(v.A).length < 768)).toBe(true);
    expect(has((v) => padHex(v.B).length < 768)).toBe(true);
    expect(has((v) => padHex(v.u).length < 64)).toBe(true);
    expect(has((v) => padHex(v.S).length < 768)).toBe(true);
    expect(has((v) => v.saltHex.startsWith('00'))).toBe(true);
    expect(has((v) => /^[89a-f]/.test(v.saltHex))).toBe(true);
    expect(has((v) => /[^\x20-\x7e]/.test(v.userId) && /[^\x20-\x7e]/.test(v.password))).toBe(true);
    expect(has((v) => / [1-9] \d\d:/.test(v.expected.timestamp))).toBe(true);
    expect(has((v) => / [123]\d \d\d:/.test(v.expected.timestamp))).toBe(true);
    expect(has((v) => v.expected.srpA.length % 2 === 1)).toBe(true);
  });
});

describe.each(vectors.map((v) => [v.label, v] as const))('%s', (_label, v) => {
  it.each(engines.map((engine) => [engine.reduction, engine] as const))(
    'ours (%s) matches the OpenSSL server',
    async (_reduction, engine) => {
      const ephemeral = createEphemeral(() => v.aBytes, engine);
      expect(ephemeral.srpA).toBe(v.expected.srpA);
      const input = {
        ephemeral,
        poolName: v.poolName,
        userId: v.userId,
        password: v.password,
        srpB: v.srpB,
        salt: v.saltHex,
      };
      expect(bytesToHex(await passwordKey(input, engine))).toBe(v.expected.keyHex);
      const claim = await computePasswordClaim(
        { ...input, secretBlock: v.secretBlock, now: v.now },
        engine,
      );
      expect(claim).toEqual({
        PASSWORD_CLAIM_SIGNATURE: v.expected.signature,
        PASSWORD_CLAIM_SECRET_BLOCK: v.secretBlock,
        TIMESTAMP: v.expected.timestamp,
      });
    },
  );
});
