/**
 * The server half of Cognito's SRP-6a, built on the primitives the extension's client uses
 * (src/cognito/srp): the verifier v = g^x, the public value B = k·v + g^b, and the check of
 * PASSWORD_CLAIM_SIGNATURE with S = (A·v^u)^b. A wrong password gives a different S, so a
 * different HKDF key and a signature that does not match.
 */
import { createDiffieHellman, timingSafeEqual } from 'node:crypto';
import { bytesToBigInt, hexToBytes } from '../src/cognito/srp/bytes';
import { N, N_HEX, g } from '../src/cognito/srp/group';
import {
  multiplierK,
  passwordAuthenticationKey,
  passwordClaimSignature,
  privateKeyX,
  scramblingU,
} from '../src/cognito/srp/primitives';

/** Square-and-multiply with a 4-bit window; plenty for a local server. */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus === 1n) return 0n;
  let b = base % modulus;
  if (b < 0n) b += modulus;
  const table: bigint[] = [1n, b];
  for (let i = 2; i < 16; i++) table.push(((table[i - 1] ?? 1n) * b) % modulus);
  const hex = exponent.toString(16);
  let result = 1n;
  for (const digit of hex) {
    for (let s = 0; s < 4; s++) result = (result * result) % modulus;
    const d = Number.parseInt(digit, 16);
    if (d !== 0) result = (result * (table[d] ?? 1n)) % modulus;
  }
  return result;
}

const N_BYTES = hexToBytes(N_HEX);
const G_BYTES = new Uint8Array([2]);
const toBytes = (value: bigint) => hexToBytes(value.toString(16));

/**
 * base^exponent mod N through OpenSSL (a Diffie-Hellman "shared secret" is exactly that), about
 * ten times faster than BigInt; BigInt covers the degenerate bases OpenSSL refuses.
 */
export function modPowN(base: bigint, exponent: bigint): bigint {
  let reduced = base % N;
  if (reduced < 0n) reduced += N;
  if (exponent === 0n || reduced <= 1n || reduced >= N - 1n) return modPow(reduced, exponent, N);
  try {
    const dh = createDiffieHellman(N_BYTES, G_BYTES);
    dh.setPrivateKey(toBytes(exponent));
    return bytesToBigInt(dh.computeSecret(toBytes(reduced)));
  } catch {
    return modPow(reduced, exponent, N);
  }
}

export type RandomBytes = (length: number) => Uint8Array;

export interface StoredVerifier {
  /** Hex of the salt as Cognito sends it in SALT. */
  salt: string;
  /** Hex of v = g^x mod N. */
  verifier: string;
}

/** What a user's (or a device's) password becomes: a salt and the SRP verifier, never the text. */
export async function createVerifier(
  poolName: string,
  userId: string,
  password: string,
  randomBytes: RandomBytes,
): Promise<StoredVerifier> {
  const salt = bytesToBigInt(randomBytes(16));
  const x = await privateKeyX(salt, poolName, userId, password);
  return { salt: salt.toString(16), verifier: modPowN(g, x).toString(16) };
}

/** For USER_PASSWORD_AUTH and ChangePassword: recompute v from the typed password. */
export async function passwordMatches(
  stored: StoredVerifier,
  poolName: string,
  userId: string,
  password: string,
): Promise<boolean> {
  const x = await privateKeyX(BigInt(`0x${stored.salt}`), poolName, userId, password);
  return modPowN(g, x) === BigInt(`0x${stored.verifier}`);
}

export interface ServerEphemeral {
  /** Secret exponent, hex. */
  b: string;
  /** Public value sent as SRP_B, hex. */
  B: string;
}

export async function serverEphemeral(
  verifierHex: string,
  randomBytes: RandomBytes,
): Promise<ServerEphemeral> {
  const k = await multiplierK();
  const v = BigInt(`0x${verifierHex}`);
  for (;;) {
    const b = bytesToBigInt(randomBytes(32));
    const B = (k * v + modPowN(g, b)) % N;
    if (B !== 0n && b !== 0n) return { b: b.toString(16), B: B.toString(16) };
  }
}

export interface PasswordClaim {
  /** Client public value SRP_A, hex. */
  A: string;
  ephemeral: ServerEphemeral;
  verifierHex: string;
  /** Pool name for users, DeviceGroupKey for devices. */
  poolName: string;
  /** USER_ID_FOR_SRP for users, DeviceKey for devices. */
  userId: string;
  secretBlock: string;
  timestamp: string;
  signature: string;
}

export function parseSrpA(hex: string): bigint | undefined {
  if (!/^[0-9a-fA-F]{1,1000}$/.test(hex)) return undefined;
  const A = BigInt(`0x${hex}`);
  return A % N === 0n ? undefined : A;
}

export async function verifyPasswordClaim(claim: PasswordClaim): Promise<boolean> {
  const A = parseSrpA(claim.A);
  if (A === undefined) return false;
  const B = BigInt(`0x${claim.ephemeral.B}`);
  const b = BigInt(`0x${claim.ephemeral.b}`);
  const v = BigInt(`0x${claim.verifierHex}`);
  const u = await scramblingU(A, B);
  if (u === 0n) return false;
  const S = modPowN((A * modPowN(v, u)) % N, b);
  const key = await passwordAuthenticationKey(S, u);
  const expected = await passwordClaimSignature(
    key,
    claim.poolName,
    claim.userId,
    claim.secretBlock,
    claim.timestamp,
  );
  const a = Buffer.from(expected);
  const given = Buffer.from(claim.signature);
  return a.length === given.length && timingSafeEqual(a, given);
}
