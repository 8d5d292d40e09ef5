/**
 * Load figure for the local pool: USER_SRP_AUTH sign-ins for alice, first one after another,
 * then 50 at once. Run with `npx tsx local-pool/load.ts [count]`. Prints one JSON line per run
 * with median / p95 latency of a whole sign-in (InitiateAuth + RespondToAuthChallenge, client
 * math included) and the error count.
 */
import { bytesToBigInt } from '../src/cognito/srp/bytes';
import { N, g } from '../src/cognito/srp/group';
import {
  cognitoTimestamp,
  multiplierK,
  passwordAuthenticationKey,
  passwordClaimSignature,
  privateKeyX,
  scramblingU,
} from '../src/cognito/srp/primitives';
import { randomBytes } from 'node:crypto';
import { startLocalPool } from './server';
import { DEMO_POOL_ID, DEMO_PUBLIC_CLIENT_ID, DEMO_PASSWORD } from './seed';
import { modPowN } from './srp-verifier';
import { srpPoolName } from './config';

async function call(
  url: string,
  operation: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${operation}: ${String(json.__type)}`);
  return json;
}

async function srpSignIn(url: string, username: string, password: string): Promise<void> {
  const poolName = srpPoolName(DEMO_POOL_ID);
  const a = bytesToBigInt(new Uint8Array(randomBytes(128)));
  const A = modPowN(g, a);
  const started = await call(url, 'InitiateAuth', {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: DEMO_PUBLIC_CLIENT_ID,
    AuthParameters: { USERNAME: username, SRP_A: A.toString(16) },
  });
  const parameters = started.ChallengeParameters as Record<string, string>;
  const userId = parameters.USER_ID_FOR_SRP ?? username;
  const B = BigInt(`0x${parameters.SRP_B ?? ''}`);
  const u = await scramblingU(A, B);
  const x = await privateKeyX(BigInt(`0x${parameters.SALT ?? ''}`), poolName, userId, password);
  let base = (B - (await multiplierK()) * modPowN(g, x)) % N;
  if (base < 0n) base += N;
  const key = await passwordAuthenticationKey(modPowN(base, a + u * x), u);
  const timestamp = cognitoTimestamp(new Date());
  const secretBlock = parameters.SECRET_BLOCK ?? '';
  const done = await call(url, 'RespondToAuthChallenge', {
    ChallengeName: 'PASSWORD_VERIFIER',
    ClientId: DEMO_PUBLIC_CLIENT_ID,
    Session: started.Session,
    ChallengeResponses: {
      USERNAME: userId,
      PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
      TIMESTAMP: timestamp,
      PASSWORD_CLAIM_SIGNATURE: await passwordClaimSignature(
        key,
        poolName,
        userId,
        secretBlock,
        timestamp,
      ),
    },
  });
  if (!(done.AuthenticationResult as { AccessToken?: string } | undefined)?.AccessToken) {
    throw new Error('no tokens');
  }
}

async function timed(url: string): Promise<{ ms: number; error?: string }> {
  const start = performance.now();
  try {
    await srpSignIn(url, 'alice', DEMO_PASSWORD);
    return { ms: performance.now() - start };
  } catch (error) {
    return { ms: performance.now() - start, error: (error as Error).message };
  }
}

function summary(run: string, results: { ms: number; error?: string }[], wallMs: number) {
  const sorted = results.map((r) => r.ms).sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const errors = results.filter((r) => r.error !== undefined);
  return {
    run,
    signIns: results.length,
    medianMs: Math.round(at(0.5) * 10) / 10,
    p95Ms: Math.round(at(0.95) * 10) / 10,
    maxMs: Math.round((sorted.at(-1) ?? 0) * 10) / 10,
    wallMs: Math.round(wallMs),
    perSecond: Math.round((results.length / wallMs) * 1000 * 10) / 10,
    errors: errors.length,
    ...(errors.length > 0 ? { firstError: errors[0]?.error } : {}),
  };
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 50);
  const pool = await startLocalPool({ port: 0, quiet: true });
  try {
    for (let i = 0; i < 5; i++) await timed(pool.url); // warm-up (JIT, first DH)
    let start = performance.now();
    const sequential = [];
    for (let i = 0; i < count; i++) sequential.push(await timed(pool.url));
    process.stdout.write(
      `${JSON.stringify(summary('sequential', sequential, performance.now() - start))}\n`,
    );
    start = performance.now();
    const concurrent = await Promise.all(Array.from({ length: 50 }, () => timed(pool.url)));
    process.stdout.write(
      `${JSON.stringify(summary('concurrent-50', concurrent, performance.now() - start))}\n`,
    );
  } finally {
    await pool.close();
  }
}

await main();
