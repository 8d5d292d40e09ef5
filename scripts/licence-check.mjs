#!/usr/bin/env node
/**
 * Licence check of what ships: every package in the production dependency tree
 * (`npm ls --omit=dev --all --parseable`) plus every package the shipped sources import (with its
 * dependencies), its `license` field read from its own package.json.
 * Fails (exit 1) on strong copyleft (GPL, LGPL, AGPL, SSPL, EUPL, OSL, RPL, CC-BY-SA) and on a
 * package with no licence at all; weak copyleft (MPL, EPL, CDDL) is allowed but listed, because
 * it only binds changes to those files. An SPDX "A OR B" passes when one side passes.
 *
 * Usage: node scripts/licence-check.mjs [--json]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const STRONG_COPYLEFT = /^(A?GPL|LGPL|SSPL|EUPL|OSL|RPL|CC-BY-SA|CC-BY-NC-SA)/i;
const WEAK_COPYLEFT = /^(MPL|EPL|CDDL)/i;

/** The licence of a package.json, as one SPDX-ish string. */
export function licenceOf(manifest) {
  const { license, licenses } = manifest;
  if (typeof license === 'string') return license.trim();
  if (license && typeof license.type === 'string') return license.type.trim();
  if (Array.isArray(licenses) && licenses.length > 0) {
    return licenses.map((entry) => (typeof entry === 'string' ? entry : entry.type)).join(' OR ');
  }
  return '';
}

/** 'ok' | 'weak' | 'copyleft' | 'unknown' for an SPDX expression (OR of ANDs, parentheses ignored). */
export function classify(expression) {
  if (expression === '' || /^UNLICENSED$/i.test(expression)) return 'unknown';
  if (/^SEE LICEN[CS]E IN/i.test(expression)) return 'unknown';
  const alternatives = expression
    .replace(/[()]/g, ' ')
    .split(/\s+OR\s+/i)
    .map((side) => side.split(/\s+AND\s+/i).map((id) => id.trim().replace(/\+$/, '')));
  const verdicts = alternatives.map((ids) => {
    if (ids.some((id) => STRONG_COPYLEFT.test(id))) return 'copyleft';
    if (ids.some((id) => WEAK_COPYLEFT.test(id))) return 'weak';
    return 'ok';
  });
  if (verdicts.includes('ok')) return 'ok';
  if (verdicts.includes('weak')) return 'weak';
  return 'copyleft';
}

function productionPackagePaths(root) {
  let output;
  try {
    output = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    // npm ls exits non-zero on extraneous or invalid packages but still prints the tree.
    output = error.stdout ?? '';
    if (output === '') throw error;
  }
  return [...new Set(output.split('\n').map((line) => line.trim()))].filter(
    (line) => line !== '' && path.resolve(line) !== path.resolve(root),
  );
}

const IMPORT = /^\s*import\s+(?!type\b)(?:[^'"]*?from\s+)?['"]([^'"]+)['"]/gm;
const NOT_SHIPPED = /(\.test\.|\.fixture\.|\/testing\/|\.d\.ts$)/;

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) && !NOT_SHIPPED.test(full) ? [full] : [];
  });
}

function packageName(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || specifier.startsWith('/')) {
    return undefined;
  }
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Packages the bundle really pulls in: everything the shipped sources (src/, entrypoints/, not
 * tests) import, with their runtime dependencies. This catches devDependencies that are bundled
 * (wxt's storage and browser helpers), which `npm ls --omit=dev` cannot see.
 */
function importedPackagePaths(root) {
  const seen = new Map();
  const queue = [];
  for (const file of [
    ...sourceFiles(path.join(root, 'src')),
    ...sourceFiles(path.join(root, 'entrypoints')),
  ]) {
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const name = packageName(match[1]);
      if (name) queue.push({ name, from: root });
    }
  }
  while (queue.length > 0) {
    const { name, from } = queue.pop();
    let dir = from;
    let found;
    for (;;) {
      const candidate = path.join(dir, 'node_modules', name);
      if (existsSync(path.join(candidate, 'package.json'))) {
        found = candidate;
        break;
      }
      const parent = path.dirname(dir);
      if (parent === dir || !dir.startsWith(root)) break;
      dir = parent;
    }
    if (!found || seen.has(found)) continue;
    seen.set(found, true);
    const manifest = JSON.parse(readFileSync(path.join(found, 'package.json'), 'utf8'));
    for (const dep of Object.keys(manifest.dependencies ?? {}))
      queue.push({ name: dep, from: found });
  }
  return [...seen.keys()];
}

function main() {
  const root = process.cwd();
  const asJson = process.argv.includes('--json');
  const dirs = new Set(
    [...productionPackagePaths(root), ...importedPackagePaths(root)].map((d) => path.resolve(d)),
  );
  const packages = [...dirs].map((dir) => {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const licence = licenceOf(manifest);
    return { name: manifest.name, version: manifest.version, licence, verdict: classify(licence) };
  });
  const byLicence = new Map();
  for (const pkg of packages)
    byLicence.set(pkg.licence || '(none)', (byLicence.get(pkg.licence || '(none)') ?? 0) + 1);
  const pick = (verdict) => packages.filter((pkg) => pkg.verdict === verdict);
  const failing = [...pick('copyleft'), ...pick('unknown')];

  if (asJson) {
    process.stdout.write(`${JSON.stringify({ packages, failing: failing.length }, null, 2)}\n`);
  } else {
    const lines = [`licence check: ${String(packages.length)} production packages`];
    for (const [licence, count] of [...byLicence].sort((a, b) => b[1] - a[1])) {
      lines.push(`  ${String(count).padStart(4)}  ${licence}`);
    }
    const list = (title, items) => {
      if (items.length === 0) return;
      lines.push(title);
      for (const pkg of items)
        lines.push(`  ${pkg.name}@${pkg.version}: ${pkg.licence || '(none)'}`);
    };
    list('weak copyleft (allowed, listed):', pick('weak'));
    list('COPYLEFT (not allowed in what ships):', pick('copyleft'));
    list('NO LICENCE (not allowed: find out before shipping):', pick('unknown'));
    lines.push(
      failing.length === 0
        ? 'licence check passed'
        : `licence check FAILED: ${String(failing.length)} package(s)`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  process.exitCode = failing.length === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) main();
