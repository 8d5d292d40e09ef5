/**
 * TOTP checks for SOFTWARE_TOKEN_MFA and VerifySoftwareToken: RFC 6238 (SHA-1, 6 digits, 30 s)
 * with one step of drift either way, and a code's time step is never accepted twice.
 */
import { createGuardrails, generateSecret, verify } from 'otplib';

/** The demo seed's secrets are the classic 10-byte ones; otplib's default minimum is 16. */
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

export interface TotpCheck {
  valid: boolean;
  /** The time step that matched, to store as the replay floor. */
  timeStep?: number;
}

export async function checkTotp(
  secret: string,
  code: string,
  nowMs: number,
  lastUsedTimeStep: number | undefined,
): Promise<TotpCheck> {
  if (!/^\d{6}$/.test(code.trim())) return { valid: false };
  const result = await verify({
    secret,
    token: code.trim(),
    epoch: Math.floor(nowMs / 1000),
    epochTolerance: 30,
    guardrails,
    ...(lastUsedTimeStep === undefined ? {} : { afterTimeStep: lastUsedTimeStep }),
  });
  if (!result.valid || !('timeStep' in result)) return { valid: false };
  return { valid: true, timeStep: result.timeStep };
}

/** A fresh 32-character base32 secret, as AssociateSoftwareToken returns. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}
