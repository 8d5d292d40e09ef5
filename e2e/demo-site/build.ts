/** Bundles the demo app (e2e/demo-site/app.ts) to e2e/demo-site/dist/app.js: `npx tsx e2e/demo-site/build.ts`. */
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEMO_APP_BUNDLE = path.join(HERE, 'dist', 'app.js');

export async function buildDemoApp(): Promise<string> {
  await build({
    entryPoints: [path.join(HERE, 'app.ts')],
    outfile: DEMO_APP_BUNDLE,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return DEMO_APP_BUNDLE;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildDemoApp();
  process.stdout.write(`built ${path.relative(process.cwd(), DEMO_APP_BUNDLE)}\n`);
}
