import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

let started: ChildProcess | undefined;
// A failed assertion must not leave the pool running.
afterEach(() => {
  const pid = started?.pid;
  if (started?.exitCode === null && pid !== undefined) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  started = undefined;
});

describe('npm run pool (cli.ts)', () => {
  it('serves the demo seed, prints the URL and the outbox, and stops cleanly on SIGTERM', async () => {
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['local-pool/cli.ts'], {
      cwd: root,
      env: { ...process.env, LOCAL_POOL_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so the tsx launcher and the Node child it starts stop together.
      detached: true,
    });
    started = child;
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start line:\n${output}`)), 15_000);
      child.stdout.on('data', () => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+) \(ready in (\d+) ms\)/.exec(output);
        if (match?.[1] && output.includes('Ctrl+C to stop')) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    expect(output).toContain(`${url}/_local/outbox.html`);
    const jwks = await fetch(`${url}/us-east-1_DemoPool0/.well-known/jwks.json`);
    expect(jwks.status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(output).toContain('SIGTERM: stopping the local pool');
  });
});
