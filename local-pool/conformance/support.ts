/**
 * Shared helpers of the conformance tests: read codes from the outbox, make TOTP codes from the
 * seed's secrets, and verify tokens against the pool's JWKS with jose, as a resource server would.
 */
import { createGuardrails, generate } from 'otplib';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { LocalPool } from '../server';

export function latestCode(pool: LocalPool, username: string, medium?: 'SMS' | 'EMAIL'): string {
  const message = pool
    .outbox()
    .filter((m) => m.username === username && (medium === undefined || m.medium === medium))
    .at(-1);
  if (!message) throw new Error(`no ${medium ?? ''} message for ${username} in the outbox`);
  return message.code;
}

export function outboxCount(pool: LocalPool, username: string): number {
  return pool.outbox().filter((m) => m.username === username).length;
}

const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

/** The TOTP code for `secret` at `atMs` (default now), as an authenticator app shows it. */
export function totpCode(secret: string, atMs = Date.now()): Promise<string> {
  return generate({ secret, epoch: Math.floor(atMs / 1000), guardrails });
}

/** Waits until the next 30 s TOTP window when a code of this window was already used. */
export async function nextTotpWindow(): Promise<void> {
  const ms = 30_000 - (Date.now() % 30_000) + 50;
  await new Promise((resolve) => setTimeout(resolve, ms));
}

export async function verifyTokens(
  pool: LocalPool,
  poolId: string,
  clientId: string,
  tokens: { idToken: string; accessToken: string },
): Promise<{ id: JWTPayload; access: JWTPayload }> {
  const issuer = `${pool.url}/${poolId}`;
  const keys = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
  const id = await jwtVerify(tokens.idToken, keys, { issuer, audience: clientId });
  const access = await jwtVerify(tokens.accessToken, keys, { issuer });
  if (id.payload.token_use !== 'id' || access.payload.token_use !== 'access') {
    throw new Error('token_use claims are wrong');
  }
  if (access.payload.client_id !== clientId) throw new Error('access token client_id is wrong');
  return { id: id.payload, access: access.payload };
}

export async function resetPool(pool: LocalPool): Promise<void> {
  const response = await fetch(`${pool.url}/_local/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`reset failed: ${response.status}`);
}

export async function advanceClock(pool: LocalPool, advanceMs: number): Promise<void> {
  const response = await fetch(`${pool.url}/_local/clock`, {
    method: 'POST',
    body: JSON.stringify({ advanceMs }),
  });
  if (!response.ok) throw new Error(`clock failed: ${response.status}`);
}

/** One raw JSON 1.1 call, for what AWS's clients cannot express (forged Sessions and so on). */
export async function callPool(
  pool: LocalPool,
  operation: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${pool.url}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
