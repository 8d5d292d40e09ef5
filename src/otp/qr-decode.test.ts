import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { otpauthFromPixels, type Pixels } from './qr-decode';

const URI = 'otpauth://totp/Demo:bob%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Demo';

/** A QR code drawn like a page would: `scale` pixels per module, on a wider background. */
function draw(text: string, options: { scale?: number; invert?: boolean; margin?: number } = {}) {
  const { scale = 4, invert = false, margin = 40 } = options;
  const { data: matrix, size } = encode(text, { border: 4 });
  const width = size * scale + margin * 2;
  const pixels = new Uint8ClampedArray(width * width * 4);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      const mx = Math.floor((x - margin) / scale);
      const my = Math.floor((y - margin) / scale);
      const dark = matrix[my]?.[mx] === true;
      const value = dark !== invert ? 0 : 255;
      pixels.set([value, value, value, 255], (y * width + x) * 4);
    }
  }
  return { data: pixels, width, height: width } satisfies Pixels;
}

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'no error';
};

describe('otpauthFromPixels', () => {
  it('reads the otpauth URI of a QR code on the page', () => {
    expect(otpauthFromPixels(draw(URI))).toBe(URI);
  });

  it('reads a light-on-dark code too', () => {
    expect(otpauthFromPixels(draw(URI, { invert: true, margin: 0 }))).toBe(URI);
  });

  it('says when there is no QR code, and when the code is not an authenticator one', () => {
    const blank = { data: new Uint8ClampedArray(64 * 64 * 4).fill(255), width: 64, height: 64 };
    expect(code(() => otpauthFromPixels(blank))).toBe('QR_NOT_FOUND');
    expect(code(() => otpauthFromPixels(draw('https://example.com/')))).toBe('QR_NOT_OTPAUTH');
  });
});
