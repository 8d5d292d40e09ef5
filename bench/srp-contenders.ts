/**
 * The SRP contenders as benchmark cases, runnable in Node and in the Chromium page. Metrics follow
 * reference/srp-performance.md: "A" is `a` → SRP_A hex; "key" is (SRP_B hex, SALT hex) → the
 * 16-byte HKDF key, including parsing, all hashing, g^x and S, with A already computed (as the
 * popup does while the person types).
 */
import { bytesToHex, hexToBytes } from '../src/cognito/srp/bytes';
import type { SrpEngine } from '../src/cognito/srp/engine';
import { createEphemeral, passwordKey, type SrpEphemeral } from '../src/cognito/srp/srp';
import type {
  Acij,
  AcijHelper,
  AmplifySrp,
  JsbnBigInteger,
} from '../src/cognito/srp/testing/reference-libraries';
import type { BenchCase } from './harness';

export interface SrpBenchInput {
  aBytesHex: string;
  poolName: string;
  userId: string;
  password: string;
  saltHex: string;
  srpB: string;
  expectedA: string;
  expectedKeyHex: string;
  sBaseHex: string;
  sExponentHex: string;
  expectedSHex: string;
}

type Case = BenchCase<SrpBenchInput>;
const sameA = (input: SrpBenchInput, output: unknown) => output === input.expectedA;
const sameKey = (input: SrpBenchInput, output: unknown) => output === input.expectedKeyHex;
const toHex = (bytes: Uint8Array) => bytesToHex(bytes);

export function oursCases(prefix: string, engine: SrpEngine): Case[] {
  const ephemerals = new Map<string, SrpEphemeral>();
  const ephemeralFor = (input: SrpBenchInput) => {
    let e = ephemerals.get(input.aBytesHex);
    if (!e) {
      e = createEphemeral(() => hexToBytes(input.aBytesHex), engine);
      ephemerals.set(input.aBytesHex, e);
    }
    return e;
  };
  return [
    {
      key: `${prefix}_a_ms`,
      run: (input) => createEphemeral(() => hexToBytes(input.aBytesHex), engine).srpA,
      expect: sameA,
    },
    {
      key: `${prefix}_key_ms`,
      prepare: (input) => void ephemeralFor(input),
      run: async (input) =>
        toHex(
          await passwordKey(
            {
              ephemeral: ephemeralFor(input),
              poolName: input.poolName,
              userId: input.userId,
              password: input.password,
              srpB: input.srpB,
              salt: input.saltHex,
            },
            engine,
          ),
        ),
      expect: sameKey,
    },
    {
      key: `${prefix}_s_ms`,
      run: (input) =>
        engine
          .modPow(BigInt(`0x${input.sBaseHex}`), BigInt(`0x${input.sExponentHex}`))
          .toString(16),
      expect: (input, output) => output === input.expectedSHex,
    },
  ];
}

export type AcijLibrary = Pick<Acij, 'AuthenticationHelper' | 'BigInteger'>;

/** amazon-cognito-identity-js: getLargeAValue with the cached A cleared; getPasswordAuthenticationKey. */
export function acijCases(lib: AcijLibrary, include: { a: boolean; key: boolean }): Case[] {
  const helpers = new Map<string, AcijHelper>(); // the constructor computes a random A: build once per pool
  const helperFor = (input: SrpBenchInput) => {
    let helper = helpers.get(input.poolName);
    if (!helper) {
      helper = new lib.AuthenticationHelper(input.poolName);
      helpers.set(input.poolName, helper);
    }
    return helper;
  };
  const big = (hex: string) => new lib.BigInteger(hex, 16);
  const cases: Case[] = [];
  if (include.a) {
    cases.push({
      key: 'acij_a_ms',
      prepare: (input) => {
        const helper = helperFor(input);
        helper.smallAValue = big(input.aBytesHex);
        helper.largeAValue = undefined;
      },
      run: (input) =>
        new Promise<string>((resolve, reject) => {
          helperFor(input).getLargeAValue((error, A) => {
            if (error) reject(new Error('ACIJ getLargeAValue failed'));
            else resolve(A.toString(16));
          });
        }),
      expect: sameA,
    });
  }
  if (include.key) {
    cases.push({
      key: 'acij_key_ms',
      prepare: (input) => {
        const helper = helperFor(input);
        helper.smallAValue = big(input.aBytesHex);
        helper.largeAValue = big(input.expectedA);
      },
      run: (input) =>
        new Promise<string>((resolve, reject) => {
          helperFor(input).getPasswordAuthenticationKey(
            input.userId,
            input.password,
            big(input.srpB),
            big(input.saltHex),
            (error, key) => {
              if (error) reject(new Error('ACIJ getPasswordAuthenticationKey failed'));
              else resolve(toHex(key));
            },
          );
        }),
      expect: sameKey,
    });
  }
  return cases;
}

export type AmplifyLibrary = Pick<AmplifySrp, 'AuthenticationHelper' | 'BigInteger' | 'INIT_N'>;

/** Amplify v6: new AuthenticationHelper (hashes k, as signIn does) + getPasswordAuthenticationKey. */
export function amplifyCases(lib: AmplifyLibrary): Case[] {
  const N = new lib.BigInteger(lib.INIT_N, 16);
  const g = new lib.BigInteger('2', 16);
  let prepared: { a: JsbnBigInteger; A: JsbnBigInteger } | undefined;
  return [
    {
      key: 'amplify_key_ms',
      prepare: (input) => {
        prepared = {
          a: new lib.BigInteger(input.aBytesHex, 16),
          A: new lib.BigInteger(input.expectedA, 16),
        };
      },
      run: async (input) => {
        if (!prepared) throw new Error('not prepared');
        const helper = new lib.AuthenticationHelper({
          userPoolName: input.poolName,
          ...prepared,
          g,
          N,
        });
        return toHex(
          await helper.getPasswordAuthenticationKey({
            username: input.userId,
            password: input.password,
            serverBValue: new lib.BigInteger(input.srpB, 16),
            salt: new lib.BigInteger(input.saltHex, 16),
          }),
        );
      },
      expect: sameKey,
    },
  ];
}
