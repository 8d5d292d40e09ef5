/** Benchmark input sets (Node only): random a, account and a real server-side B per set. */
import { accountPart, assemble, clientPart, randomDate } from '../src/cognito/srp/testing/vectors';
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
    return {
      aBytesHex: Buffer.from(v.aBytes).toString('hex'),
      poolName: v.poolName,
      userId: v.userId,
      password: v.password,
      saltHex: v.saltHex,
      srpB: v.srpB,
      expectedA: v.expected.srpA,
      expectedKeyHex: v.expected.keyHex,
    };
  });
}
