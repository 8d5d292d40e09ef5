/** Benchmark input sets (Node only): random a, account and a real server-side B per set. */
import { accountPart, assemble, clientPart, randomDate } from '../src/cognito/srp/testing/vectors';
import { N } from '../src/cognito/srp/group';
import { opensslPowG, serverK, serverX } from '../src/cognito/srp/testing/openssl-server';
import type { SrpBenchInput } from './srp-contenders';

export function makeBenchInputs(count: number): SrpBenchInput[] {
  return Array.from({ length: count }, (_, i) => {
    const v = assemble(
      `bench ${i}`,
      clientPart(`bench${i}`),
      accountPart(`bench${i}`),
      `bench${i}`,
      randomDate(`bench${i}`),
    );
    const x = serverX(v.saltHex, v.poolName, v.userId, v.password);
    return {
      aBytesHex: Buffer.from(v.aBytes).toString('hex'),
      poolName: v.poolName,
      userId: v.userId,
      password: v.password,
      saltHex: v.saltHex,
      srpB: v.srpB,
      expectedA: v.expected.srpA,
      expectedKeyHex: v.expected.keyHex,
      // S = (B - k·g^x)^(a + u·x) in isolation: the dominant step, with no hashing around it.
      sBaseHex: ((((v.B - serverK * opensslPowG(x)) % N) + N) % N).toString(16),
      sExponentHex: (v.a + v.u * x).toString(16),
      expectedSHex: v.S.toString(16),
    };
  });
}
