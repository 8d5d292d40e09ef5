/** Known-answer tests against Amplify v6's internal SRP helpers (loaded by file path). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bytesToHex } from './bytes';
import { loadAmplifySrp } from './testing/reference-libraries';
import { knownAnswerVectors } from './testing/vectors';

const amplify = loadAmplifySrp();
const vectors = knownAnswerVectors(12);

afterEach(() => {
  vi.useRealTimers();
});

describe.each(vectors.map((v) => [v.label, v] as const))('%s', (_label, v) => {
  it("Amplify v6's helpers compute the same A, key, signature and TIMESTAMP", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(v.now);
    const N = new amplify.BigInteger(amplify.INIT_N, 16);
    const g = new amplify.BigInteger('2', 16);
    const a = new amplify.BigInteger(v.a.toString(16), 16);
    const A = await amplify.calculateA({ a, g, N });
    expect(A.toString(16)).toBe(v.expected.srpA);
    const helper = new amplify.AuthenticationHelper({ userPoolName: v.poolName, a, g, A, N });
    const hkdf = await helper.getPasswordAuthenticationKey({
      username: v.userId,
      password: v.password,
      serverBValue: new amplify.BigInteger(v.srpB, 16),
      salt: new amplify.BigInteger(v.saltHex, 16),
    });
    expect(bytesToHex(hkdf)).toBe(v.expected.keyHex);
    const dateNow = amplify.getNowString();
    expect(dateNow).toBe(v.expected.timestamp);
    expect(
      amplify.getSignatureString({
        userPoolName: v.poolName,
        username: v.userId,
        challengeParameters: { SECRET_BLOCK: v.secretBlock },
        dateNow,
        hkdf,
      }),
    ).toBe(v.expected.signature);
  });
});
