import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barrettDomain } from './barrett';
import { createSrpEngine } from './engine';
import { fixedBaseComb } from './fixed-base-comb';
import { N } from './group';
import { montgomeryDomain } from './montgomery';
import { slidingWindowPow } from './sliding-window';
import { naiveModPow } from './testing/seeded-random';

const smallOddModulus = fc.bigInt({ min: 3n, max: (1n << 200n) - 1n }).map((m) => m | 1n);
const domains = [
  ['montgomery', montgomeryDomain],
  ['barrett', barrettDomain],
] as const;

describe.each(domains)('%s reduction', (_name, makeDomain) => {
  it('multiplies like (x·y) mod m for random odd moduli', () => {
    fc.assert(
      fc.property(smallOddModulus, fc.bigInt({ min: 0n }), fc.bigInt({ min: 0n }), (m, x, y) => {
        const d = makeDomain(m);
        const [a, b] = [x % m, y % m];
        const product = d.fromDomain(d.mul(d.toDomain(a), d.toDomain(b)));
        expect(product).toBe((a * b) % m);
        expect(d.fromDomain(d.sqr(d.toDomain(a)))).toBe((a * a) % m);
        expect(d.fromDomain(d.one)).toBe(1n % m);
      }),
    );
  });

  it('handles the extremes of the SRP group (0, 1, N-1)', () => {
    const d = makeDomain(N);
    for (const v of [0n, 1n, N - 1n, N - 2n]) {
      expect(d.fromDomain(d.sqr(d.toDomain(v)))).toBe((v * v) % N);
      expect(d.fromDomain(d.mul(d.toDomain(v), d.toDomain(N - 1n)))).toBe((v * (N - 1n)) % N);
    }
  });
});

describe('slidingWindowPow', () => {
  it.each(domains)('agrees with square-and-multiply (%s)', (_name, makeDomain) => {
    fc.assert(
      fc.property(
        smallOddModulus,
        fc.bigInt({ min: -(1n << 300n), max: 1n << 300n }),
        fc.bigInt({ min: 0n, max: 1n << 400n }),
        fc.integer({ min: 1, max: 7 }),
        (m, base, exponent, windowBits) => {
          expect(slidingWindowPow(makeDomain(m), base, exponent, windowBits)).toBe(
            naiveModPow(base, exponent, m),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('covers exponents of all zeros, all ones and a single high bit', () => {
    const d = montgomeryDomain(N);
    const base = N - 12345n;
    for (const e of [0n, 1n, 2n, (1n << 1025n) - 1n, 1n << 1024n, (1n << 40n) + 1n]) {
      expect(slidingWindowPow(d, base, e)).toBe(naiveModPow(base, e, N));
    }
  });
});

describe('fixedBaseComb', () => {
  it('agrees with square-and-multiply up to maxBits and beyond (fallback)', () => {
    fc.assert(
      fc.property(
        smallOddModulus,
        fc.bigInt({ min: 2n, max: 1n << 100n }),
        fc.bigInt({ min: 0n, max: (1n << 130n) - 1n }),
        fc.integer({ min: 1, max: 6 }),
        (m, base, exponent, windowBits) => {
          const pow = fixedBaseComb(montgomeryDomain(m), base, 128, windowBits);
          expect(pow(exponent)).toBe(naiveModPow(base, exponent, m));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports how long the table took to build', () => {
    let clock = 0;
    const pow = fixedBaseComb(barrettDomain(N), 2n, 64, 5, () => (clock += 7));
    expect(pow.buildMs).toBe(7);
    expect(pow(0n)).toBe(1n);
  });
});

describe('createSrpEngine', () => {
  it.each(['montgomery', 'barrett'] as const)(
    'computes 2^e and b^e over the Cognito group (%s)',
    (reduction) => {
      const engine = createSrpEngine({ reduction });
      expect(engine.combBuildMs()).toBeUndefined();
      const e = (1n << 1023n) + 0xdeadbeefn;
      expect(engine.powG(e)).toBe(naiveModPow(2n, e, N));
      expect(engine.combBuildMs()).toBeGreaterThanOrEqual(0);
      const b = N / 3n;
      expect(engine.modPow(b, e * 3n)).toBe(naiveModPow(b, e * 3n, N));
    },
  );
});
