import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import * as acij from 'amazon-cognito-identity-js';
import { bytesToBigInt } from '../src/cognito/srp/bytes';
import { N, g } from '../src/cognito/srp/group';
import {
  cognitoTimestamp,
  multiplierK,
  passwordAuthenticationKey,
  passwordClaimSignature,
  privateKeyX,
  scramblingU,
} from '../src/cognito/srp/primitives';
import {
  createVerifier,
  modPow,
  modPowN,
  passwordMatches,
  serverEphemeral,
  verifyPasswordClaim,
  type StoredVerifier,
} from './srp-verifier';

const random = (length: number) => new Uint8Array(randomBytes(length));

/** A client built only from the shared primitives and a plain BigInt modPow. */
async function clientClaim(options: {
  stored: StoredVerifier;
  B: string;
  poolName: string;
  userId: string;
  password: string;
  secretBlock: string;
  timestamp: string;
  a?: bigint;
}) {
  const a = options.a ?? bytesToBigInt(random(128));
  const A = modPow(g, a, N);
  const B = BigInt(`0x${options.B}`);
  const u = await scramblingU(A, B);
  const x = await privateKeyX(
    BigInt(`0x${options.stored.salt}`),
    options.poolName,
    options.userId,
    options.password,
  );
  const k = await multiplierK();
  let base = (B - k * modPow(g, x, N)) % N;
  if (base < 0n) base += N;
  const S = modPow(base, a + u * x, N);
  const key = await passwordAuthenticationKey(S, u);
  const signature = await passwordClaimSignature(
    key,
    options.poolName,
    options.userId,
    options.secretBlock,
    options.timestamp,
  );
  return { A: A.toString(16), signature };
}

describe('modular exponentiation', () => {
  it('the OpenSSL path agrees with BigInt for random bases and exponents', () => {
    for (let i = 0; i < 5; i++) {
      const base = bytesToBigInt(random(384)) % N;
      const exponent = bytesToBigInt(random(32));
      expect(modPowN(base, exponent)).toBe(modPow(base, exponent, N));
    }
    expect(modPowN(g, 0n)).toBe(1n);
    expect(modPowN(1n, 12345n)).toBe(1n);
    expect(modPow(3n, 5n, 7n)).toBe(5n); // 243 mod 7
  });
});

describe('SRP verifier (server side)', () => {
  const poolName = 'DemoPool0';
  const timestamp = cognitoTimestamp(new Date(Date.UTC(2026, 2, 5, 9, 7, 3)));

  it('accepts the claim of a client that knows the password', async () => {
    const stored = await createVerifier(poolName, 'alice', 'Passw0rd!', random);
    const ephemeral = await serverEphemeral(stored.verifier, random);
    const secretBlock = Buffer.from(random(64)).toString('base64');
    const claim = await clientClaim({
      stored,
      B: ephemeral.B,
      poolName,
      userId: 'alice',
      password: 'Passw0rd!',
      secretBlock,
      timestamp,
    });
    expect(
      await verifyPasswordClaim({
        ...claim,
        ephemeral,
        verifierHex: stored.verifier,
        poolName,
        userId: 'alice',
        secretBlock,
        timestamp,
      }),
    ).toBe(true);
  });

  it('refuses a wrong password, another user id, a changed timestamp or another secret block', async () => {
    const stored = await createVerifier(poolName, 'alice', 'Passw0rd!', random);
    const ephemeral = await serverEphemeral(stored.verifier, random);
    const secretBlock = Buffer.from(random(64)).toString('base64');
    const base = {
      ephemeral,
      verifierHex: stored.verifier,
      poolName,
      userId: 'alice',
      secretBlock,
      timestamp,
    };
    const wrong = await clientClaim({
      stored,
      B: ephemeral.B,
      poolName,
      userId: 'alice',
      password: 'Passw0rd?',
      secretBlock,
      timestamp,
    });
    expect(await verifyPasswordClaim({ ...base, ...wrong })).toBe(false);

    const right = await clientClaim({
      stored,
      B: ephemeral.B,
      poolName,
      userId: 'alice',
      password: 'Passw0rd!',
      secretBlock,
      timestamp,
    });
    expect(await verifyPasswordClaim({ ...base, ...right, userId: 'bob' })).toBe(false);
    expect(
      await verifyPasswordClaim({ ...base, ...right, timestamp: cognitoTimestamp(new Date()) }),
    ).toBe(false);
    expect(
      await verifyPasswordClaim({
        ...base,
        ...right,
        secretBlock: Buffer.from(random(64)).toString('base64'),
      }),
    ).toBe(false);
  });

  it('refuses A = 0 mod N and a malformed A', async () => {
    const stored = await createVerifier(poolName, 'alice', 'Passw0rd!', random);
    const ephemeral = await serverEphemeral(stored.verifier, random);
    const common = {
      ephemeral,
      verifierHex: stored.verifier,
      poolName,
      userId: 'alice',
      secretBlock: 'AA==',
      timestamp,
      signature: 'x',
    };
    expect(await verifyPasswordClaim({ ...common, A: N.toString(16) })).toBe(false);
    expect(await verifyPasswordClaim({ ...common, A: 'not hex' })).toBe(false);
  });

  it('B = k·v + g^b mod N, never 0', async () => {
    const stored = await createVerifier(poolName, 'alice', 'Passw0rd!', random);
    const ephemeral = await serverEphemeral(stored.verifier, random);
    const k = await multiplierK();
    const expected =
      (k * BigInt(`0x${stored.verifier}`) + modPow(g, BigInt(`0x${ephemeral.b}`), N)) % N;
    expect(BigInt(`0x${ephemeral.B}`)).toBe(expected);
  });

  it('checks typed passwords against the stored verifier (USER_PASSWORD_AUTH)', async () => {
    const stored = await createVerifier(poolName, 'alice', 'Passw0rd!', random);
    expect(await passwordMatches(stored, poolName, 'alice', 'Passw0rd!')).toBe(true);
    expect(await passwordMatches(stored, poolName, 'alice', 'passw0rd!')).toBe(false);
    expect(await passwordMatches(stored, 'OtherPool', 'alice', 'Passw0rd!')).toBe(false);
  });

  it('a device verifier made by amazon-cognito-identity-js matches the device password (ConfirmDevice)', async () => {
    const Helper = (acij as unknown as { AuthenticationHelper: new (pool: string) => AcijHelper })
      .AuthenticationHelper;
    const helper = new Helper('DemoPool0');
    await new Promise<void>((resolve, reject) => {
      helper.generateHashDevice('-groupKey1', 'us-east-1_device-1', (error) =>
        error ? reject(error) : resolve(),
      );
    });
    const stored = {
      salt: BigInt(`0x${helper.getSaltDevices()}`).toString(16),
      verifier: BigInt(`0x${helper.getVerifierDevices()}`).toString(16),
    };
    expect(
      await passwordMatches(stored, '-groupKey1', 'us-east-1_device-1', helper.getRandomPassword()),
    ).toBe(true);
    expect(await passwordMatches(stored, '-groupKey1', 'us-east-1_device-1', 'guess')).toBe(false);
  });
});

interface AcijHelper {
  generateHashDevice(group: string, key: string, callback: (error?: Error) => void): void;
  getSaltDevices(): string;
  getVerifierDevices(): string;
  getRandomPassword(): string;
}
