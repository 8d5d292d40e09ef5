/**
 * Chromium: bundles browser/srp-page.ts with esbuild and runs it in headless Chromium through
 * playwright-core. The page is served from http://localhost (a secure context, for WebCrypto) with
 * COOP/COEP headers so it is cross-origin isolated and performance.now() is not coarsened to 0.1 ms.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { BenchRun, Summary } from './harness';
import type { SrpBenchInput } from './srp-contenders';

export interface ChromiumSrpResult {
  run: BenchRun;
  combBuildMs: Summary;
  crossOriginIsolated: boolean;
  userAgent: string;
}

export async function bundleSrpPage(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./browser/srp-page.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    write: false,
    resolveExtensions: ['.ts', '.mjs', '.js'],
    define: { global: 'globalThis' },
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output');
  return output.text;
}

export async function benchChromiumSrp(
  inputs: SrpBenchInput[],
  iterations: number,
  oursOnly = false,
): Promise<ChromiumSrpResult> {
  const script = await bundleSrpPage();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    const isolation = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    };
    await page.route('http://localhost/**', (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/bench.js') {
        return route.fulfill({ body: script, contentType: 'text/javascript', headers: isolation });
      }
      return route.fulfill({
        body: '<!doctype html><meta charset="utf-8"><title>srp bench</title><script src="/bench.js"></script>',
        contentType: 'text/html',
        headers: isolation,
      });
    });
    await page.goto('http://localhost/');
    return await page.evaluate(
      async ({ inputs: pageInputs, iterations: pageIterations, oursOnly: pageOursOnly }) => {
        const run = (
          globalThis as unknown as {
            runSrpBench: (i: unknown, n: number, o: boolean) => Promise<ChromiumSrpResult>;
          }
        ).runSrpBench;
        return run(pageInputs, pageIterations, pageOursOnly);
      },
      { inputs, iterations, oursOnly },
    );
  } finally {
    await browser.close();
  }
}
