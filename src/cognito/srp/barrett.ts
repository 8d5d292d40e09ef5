import type { ModularDomain } from './domain';

/**
 * Barrett reduction: q ≈ ⌊t / m⌋ from a precomputed µ = ⌊4^k / m⌋ with two multiplications and
 * shifts, then at most two corrections. Values stay in normal form. Kept so the benchmark can
 * compare it with Montgomery in each engine.
 */
export function barrettDomain(modulus: bigint): ModularDomain {
  if (modulus <= 1n) throw new RangeError('Barrett reduction needs a modulus greater than 1');
  const k = modulus.toString(2).length;
  const mu = (1n << BigInt(2 * k)) / modulus;
  const low = BigInt(k - 1);
  const high = BigInt(k + 1);

  const reduce = (t: bigint): bigint => {
    let r = t - (((t >> low) * mu) >> high) * modulus;
    while (r >= modulus) r -= modulus;
    return r;
  };

  return {
    name: 'barrett',
    modulus,
    one: 1n % modulus,
    toDomain: (value) => value % modulus,
    fromDomain: (value) => value,
    mul: (x, y) => reduce(x * y),
    sqr: (x) => reduce(x * x),
  };
}
