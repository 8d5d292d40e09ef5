/**
 * Gzipped JavaScript per extension surface in .output/chrome-mv3: the popup (its HTML's module
 * scripts and modulepreloads plus every chunk they statically import), the background service
 * worker, and each content script.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSizes {
  popup_js_gzip_kb: number;
  background_js_gzip_kb: number;
  /** The largest content script (each has its own budget). */
  content_js_gzip_kb: number;
  content_scripts_gzip_kb: Record<string, number>;
  options_js_gzip_kb?: number;
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const gzipBytes = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Files reachable from `entries` through static `import … from "./x.js"` / `import "./x.js"`. */
function staticClosure(root: string, entries: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const path = queue.shift();
    if (path === undefined || seen.has(path)) continue;
    seen.add(path);
    const source = readFileSync(join(root, path), 'utf8');
    for (const match of source.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)) {
      const target = match[1];
      if (target?.startsWith('.'))
        queue.push(posix.normalize(posix.join(posix.dirname(path), target)));
    }
  }
  return [...seen];
}

function htmlScripts(root: string, html: string): string[] {
  const text = readFileSync(join(root, html), 'utf8');
  const refs = [
    ...text.matchAll(
      /<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g,
    ),
  ];
  return refs.map((m) => (m[1] ?? '').replace(/^\//, ''));
}

const sum = (root: string, files: string[]) =>
  files.reduce((total, f) => total + gzipBytes(join(root, f)), 0);

export function measureBundles(root: string): BundleSizes {
  if (!existsSync(join(root, 'manifest.json'))) throw new Error(`${root} has no build`);
  const contentDir = join(root, 'content-scripts');
  const content: Record<string, number> = {};
  if (existsSync(contentDir)) {
    for (const file of readdirSync(contentDir).filter((f) => f.endsWith('.js'))) {
      content[file] = kb(sum(root, staticClosure(root, [`content-scripts/${file}`])));
    }
  }
  const sizes: BundleSizes = {
    popup_js_gzip_kb: kb(sum(root, staticClosure(root, htmlScripts(root, 'popup.html')))),
    background_js_gzip_kb: kb(sum(root, staticClosure(root, ['background.js']))),
    content_js_gzip_kb: Math.max(0, ...Object.values(content)),
    content_scripts_gzip_kb: content,
  };
  if (existsSync(join(root, 'options.html'))) {
    sizes.options_js_gzip_kb = kb(
      sum(root, staticClosure(root, htmlScripts(root, 'options.html'))),
    );
  }
  return sizes;
}
