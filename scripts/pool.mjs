// `npm run pool`: the local pool, started with plain node. It bundles local-pool/cli.ts with
// esbuild (packages stay external) into node_modules/.cache, rebuilt only when one of the
// bundle's own inputs changed: tsx's launcher alone costs over a second, the pool ~0.1 s.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const CACHE = path.resolve('node_modules/.cache/cognito-pass');
const BUNDLE = path.join(CACHE, 'local-pool.mjs');
const META = path.join(CACHE, 'local-pool.meta.json');

function isFresh() {
  if (!fs.existsSync(BUNDLE) || !fs.existsSync(META)) return false;
  const builtAt = fs.statSync(BUNDLE).mtimeMs;
  const inputs = Object.keys(JSON.parse(fs.readFileSync(META, 'utf8')).inputs);
  return inputs.every((input) => fs.existsSync(input) && fs.statSync(input).mtimeMs <= builtAt);
}

if (!isFresh()) {
  fs.mkdirSync(CACHE, { recursive: true });
  const result = await build({
    entryPoints: ['local-pool/cli.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: BUNDLE,
    metafile: true,
    logLevel: 'warning',
  });
  fs.writeFileSync(META, JSON.stringify(result.metafile));
}

// The bundle lives under node_modules/.cache, so bare imports resolve from the project.
const child = spawn(process.execPath, [BUNDLE, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
