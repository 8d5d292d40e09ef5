// `npm test`: every suite in order — typecheck, the demo build, unit + integration + conformance
// (vitest), then the Chromium end-to-end journeys (Playwright). Ends with one line that sums the
// runners' counts: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';

const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-pass-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

function run(title, command, args, env = {}) {
  console.log(`\n── ${title} ──`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) ok = false;
  return result.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const typecheckOk =
  run('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']) &&
  run('typecheck e2e', 'npx', ['tsc', '--noEmit', '-p', 'e2e']);
if (!typecheckOk) totals.failed += 1;

run('build the demo extension', 'npx', ['wxt', 'build'], { COGNITO_PASS_DEMO: '1' });

const vitestReport = path.join(reports, 'vitest.json');
run('unit, integration and conformance tests (vitest)', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);
const vitest = readJson(vitestReport);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
} else {
  totals.failed += 1;
}

ensureChromium();
const playwrightReport = path.join(reports, 'playwright.json');
run(
  'end-to-end tests in Chromium (playwright)',
  'npx',
  ['playwright', 'test', '--reporter=list,json'],
  {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
  },
);
const playwright = readJson(playwrightReport);
if (playwright?.stats) {
  totals.passed += playwright.stats.expected;
  totals.failed += playwright.stats.unexpected + (playwright.stats.flaky ?? 0);
  totals.skipped += playwright.stats.skipped;
} else {
  totals.failed += 1;
}

fs.rmSync(reports, { recursive: true, force: true });
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
