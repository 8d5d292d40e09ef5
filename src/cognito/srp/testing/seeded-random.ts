import { createHash } from 'node:crypto';

/**
 * A deterministic byte stream for tests: SHA-256(seed | counter) blocks. Known-answer tests use
 * it so a failing vector can be replayed exactly.
 */
export function seededRandom(seed: string): (n: number) => Uint8Array<ArrayBuffer> {
  let counter = 0;
  let pool = new Uint8Array(0);
  return (n) => {
    while (pool.length < n) {
      const block = createHash('sha256').update(`${seed}:${counter++}`).digest();
      const next = new Uint8Array(pool.length + block.length);
      next.set(pool);
      next.set(block, pool.length);
      pool = next;
    }
    const out = pool.slice(0, n);
    pool = pool.slice(n);
    return out;
  };
}

/** Textbook right-to-left square-and-multiply: the slow, obviously correct reference. */
export function naiveModPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n % modulus;
  let b = ((base % modulus) + modulus) % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}
