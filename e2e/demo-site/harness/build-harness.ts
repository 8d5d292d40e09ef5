/**
 * Builds the sites harness extension into a directory: manifest, the bundled harness background
 * and the real bridge content script from the WXT build (`.output/chrome-mv3`).
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export async function buildSitesHarness(outDir: string, builtExtension: string): Promise<string> {
  const bridge = path.join(builtExtension, 'content-scripts', 'session-bridge.js');
  if (!fs.existsSync(bridge)) {
    throw new Error(`No ${bridge}: run \`npm run build:demo\` (or \`npx wxt build\`) first.`);
  }
  fs.mkdirSync(path.join(outDir, 'content-scripts'), { recursive: true });
  fs.copyFileSync(bridge, path.join(outDir, 'content-scripts', 'session-bridge.js'));
  await build({
    entryPoints: [path.join(HERE, 'background.ts')],
    outfile: path.join(outDir, 'background.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
  });
  const manifest = {
    manifest_version: 3,
    name: 'Cognito Pass sites harness',
    version: '0.0.1',
    background: { service_worker: 'background.js', type: 'module' },
    permissions: ['storage', 'scripting', 'declarativeNetRequest'],
    // Loopback only; which origins get a session is still the allow-list's decision.
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
  };
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return outDir;
}
