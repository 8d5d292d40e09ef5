import { describe, expect, it } from 'vitest';
import { s256Challenge, verifierMatches } from './pkce';

// RFC 7636 Appendix B.
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE S256 on the pool', () => {
  it('matches the RFC 7636 example', () => {
    expect(s256Challenge(RFC_VERIFIER)).toBe(RFC_CHALLENGE);
    expect(verifierMatches(RFC_CHALLENGE, RFC_VERIFIER)).toBe(true);
  });

  it('refuses another verifier, a missing one and a malformed one', () => {
    expect(verifierMatches(RFC_CHALLENGE, `${RFC_VERIFIER.slice(0, -1)}A`)).toBe(false);
    expect(verifierMatches(RFC_CHALLENGE, undefined)).toBe(false);
    expect(verifierMatches(s256Challenge('short'), 'short')).toBe(false);
  });
});
