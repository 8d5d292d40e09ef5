/**
 * The server side of Cognito's SRP-6a, computed with node:crypto (OpenSSL) so the known-answer
 * tests do not check our engine against itself: v = g^x, B = k·v + g^b, S = (A·v^u)^b, and the
 * expected signature from S. Encodings follow reference/srp-performance.md, written out here with
 * node:crypto rather than primitives.ts.
 */
import { createDiffieHellman, createHash, createHmac, hkdfSync } from 'node:crypto';
import { N, N_HEX } from '../group';

const dh = createDiffieHellman(Buffer.from(N_HEX, 'hex'), Buffer.from([2]));

const toBuffer = (value: bigint): Buffer => {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
};
const fromBuffer = (bytes: Uint8Array): bigint =>
  bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);

/** base^exponent mod N through OpenSSL's DH (base must be in [2, N-2]). */
export function opensslModPow(base: bigint, exponent: bigint): bigint {
  dh.setPrivateKey(toBuffer(exponent));
  return fromBuffer(dh.computeSecret(toBuffer(base)));
}

/** 2^exponent mod N through OpenSSL's DH key generation. */
export function opensslPowG(exponent: bigint): bigint {
  dh.setPrivateKey(toBuffer(exponent));
  dh.generateKeys();
  return fromBuffer(dh.getPublicKey());
}

/** Java BigInteger.toByteArray() as hex, written independently of bytes.ts. */
export function javaHex(value: bigint): string {
  const hex = value
    .toString(16)
    .padStart(value.toString(16).length + (value.toString(16).length % 2), '0');
  return Number.parseInt(hex.charAt(0), 16) >= 8 ? `00${hex}` : hex;
}

const sha256 = (data: Buffer | string): Buffer => createHash('sha256').update(data).digest();
const hashHex = (hex: string): bigint => fromBuffer(sha256(Buffer.from(hex, 'hex')));

export const serverK = hashHex(javaHex(N) + javaHex(2n));

export function serverX(saltHex: string, poolName: string, userId: string, password: string) {
  const inner = sha256(Buffer.from(`${poolName}${userId}:${password}`, 'utf8')).toString('hex');
  return hashHex(javaHex(BigInt(`0x${saltHex}`)) + inner);
}

export function serverU(A: bigint, B: bigint): bigint {
  return hashHex(javaHex(A) + javaHex(B));
}

export interface ServerSession {
  B: bigint;
  v: bigint;
  b: bigint;
}

export function serverB(v: bigint, b: bigint): ServerSession {
  return { B: (serverK * v + opensslPowG(b)) % N, v, b };
}

/** S = (A · v^u)^b mod N, the server's view of the shared secret. */
export function serverS(A: bigint, session: ServerSession): bigint {
  const u = serverU(A, session.B);
  return opensslModPow((A * opensslModPow(session.v, u)) % N, session.b);
}

export function serverKey(S: bigint, u: bigint): Buffer {
  return Buffer.from(
    hkdfSync(
      'sha256',
      Buffer.from(javaHex(S), 'hex'),
      Buffer.from(javaHex(u), 'hex'),
      Buffer.from('Caldera Derived Key'),
      16,
    ),
  );
}

export function serverSignature(
  key: Buffer,
  poolName: string,
  userId: string,
  secretBlock: string,
  timestamp: string,
): string {
  return createHmac('sha256', key)
    .update(
      Buffer.concat([
        Buffer.from(poolName, 'utf8'),
        Buffer.from(userId, 'utf8'),
        Buffer.from(secretBlock, 'base64'),
        Buffer.from(timestamp, 'utf8'),
      ]),
    )
    .digest('base64');
}
