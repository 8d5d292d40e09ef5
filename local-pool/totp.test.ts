import { describe, expect, it } from 'vitest';
import { createGuardrails, generate } from 'otplib';
import { checkTotp, newTotpSecret } from './totp';

const SECRET = 'JBSWY3DPEHPK3PXP';
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });
const at = (ms: number) => generate({ secret: SECRET, epoch: Math.floor(ms / 1000), guardrails });
const NOW = Date.UTC(2026, 10, 21, 12, 0, 15);

describe('TOTP', () => {
  it('accepts the current code and one step either side, not two', async () => {
    expect((await checkTotp(SECRET, await at(NOW), NOW, undefined)).valid).toBe(true);
    expect((await checkTotp(SECRET, await at(NOW - 30_000), NOW, undefined)).valid).toBe(true);
    expect((await checkTotp(SECRET, await at(NOW + 30_000), NOW, undefined)).valid).toBe(true);
    const old = await at(NOW - 60_000);
    if (old !== (await at(NOW)))
      expect((await checkTotp(SECRET, old, NOW, undefined)).valid).toBe(false);
  });

  it('refuses a code whose time step was already used, and garbage', async () => {
    const code = await at(NOW);
    const first = await checkTotp(SECRET, code, NOW, undefined);
    expect(first.valid).toBe(true);
    expect((await checkTotp(SECRET, code, NOW, first.timeStep)).valid).toBe(false);
    const next = await at(NOW + 30_000);
    expect((await checkTotp(SECRET, next, NOW + 30_000, first.timeStep)).valid).toBe(true);
    expect((await checkTotp(SECRET, 'abcdef', NOW, undefined)).valid).toBe(false);
    expect((await checkTotp(SECRET, '12345', NOW, undefined)).valid).toBe(false);
  });

  it('new secrets are 32 base32 characters', () => {
    expect(newTotpSecret()).toMatch(/^[A-Z2-7]{32}$/);
  });
});
