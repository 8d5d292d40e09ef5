/**
 * Reads an otpauth:// URI from a picture of the current tab. Decoding is jsQR's (Apache-2.0,
 * pure JS, no dependencies, ~45 KB min / ~13 KB gz): the page imports this module lazily, so the
 * decoder loads only when the person asks for a scan and never in the popup's first bundle.
 * Only the pixels given are read; nothing leaves the extension.
 */
import jsQR from 'jsqr';
import { OtpError } from './errors';

export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

const NO_CODE = () =>
  new OtpError({
    code: 'QR_NOT_FOUND',
    message: 'No QR code was found on this page.',
    recovery:
      'Scroll so the whole QR code is visible (not cut off, not too small), then scan again.',
  });

const NOT_OTPAUTH = () =>
  new OtpError({
    code: 'QR_NOT_OTPAUTH',
    message: 'The QR code on this page is not an authenticator setup code.',
    recovery: 'Scan the code the site shows for authenticator apps (it starts with otpauth://).',
  });

/** The otpauth URI in the pixels; throws QR_NOT_FOUND or QR_NOT_OTPAUTH. */
export function otpauthFromPixels(pixels: Pixels): string {
  // Pages draw QR codes dark on light, and sometimes (dark themes) the other way round.
  const found = jsQR(pixels.data, pixels.width, pixels.height, {
    inversionAttempts: 'attemptBoth',
  });
  if (!found) throw NO_CODE();
  const text = found.data.trim();
  if (!/^otpauth:\/\//i.test(text)) throw NOT_OTPAUTH();
  return text;
}

/**
 * The pixels of a captured tab (`tabs.captureVisibleTab`'s PNG data URL), drawn on a canvas of
 * the given document.
 */
export async function pixelsOfDataUrl(dataUrl: string, document: Document): Promise<Pixels> {
  const image = document.createElement('img');
  image.src = dataUrl;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw NO_CODE();
  context.drawImage(image, 0, 0);
  const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
  return { data, width, height };
}
