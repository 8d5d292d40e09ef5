/**
 * Load figure for the local pool: USER_SRP_AUTH sign-ins for alice, first one after another,
 * then 50 at once. Run with `npx tsx local-pool/load.ts [count]`. Prints one JSON line per run
 * with median / p95 latency of a whole sign-in (InitiateAuth + RespondToAuthChallenge, client
 * math included) and the error count.
 */
import { startLocalPool } from './server';
import { DEMO_PASSWORD, DEMO_POOL_ID, DEMO_PUBLIC_CLIENT_ID } from './seed';
import { srpSignIn } from './srp-client';

async function timed(url: string): Promise<{ ms: number; error?: string }> {
  const start = performance.now();
  try {
    const result = await srpSignIn({
      url,
      poolId: DEMO_POOL_ID,
      clientId: DEMO_PUBLIC_CLIENT_ID,
      username: 'alice',
      password: DEMO_PASSWORD,
    });
    const tokens = result.body.AuthenticationResult as { AccessToken?: string } | undefined;
    if (!result.ok || tokens?.AccessToken === undefined) {
      throw new Error(`sign-in failed: ${String(result.body.__type)}`);
    }
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
