/**
 * The client side of Cognito's SRP-6a (USER_SRP_AUTH → PASSWORD_VERIFIER), byte-identical to
 * amazon-cognito-identity-js on its known-answer vectors (srp.test.ts).
 *
 * Device SRP (DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER) is the same computation: call
 * `computePasswordClaim` with poolName := DeviceGroupKey, userId := DeviceKey and
 * password := the device's random password (the `devicePassword` from createDeviceVerifier), and
 * send a fresh ephemeral's srpA as SRP_A in DEVICE_SRP_AUTH. srp.test.ts checks that path too.
 */
import { bytesToBigInt, hexToBytes } from './bytes';
import { sharedSrpEngine, type SrpEngine } from './engine';
import { SrpError } from './errors';
import { N } from './group';
import {
  cognitoTimestamp,
  multiplierK,
  passwordAuthenticationKey,
  passwordClaimSignature,
  privateKeyX,
  scramblingU,
} from './primitives';

export interface SrpEphemeral {
  a: bigint;
  A: bigint;
  /** A.toString(16): lowercase, unpadded (may be odd-length), as Cognito expects SRP_A. */
  srpA: string;
}

export type RandomBytes = (n: number) => Uint8Array;

export const cryptoRandomBytes: RandomBytes = (n) => crypto.getRandomValues(new Uint8Array(n));

/**
 * a = 128 random bytes (1024 bits, not reduced: what both AWS libraries do), A = g^a mod N.
 * Cheap enough to call when the popup opens, so only the key remains after InitiateAuth.
 */
export function createEphemeral(
  randomBytes: RandomBytes = cryptoRandomBytes,
  engine: SrpEngine = sharedSrpEngine(),
): SrpEphemeral {
  const a = bytesToBigInt(randomBytes(128));
  const A = engine.powG(a);
  if (A % N === 0n) {
    throw new SrpError(
      'SrpInvalidEphemeral',
      'The sign-in secret could not be generated.',
      'Try signing in again.',
    );
  }
  return { a, A, srpA: A.toString(16) };
}

export interface PasswordClaimInput {
  ephemeral: SrpEphemeral;
  /** The user pool id after "_", or the DeviceGroupKey for device SRP. */
  poolName: string;
  /** USER_ID_FOR_SRP from the challenge (not the alias typed), or the DeviceKey. */
  userId: string;
  /** The password, or the device's random password. */
  password: string;
  /** SRP_B, hex. */
  srpB: string;
  /** SALT, hex. */
  salt: string;
  /** SECRET_BLOCK, base64, passed back unchanged. */
  secretBlock: string;
  now: Date;
}

export interface PasswordClaim {
  PASSWORD_CLAIM_SIGNATURE: string;
  PASSWORD_CLAIM_SECRET_BLOCK: string;
  TIMESTAMP: string;
}

function parseHexParameter(name: string, hex: string): bigint {
  if (!/^[0-9a-fA-F]+$/.test(hex)) {
    throw new SrpError(
      'SrpInvalidChallengeParameter',
      `The sign-in challenge has an invalid ${name}.`,
      'Try signing in again; if it keeps failing, check the user pool endpoint.',
    );
  }
  return bytesToBigInt(hexToBytes(hex));
}

/** The 16-byte HKDF key of the password verifier (exported for the known-answer tests). */
export async function passwordKey(
  input: Omit<PasswordClaimInput, 'secretBlock' | 'now'>,
  engine: SrpEngine = sharedSrpEngine(),
): Promise<Uint8Array<ArrayBuffer>> {
  const B = parseHexParameter('SRP_B', input.srpB);
  const salt = parseHexParameter('SALT', input.salt);
  if (B % N === 0n) {
    throw new SrpError(
      'SrpInvalidServerValue',
      'The server sent an invalid sign-in value (B mod N is 0).',
      'Try signing in again; if it keeps failing, the endpoint is not a genuine Cognito pool.',
    );
  }
  const { a, A } = input.ephemeral;
  const u = await scramblingU(A, B);
  if (u === 0n) {
    throw new SrpError(
      'SrpInvalidServerValue',
      'The server sent an invalid sign-in value (u is 0).',
      'Try signing in again.',
    );
  }
  const x = await privateKeyX(salt, input.poolName, input.userId, input.password);
  const k = await multiplierK();
  // B - k·g^x is negative in practice (k·g^x has ~3328 bits); bring it into [0, N) first.
  let base = (B - k * engine.powG(x)) % N;
  if (base < 0n) base += N;
  // The exponent is a + u·x, not reduced mod N-1 (as in both AWS libraries).
  const S = engine.modPow(base, a + u * x);
  return passwordAuthenticationKey(S, u);
}

export async function computePasswordClaim(
  input: PasswordClaimInput,
  engine: SrpEngine = sharedSrpEngine(),
): Promise<PasswordClaim> {
  const key = await passwordKey(input, engine);
  const timestamp = cognitoTimestamp(input.now);
  return {
    PASSWORD_CLAIM_SIGNATURE: await passwordClaimSignature(
      key,
      input.poolName,
      input.userId,
      input.secretBlock,
      timestamp,
    ),
    PASSWORD_CLAIM_SECRET_BLOCK: input.secretBlock,
    TIMESTAMP: timestamp,
  };
}
