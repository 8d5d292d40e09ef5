/**
 * Serves e2e/demo-site on 127.0.0.1 (random port by default) for the browser tests; bundles the
 * aws-amplify app first when dist/app.js is missing or older than the app's sources. The same
 * page on another host or port is "another origin" for the not-allowed journeys.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { buildDemoApp, DEMO_APP_BUNDLE } from './build';

const ROOT = path.resolve('e2e/demo-site');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

export interface DemoSite {
  url: string;
  close(): Promise<void>;
}

/** The bundle is git-ignored: a checkout that changed app.ts must not test the old one. */
function bundleIsStale(): boolean {
  if (!fs.existsSync(DEMO_APP_BUNDLE)) return true;
  const built = fs.statSync(DEMO_APP_BUNDLE).mtimeMs;
  return ['app.ts', 'app-config.ts'].some(
    (source) => fs.statSync(path.join(ROOT, source)).mtimeMs > built,
  );
}

export async function serveDemoSite(port = 0, host = '127.0.0.1'): Promise<DemoSite> {
  if (bundleIsStale()) await buildDemoApp();
  const server = http.createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = path.join(ROOT, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(ROOT) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${actualPort}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
