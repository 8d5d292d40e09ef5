import { afterEach, describe, expect, it, vi } from 'vitest';
import { base64ToBytes, bytesToBigInt, bytesToHex } from './bytes';
import { createDeviceVerifier } from './device';
import { createSrpEngine } from './engine';
import { computePasswordClaim, createEphemeral } from './srp';
import { runAcijFlow } from './testing/acij-flow';
import { serverB, serverKey, serverS, serverSignature, serverU } from './testing/openssl-server';
import { feedRandomWords, loadAcij, loadAmplifySrp } from './testing/reference-libraries';
import { seededRandom } from './testing/seeded-random';
import { firstSeed } from './testing/vectors';

const acij = loadAcij();
const amplify = loadAmplifySrp();
const engine = createSrpEngine();
const GROUP_KEY = '-abcDEF12';
const DEVICE_KEY = 'us-east-1_5f2c1e8a-7b3d-4c9e-a1f0-6d2b8e4c9a73';

/** 56 random bytes: 40 for the device password, then 16 for the salt (the libraries' order). */
const deviceBytes = (seed: string) => seededRandom(`device/${seed}`)(56);
const saltOf = (bytes: Uint8Array) => bytes.subarray(40);

const seeds = [
  ...Array.from({ length: 10 }, (_, i) => `random-${i}`),
  firstSeed('salt-top-bit', deviceBytes, (b) => (saltOf(b)[0] ?? 0) >= 0x80),
  firstSeed('salt-00', deviceBytes, (b) => saltOf(b)[0] === 0),
].map((entry) => (typeof entry === 'string' ? deviceBytes(entry) : entry));

const streamOf = (bytes: Uint8Array) => {
  let offset = 0;
  return (n: number) => bytes.slice(offset, (offset += n));
};

afterEach(() => {
  vi.useRealTimers();
});

describe('createDeviceVerifier', () => {
  it.each(seeds.map((bytes) => [bytesToHex(saltOf(bytes)), bytes] as const))(
    'matches generateHashDevice of both AWS libraries (salt %s)',
    async (_salt, bytes) => {
      const ours = await createDeviceVerifier(
        { deviceGroupKey: GROUP_KEY, deviceKey: DEVICE_KEY, randomBytes: streamOf(bytes) },
        engine,
      );

      const helper = new acij.AuthenticationHelper(GROUP_KEY); // draws its own `a` first
      const restore = feedRandomWords(bytes);
      try {
        await new Promise<void>((resolve, reject) => {
          helper.generateHashDevice(GROUP_KEY, DEVICE_KEY, (error) => {
            if (error) reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
            else resolve();
          });
        });
      } finally {
        restore();
      }
      const fromHex = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
      expect(ours).toEqual({
        devicePassword: helper.getRandomPassword(),
        salt: fromHex(helper.getSaltDevices()),
        passwordVerifier: fromHex(helper.getVerifierDevices()),
      });

      const N = new amplify.BigInteger(amplify.INIT_N, 16);
      const g = new amplify.BigInteger('2', 16);
      const one = new amplify.BigInteger('1', 16);
      const amplifyHelper = new amplify.AuthenticationHelper({
        userPoolName: GROUP_KEY,
        a: one,
        g,
        A: g,
        N,
      });
      const restoreAmplify = feedRandomWords(bytes);
      try {
        await amplifyHelper.generateHashDevice(GROUP_KEY, DEVICE_KEY);
      } finally {
        restoreAmplify();
      }
      expect(ours.devicePassword).toBe(amplifyHelper.getRandomPassword());
      expect(ours.salt).toBe(fromHex(amplifyHelper.getSaltToHashDevices()));
      expect(ours.passwordVerifier).toBe(fromHex(amplifyHelper.getVerifierDevices()));
    },
  );

  it('encodes a salt with the top bit set with a 00 prefix (17 bytes)', async () => {
    const bytes = seeds.find((b) => (saltOf(b)[0] ?? 0) >= 0x80) ?? new Uint8Array();
    const ours = await createDeviceVerifier(
      { deviceGroupKey: GROUP_KEY, deviceKey: DEVICE_KEY, randomBytes: streamOf(bytes) },
      engine,
    );
    expect(base64ToBytes(ours.salt)).toEqual(Uint8Array.from([0, ...saltOf(bytes)]));
    expect(base64ToBytes(ours.devicePassword)).toEqual(bytes.subarray(0, 40));
  });
});

describe('device SRP (DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER)', () => {
  it.each([0, 1, 2])(
    'computePasswordClaim with DeviceGroupKey/DeviceKey/devicePassword matches the server and amazon-cognito-identity-js (%i)',
    async (seed) => {
      const random = seededRandom(`device-srp/${seed}`);
      // ConfirmDevice stored our verifier on the server; a later sign-in proves the device password.
      const verifier = await createDeviceVerifier(
        { deviceGroupKey: GROUP_KEY, deviceKey: DEVICE_KEY, randomBytes: random },
        engine,
      );
      const saltHex = bytesToHex(base64ToBytes(verifier.salt));
      const v = bytesToBigInt(base64ToBytes(verifier.passwordVerifier));
      const session = serverB(v, bytesToBigInt(random(32)));
      const secretBlock = Buffer.from(random(128)).toString('base64');
      const now = new Date(Date.UTC(2026, 6, 4 + seed, 5, 6, 7));
      const aUser = bytesToBigInt(random(128));
      const aBytes = random(128);
      const ephemeral = createEphemeral(() => aBytes, engine);

      const claim = await computePasswordClaim(
        {
          ephemeral,
          poolName: GROUP_KEY,
          userId: DEVICE_KEY,
          password: verifier.devicePassword,
          srpB: session.B.toString(16),
          salt: saltHex,
          secretBlock,
          now,
        },
        engine,
      );

      const key = serverKey(serverS(ephemeral.A, session), serverU(ephemeral.A, session.B));
      expect(claim.PASSWORD_CLAIM_SIGNATURE).toBe(
        serverSignature(key, GROUP_KEY, DEVICE_KEY, secretBlock, claim.TIMESTAMP),
      );

      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(now);
      const userChallenge = {
        SRP_B: session.B.toString(16),
        SALT: saltHex,
        SECRET_BLOCK: secretBlock,
      };
      const recorded = await runAcijFlow({
        acij,
        poolName: 'AbCdEf123',
        alias: 'someone',
        userIdForSrp: 'user-sub-1',
        password: 'not checked by the script',
        smallA: [aUser, ephemeral.a],
        user: userChallenge,
        device: {
          deviceKey: DEVICE_KEY,
          deviceGroupKey: GROUP_KEY,
          devicePassword: verifier.devicePassword,
          challenge: userChallenge,
        },
      });
      expect(recorded.srpA[1]).toBe(ephemeral.srpA);
      expect(recorded.responses[1]).toEqual({
        USERNAME: 'user-sub-1',
        DEVICE_KEY,
        PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
        PASSWORD_CLAIM_SIGNATURE: claim.PASSWORD_CLAIM_SIGNATURE,
        TIMESTAMP: claim.TIMESTAMP,
      });
    },
  );
});
