import { describe, expect, it } from 'vitest';
import { base64Url, createCodeVerifier, createState, s256Challenge, webCryptoRandom } from './pkce';

describe('PKCE', () => {
  it('S256 matches RFC 7636 Appendix B', async () => {
    expect(await s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('base64url has no padding and no + or /', () => {
    expect(base64Url(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe('-__-');
    expect(base64Url(new Uint8Array([1]))).toBe('AQ');
  });

  it('the verifier is 86 unreserved characters; the RFC example bytes give the RFC verifier', () => {
    const rfcBytes = new Uint8Array([
      116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77,
      105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
    ]);
    expect(base64Url(rfcBytes)).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    const verifier = createCodeVerifier(webCryptoRandom);
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{86}$/);
  });

  it('state and verifier differ every time', () => {
    const states = new Set(Array.from({ length: 50 }, () => createState(webCryptoRandom)));
    expect(states.size).toBe(50);
    expect(createCodeVerifier(webCryptoRandom)).not.toBe(createCodeVerifier(webCryptoRandom));
  });
});
