/**
 * AES-GCM encryption for what must survive a browser restart (refresh tokens, device keys).
 * The key is generated non-extractable on first use and kept in a KeyStore (IndexedDB).
 */
import { base64ToBytes, bytesToBase64 } from '../cognito/srp/bytes';
import type { KeyStore } from './key-store';

export interface SecretBox {
  seal(plaintext: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

const KEY_NAME = 'vault-aes-gcm-v1';

export function createSecretBox(keys: KeyStore): SecretBox {
  let keyPromise: Promise<CryptoKey> | undefined;
  const key = () => {
    keyPromise ??= (async () => {
      const existing = await keys.get(KEY_NAME);
      if (existing) return existing;
      const created = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
        'encrypt',
        'decrypt',
      ]);
      await keys.put(KEY_NAME, created);
      return created;
    })();
    return keyPromise;
  };
  return {
    async seal(plaintext) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data = new TextEncoder().encode(plaintext);
      const sealed = new Uint8Array(
        await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await key(), data),
      );
      return `v1.${bytesToBase64(iv)}.${bytesToBase64(sealed)}`;
    },
    async open(sealed) {
      const [version, iv, body] = sealed.split('.');
      if (version !== 'v1' || iv === undefined || body === undefined)
        throw new Error('unknown sealed format');
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: base64ToBytes(iv) },
        await key(),
        base64ToBytes(body),
      );
      return new TextDecoder().decode(plain);
    },
  };
}
