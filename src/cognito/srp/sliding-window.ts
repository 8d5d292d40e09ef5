import type { ModularDomain } from './domain';

/**
 * base^exponent mod m by left-to-right sliding windows over the exponent's bits: one squaring
 * per bit and one multiplication per window of `windowBits` bits, from a table of the 2^(w-1)
 * odd powers of the base. Used where the base is only known late (S = (B - k·g^x)^(a + u·x)).
 * Not constant-time, like the AWS libraries' jsbn (see reference/srp-performance.md).
 */
export function slidingWindowPow(
  domain: ModularDomain,
  base: bigint,
  exponent: bigint,
  windowBits = 5,
): bigint {
  if (exponent < 0n) throw new RangeError('negative exponent');
  const m = domain.modulus;
  const reduced = ((base % m) + m) % m;
  if (exponent === 0n) return 1n % m;

  const b = domain.toDomain(reduced);
  const b2 = domain.sqr(b);
  const oddPowers: bigint[] = [b]; // oddPowers[i] = b^(2i+1)
  for (let i = 1; i < 1 << (windowBits - 1); i++) {
    oddPowers.push(domain.mul(oddPowers[i - 1] ?? b, b2));
  }

  const bits = exponent.toString(2);
  let acc = domain.one;
  let started = false;
  let i = 0;
  while (i < bits.length) {
    if (bits[i] === '0') {
      if (started) acc = domain.sqr(acc);
      i++;
      continue;
    }
    // The longest window starting here that ends in a 1 bit, so its value is odd.
    let end = Math.min(i + windowBits, bits.length);
    while (bits[end - 1] === '0') end--;
    const value = Number.parseInt(bits.slice(i, end), 2);
    if (started) for (let s = i; s < end; s++) acc = domain.sqr(acc);
    const power = oddPowers[(value - 1) >> 1] ?? b;
    acc = started ? domain.mul(acc, power) : power;
    started = true;
    i = end;
  }
  return domain.fromDomain(acc);
}
