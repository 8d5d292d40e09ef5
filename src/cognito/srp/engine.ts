import { barrettDomain } from './barrett';
import type { ModularDomain } from './domain';
import { fixedBaseComb, type FixedBasePow } from './fixed-base-comb';
import { N, g } from './group';
import { montgomeryDomain } from './montgomery';
import { slidingWindowPow } from './sliding-window';

export type Reduction = 'montgomery' | 'barrett';

/** The modular exponentiations the SRP client needs, over the Cognito group. */
export interface SrpEngine {
  readonly reduction: Reduction;
  /** g^e mod N (A, g^x, the device verifier): fixed-base comb, table built on first use. */
  powG(exponent: bigint): bigint;
  /** base^e mod N for a base known only after the server answers (S). */
  modPow(base: bigint, exponent: bigint): bigint;
  /** Milliseconds the comb table took to build, or undefined until the first powG. */
  combBuildMs(): number | undefined;
}

/** `a` is 128 random bytes in Cognito's clients; x is a SHA-256 (256 bits). */
const COMB_MAX_BITS = 1024;

export function createSrpEngine(
  options: { reduction?: Reduction; now?: () => number } = {},
): SrpEngine {
  const reduction = options.reduction ?? 'montgomery';
  const domain: ModularDomain = reduction === 'montgomery' ? montgomeryDomain(N) : barrettDomain(N);
  let comb: FixedBasePow | undefined;
  const combFor = (): FixedBasePow => {
    comb ??= fixedBaseComb(domain, g, COMB_MAX_BITS, 5, options.now);
    return comb;
  };
  return {
    reduction,
    powG: (exponent) => combFor()(exponent),
    modPow: (base, exponent) => slidingWindowPow(domain, base, exponent),
    combBuildMs: () => comb?.buildMs,
  };
}

let workerEngine: SrpEngine | undefined;

/**
 * The engine shared by everything in one JS context (popup or service worker). This is the one
 * deliberate module-level cache: the comb table (~80 KB, ~10 ms) is meant to be built once per
 * worker start and reused by every sign-in, device sign-in and ConfirmDevice in that worker.
 * Callers that want isolation (tests, the benchmark) pass their own engine.
 */
export function sharedSrpEngine(): SrpEngine {
  workerEngine ??= createSrpEngine();
  return workerEngine;
}
