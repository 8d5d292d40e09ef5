// `npm run bench`: runs bench/run.ts under tsx with --expose-gc (the harness collects garbage
// between iterations, never inside a timed region). Arguments pass through, e.g. --iterations 60.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync(
  process.execPath,
  ['--expose-gc', '--import', 'tsx', 'bench/run.ts', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
