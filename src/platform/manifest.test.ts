import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditManifest, type ManifestLike } from './manifest-audit';
import { buildManifest } from './manifest';
import { FILL_COMMAND } from '../otp/fill-command';

function withoutExternallyConnectable(manifest: ManifestLike): ManifestLike {
  const { externally_connectable: _removed, ...rest } = manifest;
  return rest;
}

describe('the manifest audit', () => {
  it('passes the manifest we generate, for Chrome and Firefox', () => {
    expect(auditManifest(buildManifest('chrome'))).toEqual([]);
    expect(auditManifest(buildManifest('firefox'))).toEqual([]);
  });

  it('asks for identity only for the hosted UI sign-in window (launchWebAuthFlow)', () => {
    // identity grants launchWebAuthFlow and getRedirectURL; it shows no install warning and gives
    // no access to sites or Google accounts (getAuthToken also needs an oauth2 manifest key).
    for (const browser of ['chrome', 'firefox']) {
      const manifest = buildManifest(browser);
      expect(manifest.permissions).toContain('identity');
      expect(manifest).not.toHaveProperty('oauth2');
    }
  });

  it('declares the fill shortcut the background listens for, on a key Chromium leaves free', () => {
    for (const browser of ['chrome', 'firefox']) {
      const manifest = buildManifest(browser);
      expect(Object.keys(manifest.commands)).toEqual([FILL_COMMAND]);
      expect(manifest.commands[FILL_COMMAND].suggested_key).toEqual({
        default: 'Alt+Shift+O',
        mac: 'MacCtrl+Shift+O',
      });
      // The context-menu entry's permission, which shows no install warning.
      expect(manifest.permissions).toContain('contextMenus');
    }
  });

  it('gives Firefox a gecko id and Chrome none', () => {
    expect(buildManifest('firefox').browser_specific_settings?.gecko.id).toMatch(/@/);
    expect(buildManifest('chrome')).not.toHaveProperty('browser_specific_settings');
  });

  const base = buildManifest('chrome') as ManifestLike;
  const cases: [string, ManifestLike, RegExp][] = [
    ['<all_urls> host', { ...base, host_permissions: ['<all_urls>'] }, /broad host/],
    ['every https site', { ...base, host_permissions: ['https://*/*'] }, /broad host/],
    [
      'a wildcard subdomain',
      { ...base, host_permissions: ['https://*.example.com/*'] },
      /broad host/,
    ],
    [
      'an unrelated site',
      { ...base, host_permissions: ['https://example.com/*'] },
      /other than Cognito/,
    ],
    [
      '<all_urls> as a permission',
      { ...base, permissions: ['storage', '<all_urls>'] },
      /host pattern/,
    ],
    [
      'an unneeded permission',
      { ...base, permissions: ['storage', 'tabs', 'cookies'] },
      /unexpected permission: tabs/,
    ],
    [
      'a static content script',
      { ...base, content_scripts: [{ matches: ['https://*/*'] }] },
      /static content script/,
    ],
    [
      'unsafe-eval',
      { ...base, content_security_policy: { extension_pages: "script-src 'self' 'unsafe-eval'" } },
      /eval/,
    ],
    ['no externally_connectable', withoutExternallyConnectable(base), /missing/],
    [
      'an open externally_connectable',
      { ...base, externally_connectable: { matches: ['https://*/*'] } },
      /connect/,
    ],
    [
      'web_accessible_resources',
      { ...base, web_accessible_resources: [{ resources: ['*'] }] },
      /web_accessible/,
    ],
  ];
  it.each(cases)('fails on %s', (_name, manifest, problem) => {
    expect(auditManifest(manifest).join('\n')).toMatch(problem);
  });

  it('passes the built manifest when a build exists', () => {
    const built = path.resolve('.output/chrome-mv3/manifest.json');
    if (!fs.existsSync(built)) return;
    const manifest = JSON.parse(fs.readFileSync(built, 'utf8')) as ManifestLike;
    expect(auditManifest(manifest)).toEqual([]);
  });
});
