/**
 * otplib's crypto plugin over WebCrypto. HMAC is native in the service worker, the pages and
 * Node, so the pure-JS hashes of otplib's default (noble) plugin, ~5 kB gzipped of the
 * background, are not needed. otplib's async `generate` accepts the Promise `hmac` returns.
 * Only what generating a code needs is real work here; we never verify codes with otplib.
 */
import { AlgorithmUnsupportedError, type CryptoPlugin } from 'otplib';

const WEB_CRYPTO_NAME = { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' } as const;
type Algorithm = keyof typeof WEB_CRYPTO_NAME;

const isAlgorithm = (name: string): name is Algorithm => Object.hasOwn(WEB_CRYPTO_NAME, name);

export function createWebCryptoPlugin(
  webCrypto: Pick<Crypto, 'subtle' | 'getRandomValues'> = crypto,
): CryptoPlugin {
  const algorithms = Object.keys(WEB_CRYPTO_NAME) as Algorithm[];
  return {
    name: 'webcrypto',
    algorithms,
    async hmac(algorithm, key, data) {
      // otplib's own spellings: 'SHA1', 'sha-1' and 'sha_1' all mean SHA-1.
      const name = algorithm.toLowerCase().replace(/[-_]/, '');
      if (!isAlgorithm(name))
        throw new AlgorithmUnsupportedError(algorithm, {
          supported: algorithms,
          plugin: 'webcrypto',
        });
      const cryptoKey = await webCrypto.subtle.importKey(
        'raw',
        key as Uint8Array<ArrayBuffer>,
        { name: 'HMAC', hash: WEB_CRYPTO_NAME[name] },
        false,
        ['sign'],
      );
      return new Uint8Array(
        await webCrypto.subtle.sign('HMAC', cryptoKey, data as Uint8Array<ArrayBuffer>),
      );
    },
    randomBytes(length) {
      return webCrypto.getRandomValues(new Uint8Array(length));
    },
    constantTimeEqual(a, b) {
      const left = typeof a === 'string' ? new TextEncoder().encode(a) : a;
      const right = typeof b === 'string' ? new TextEncoder().encode(b) : b;
      if (left.length !== right.length) return false;
      let difference = 0;
      for (let index = 0; index < left.length; index += 1)
        difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
      return difference === 0;
    },
  };
}
