/**
 * Node: ours vs amazon-cognito-identity-js vs the OpenSSL floor (crypto.createDiffieHellman on the
 * same group; node:crypto hashing), one process, interleaved.
 */
import { createDiffieHellman, createHash, hkdfSync } from 'node:crypto';
import { createSrpEngine } from '../src/cognito/srp/engine';
import { N, N_HEX } from '../src/cognito/srp/group';
import { loadAcij } from '../src/cognito/srp/testing/reference-libraries';
import { runInterleaved, summarize, type BenchCase, type BenchRun, type Summary } from './harness';
import { acijCases, oursCases, type SrpBenchInput } from './srp-contenders';

const toBuffer = (value: bigint) => {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
};
const fromBuffer = (bytes: Buffer) => BigInt(`0x${bytes.toString('hex') || '0'}`);
const javaHex = (value: bigint) => {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
};
const sha = (data: Buffer) => createHash('sha256').update(data).digest();

/** The native floor: OpenSSL modexp (constant-time DH path) and node:crypto hashing. */
export function opensslCases(): BenchCase<SrpBenchInput>[] {
  const dh = createDiffieHellman(Buffer.from(N_HEX, 'hex'), Buffer.from([2]));
  const k = fromBuffer(sha(Buffer.from(javaHex(N) + '02', 'hex')));
  const powG = (e: bigint) => {
    dh.setPrivateKey(toBuffer(e));
    dh.generateKeys();
    return fromBuffer(dh.getPublicKey());
  };
  return [
    {
      key: 'openssl_a_ms',
      run: (input) => powG(BigInt(`0x${input.aBytesHex}`)).toString(16),
      expect: (input, output) => output === input.expectedA,
    },
    {
      key: 'openssl_key_ms',
      run: (input) => {
        const a = BigInt(`0x${input.aBytesHex}`);
        const A = BigInt(`0x${input.expectedA}`);
        const B = BigInt(`0x${input.srpB}`);
        if (B % N === 0n) throw new Error('B mod N is 0');
        const u = fromBuffer(sha(Buffer.from(javaHex(A) + javaHex(B), 'hex')));
        const inner = sha(
          Buffer.from(`${input.poolName}${input.userId}:${input.password}`),
        ).toString('hex');
        const x = fromBuffer(
          sha(Buffer.from(javaHex(BigInt(`0x${input.saltHex}`)) + inner, 'hex')),
        );
        let base = (B - k * powG(x)) % N;
        if (base < 0n) base += N;
        dh.setPrivateKey(toBuffer(a + u * x));
        const S = fromBuffer(dh.computeSecret(toBuffer(base)));
        const key = hkdfSync(
          'sha256',
          Buffer.from(javaHex(S), 'hex'),
          Buffer.from(javaHex(u), 'hex'),
          'Caldera Derived Key',
          16,
        );
        return Buffer.from(key).toString('hex');
      },
      expect: (input, output) => output === input.expectedKeyHex,
    },
    {
      key: 'openssl_s_ms',
      run: (input) => {
        dh.setPrivateKey(
          Buffer.from(
            input.sExponentHex.padStart(
              input.sExponentHex.length + (input.sExponentHex.length % 2),
              '0',
            ),
            'hex',
          ),
        );
        return fromBuffer(dh.computeSecret(toBuffer(BigInt(`0x${input.sBaseHex}`)))).toString(16);
      },
      expect: (input, output) => output === input.expectedSHex,
    },
  ];
}

export async function benchNodeSrp(
  inputs: SrpBenchInput[],
  iterations: number,
  oursOnly = false,
): Promise<{ run: BenchRun; combBuildMs: Summary }> {
  const engine = createSrpEngine({ reduction: 'montgomery' });
  const cases = [
    ...oursCases('ours', engine),
    ...oursCases('ours_barrett', createSrpEngine({ reduction: 'barrett' })),
    ...(oursOnly ? [] : acijCases(loadAcij(), { a: false, key: true })),
    ...opensslCases(),
  ];
  const gc = (globalThis as { gc?: () => void }).gc;
  const run = await runInterleaved(cases, inputs, {
    iterations,
    warmup: 3,
    now: () => performance.now(),
    ...(gc ? { betweenIterations: gc } : {}),
  });
  return { run, combBuildMs: measureCombBuild(15) };
}

/** Builds the g = 2 comb table in fresh engines, as a worker start would. */
export function measureCombBuild(times: number): Summary {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const engine = createSrpEngine();
    engine.powG(1n);
    samples.push(engine.combBuildMs() ?? NaN);
  }
  return summarize(samples);
}
