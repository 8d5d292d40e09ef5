/**
 * Test-only: runs the local pool in its own Node process, so that a request which kills it (or
 * leaves an unhandled rejection) shows up as a dead process instead of failing the test runner.
 * The child prints the pool's URL as its first line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface PoolProcess {
  url: string;
  child: ChildProcess;
  stderr: () => string;
  alive: () => boolean;
  stop: () => Promise<void>;
}

const CHILD_SOURCE = `
import { startLocalPool } from ${JSON.stringify(path.resolve('local-pool/server.ts'))};
const pool = await startLocalPool({ port: 0, quiet: true });
process.stdout.write(pool.url + '\\n');
`;

/** `nodeFlags` e.g. ['--unhandled-rejections=warn']; none = Node's defaults, as `npm run pool`. */
export function startPoolProcess(nodeFlags: string[] = []): Promise<PoolProcess> {
  const child = spawn(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', '--input-type=module', '-e', CHILD_SOURCE],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  let exited = false;
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exitedPromise = new Promise<void>((resolve) => {
    child.on('exit', () => {
      exited = true;
      resolve();
    });
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) {
        resolve({
          url: line.trim(),
          child,
          stderr: () => err,
          alive: () => !exited,
          stop: async () => {
            if (!exited) child.kill('SIGTERM');
            await exitedPromise;
          },
        });
      }
    });
    child.on('exit', (code) => {
      reject(new Error(`the pool process exited (${String(code)}) before it started: ${err}`));
    });
  });
}
