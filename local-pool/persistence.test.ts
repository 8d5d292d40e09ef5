import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalPool, type LocalPool } from './server';
import { DEMO_POOL_ID, DEMO_PUBLIC_CLIENT_ID } from './seed';
import { callJson } from './srp-client';

const dirs: string[] = [];
const pools: LocalPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(dataDir?: string) {
  const pool = await startLocalPool({
    port: 0,
    quiet: true,
    ...(dataDir === undefined ? {} : { dataDir }),
  });
  pools.push(pool);
  return pool;
}

const jwksKid = async (pool: LocalPool) =>
  (
    (await (await fetch(`${pool.url}/${DEMO_POOL_ID}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string }[];
    }
  ).keys[0]?.kid;

const signUpPat = (pool: LocalPool) =>
  callJson(pool.url, 'SignUp', {
    ClientId: DEMO_PUBLIC_CLIENT_ID,
    Username: 'pat',
    Password: 'Passw0rd!',
    UserAttributes: [
      { Name: 'email', Value: 'pat@example.com' },
      { Name: 'name', Value: 'Pat' },
    ],
  });

describe('--data DIR', () => {
  it('keeps users and the signing key across restarts, and never stores passwords', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-pool-'));
    dirs.push(dir);
    const first = await start(dir);
    expect((await signUpPat(first)).ok).toBe(true);
    const kid = await jwksKid(first);
    await first.close();
    pools.splice(0);

    const second = await start(dir);
    expect(await jwksKid(second)).toBe(kid);
    expect((await signUpPat(second)).body.__type).toBe('UsernameExistsException');
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).not.toContain('Passw0rd!');
  });

  it('without a data directory every start is fresh, with a new key', async () => {
    const first = await start();
    await signUpPat(first);
    const second = await start();
    expect((await signUpPat(second)).ok).toBe(true);
    expect(await jwksKid(second)).not.toBe(await jwksKid(first));
  });
});
