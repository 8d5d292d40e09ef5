/**
 * Runs the extension benchmark once and writes its JSON to --out. Started by bench/run.ts
 * under the shared e2e lock (the demo build in .output/chrome-mv3 and port 9230 are shared);
 * it copies the build first, so nothing else can change it mid-run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureBundles } from '../bundle-size';
import { benchExtension } from './extension-bench';

const args = process.argv.slice(2);
const value = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const out = value('--out');
if (out === undefined) throw new Error('--out <file> is required');
const iterations = Number(value('--iterations') ?? '8');
const built = path.resolve('.output/chrome-mv3');
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-pass-bench-ext-'));
fs.cpSync(built, copy, { recursive: true });
try {
  const bundle = measureBundles(copy);
  const result = await benchExtension({
    extensionPath: copy,
    chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    iterations,
    log: (line) => console.log(line),
  });
  fs.writeFileSync(out, JSON.stringify({ bundle, ...result }, null, 2));
} finally {
  fs.rmSync(copy, { recursive: true, force: true });
}
