/**
 * The hashes and encodings of Cognito's SRP-6a that client and server share (DESIGN.md, "SRP
 * facts that bite"). Pure functions over bigint and bytes; the modular exponentiation lives
 * elsewhere so client and server can each use the fastest engine they have.
 */
import {
  base64ToBytes,
  bytesToBase64,
  bytesToBigInt,
  bytesToHex,
  concatBytes,
  hexToBytes,
  hmacSha256,
  padHex,
  sha256,
  utf8,
} from './bytes';
import { HKDF_INFO, N, g } from './group';

let kCache: Promise<bigint> | undefined;

/** k = H(padHex(N) | padHex(g)): note padHex(g) = "02", not RFC 5054's PAD(g). */
export function multiplierK(): Promise<bigint> {
  kCache ??= sha256(hexToBytes(padHex(N) + padHex(g))).then(bytesToBigInt);
  return kCache;
}

/** u = H(padHex(A) | padHex(B)). */
export async function scramblingU(A: bigint, B: bigint): Promise<bigint> {
  return bytesToBigInt(await sha256(hexToBytes(padHex(A) + padHex(B))));
}

/**
 * x = H(padHex(salt) | H(poolName | userId | ":" | password)). For users, poolName is the part of
 * the pool id after "_" and userId is USER_ID_FOR_SRP; for devices they are DeviceGroupKey and
 * DeviceKey, and the password is the device's random password.
 */
export async function privateKeyX(
  salt: bigint,
  poolName: string,
  userId: string,
  password: string,
): Promise<bigint> {
  const inner = bytesToHex(await sha256(utf8(`${poolName}${userId}:${password}`)));
  return bytesToBigInt(await sha256(hexToBytes(padHex(salt) + inner)));
}

/** HKDF-SHA256 with salt padHex(u), key material padHex(S), info "Caldera Derived Key", 16 bytes. */
export async function passwordAuthenticationKey(
  S: bigint,
  u: bigint,
): Promise<Uint8Array<ArrayBuffer>> {
  const prk = await hmacSha256(hexToBytes(padHex(u)), hexToBytes(padHex(S)));
  const okm = await hmacSha256(prk, concatBytes(utf8(HKDF_INFO), new Uint8Array([1])));
  return okm.slice(0, 16);
}

/** base64(HMAC(key, poolName | userId | SECRET_BLOCK bytes | TIMESTAMP)). */
export async function passwordClaimSignature(
  key: Uint8Array<ArrayBuffer>,
  poolName: string,
  userId: string,
  secretBlock: string,
  timestamp: string,
): Promise<string> {
  const message = concatBytes(
    utf8(poolName),
    utf8(userId),
    base64ToBytes(secretBlock),
    utf8(timestamp),
  );
  return bytesToBase64(await hmacSha256(key, message));
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** `EEE MMM d HH:mm:ss 'UTC' yyyy`, English, UTC, and the day of the month NOT zero-padded. */
export function cognitoTimestamp(date: Date): string {
  return `${WEEKDAYS[date.getUTCDay()] ?? ''} ${MONTHS[date.getUTCMonth()] ?? ''} ${date.getUTCDate()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}

/** Parses a Cognito TIMESTAMP back to epoch ms (the local pool checks the skew). */
export function parseCognitoTimestamp(timestamp: string): number | undefined {
  const match =
    /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) ([A-Z][a-z]{2}) ([1-9]|[12]\d|3[01]) (\d{2}):(\d{2}):(\d{2}) UTC (\d{4})$/.exec(
      timestamp,
    );
  if (!match) return undefined;
  const [, , mon, day, hh, mm, ss, yyyy] = match;
  const month = MONTHS.indexOf(mon ?? '');
  if (month < 0) return undefined;
  return Date.UTC(Number(yyyy), month, Number(day), Number(hh), Number(mm), Number(ss));
}
