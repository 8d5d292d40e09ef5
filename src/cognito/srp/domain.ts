/**
 * A residue representation for arithmetic modulo a fixed odd modulus. Exponentiation code is
 * written once against this interface so Montgomery and Barrett reduction can be swapped and
 * measured side by side (issue 8 asks to keep whichever wins in Chromium).
 */
export interface ModularDomain {
  readonly name: string;
  readonly modulus: bigint;
  /** The representation of 1. */
  readonly one: bigint;
  /** Normal value in [0, m) → domain representation. */
  toDomain(value: bigint): bigint;
  /** Domain representation → normal value in [0, m). */
  fromDomain(value: bigint): bigint;
  mul(x: bigint, y: bigint): bigint;
  sqr(x: bigint): bigint;
}
