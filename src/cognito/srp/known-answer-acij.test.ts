/** Known-answer tests against amazon-cognito-identity-js's real authenticateUser flow. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runAcijFlow } from './testing/acij-flow';
import { loadAcij } from './testing/reference-libraries';
import { knownAnswerVectors } from './testing/vectors';

const acij = loadAcij();
const vectors = knownAnswerVectors(12);

afterEach(() => {
  vi.useRealTimers();
});

describe.each(vectors.map((v) => [v.label, v] as const))('%s', (_label, v) => {
  it('amazon-cognito-identity-js sends the same SRP_A, key, signature and TIMESTAMP', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(v.now);
    const recorded = await runAcijFlow({
      acij,
      poolName: v.poolName,
      alias: 'the-alias-typed@example.com',
      userIdForSrp: v.userId,
      password: v.password,
      smallA: [v.a],
      user: { SRP_B: v.srpB, SALT: v.saltHex, SECRET_BLOCK: v.secretBlock },
    });
    expect(recorded.srpA).toEqual([v.expected.srpA]);
    expect(recorded.keysHex).toEqual([v.expected.keyHex]);
    expect(recorded.responses).toEqual([
      {
        USERNAME: v.userId,
        PASSWORD_CLAIM_SECRET_BLOCK: v.secretBlock,
        PASSWORD_CLAIM_SIGNATURE: v.expected.signature,
        TIMESTAMP: v.expected.timestamp,
      },
    ]);
  });
});
