import { describe, expect, it } from 'vitest';
import { memoryKeyStore } from './key-store';
import { createSecretBox } from './secret-box';

describe('createSecretBox', () => {
  it('round-trips and never shows the plaintext', async () => {
    const box = createSecretBox(memoryKeyStore());
    const sealed = await box.seal('refresh-token-value');
    expect(sealed).not.toContain('refresh-token-value');
    await expect(box.open(sealed)).resolves.toBe('refresh-token-value');
  });

  it('uses a fresh IV each time and a non-extractable key kept in the store', async () => {
    const keys = memoryKeyStore();
    const box = createSecretBox(keys);
    expect(await box.seal('x')).not.toBe(await box.seal('x'));
    const key = await keys.get('vault-aes-gcm-v1');
    expect(key?.extractable).toBe(false);
    // A second box over the same store (a restarted worker) opens what the first sealed.
    const sealed = await box.seal('kept');
    await expect(createSecretBox(keys).open(sealed)).resolves.toBe('kept');
  });

  it('refuses tampered data and other keys', async () => {
    const box = createSecretBox(memoryKeyStore());
    const sealed = await box.seal('value');
    const tampered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await expect(box.open(tampered)).rejects.toThrow();
    await expect(createSecretBox(memoryKeyStore()).open(sealed)).rejects.toThrow();
  });
});
