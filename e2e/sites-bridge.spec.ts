/**
 * Session sharing in real Chromium: the real bridge content script (from the WXT build) and the
 * real src/sites background code (`wireSites`, bundled into a small harness extension whose only
 * stand-in is the session source, set by the test). Runs before the lead wires the token vault;
 * the popup journeys come with that wiring.
 */
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SiteInput } from '../src/sites/allow-list';
import type { AccountSession, SiteTokens } from '../src/sites/session-source';
import { makeTokens } from '../src/sites/testing/tokens';
import { DEMO_CLIENT_ID } from './demo-site/app-config';
import { serveEcho, type EchoServer } from './demo-site/echo';
import { buildSitesHarness } from './demo-site/harness/build-harness';
import { serveDemoSite, type DemoSite } from './demo-site/serve';
import { CHROMIUM_PATH, chromiumArgs, EXTENSION_PATH, expect, test } from './fixtures';

interface Harness {
  service: {
    shareSite(input: SiteInput): Promise<unknown>;
    onTokensChanged(id: string): Promise<{ delivered: number[] }>;
  };
  setSession(accountId: string, session: AccountSession): void;
}

let context: BrowserContext;
let worker: Worker;
let site: DemoSite;
let otherSite: DemoSite;
let echo: EchoServer;
const dirs: string[] = [];

function freshTokens(offsetSeconds = 0): SiteTokens {
  const now = Date.now();
  return makeTokens({
    issuedAt: Math.floor(now / 1000) + offsetSeconds,
    receivedAt: now + offsetSeconds * 1000,
  });
}

async function setSession(tokens: SiteTokens | undefined): Promise<void> {
  await worker.evaluate(
    ({ clientId, tokens: value }) => {
      (globalThis as unknown as { harness: Harness }).harness.setSession('demo', {
        clientId,
        tokens: value,
      });
    },
    { clientId: DEMO_CLIENT_ID, tokens },
  );
}

async function share(input: SiteInput): Promise<void> {
  await worker.evaluate(async (value) => {
    await (globalThis as unknown as { harness: Harness }).harness.service.shareSite(value);
  }, input);
}

async function pushChange(): Promise<number[]> {
  return worker.evaluate(async () => {
    const result = await (
      globalThis as unknown as { harness: Harness }
    ).harness.service.onTokensChanged('demo');
    return result.delivered;
  });
}

test.beforeEach(async () => {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-pass-sites-'));
  const harnessDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-pass-sites-ext-'));
  dirs.push(userDataDir, harnessDir);
  await buildSitesHarness(harnessDir, EXTENSION_PATH);
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: chromiumArgs(harnessDir),
  });
  worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  site = await serveDemoSite();
  otherSite = await serveDemoSite(0, 'localhost');
  echo = await serveEcho();
});

test.afterEach(async () => {
  await context.close();
  await site.close();
  await otherSite.close();
  await echo.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function openSite(url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

test('an allowed site opens signed in, in a new tab, with the keys there before its scripts ran', async () => {
  const tokens = freshTokens();
  await setSession(tokens);
  await share({ origin: site.url, accountId: 'demo' });
  const page = await openSite(site.url);
  await expect(page.locator('#who')).toHaveText('Signed in as alice');
  await expect(page.locator('#access-token-tail')).toHaveText(tokens.accessToken.slice(-16));
  // What the page's first script saw synchronously: "alice" means written before it ran.
  const initial = await page.locator('#initial-last-auth-user').textContent();
  test
    .info()
    .annotations.push({ type: 'first script saw LastAuthUser', description: initial ?? '' });
  await page.reload();
  await expect(page.locator('#initial-last-auth-user')).toHaveText('alice');
});

test('three tabs follow a refresh and a sign-out within a second, without reloading', async () => {
  await setSession(freshTokens());
  await share({ origin: site.url, accountId: 'demo' });
  const pages = [
    await openSite(`${site.url}/?tab=1`),
    await openSite(`${site.url}/?tab=2`),
    await openSite(`${site.url}/?tab=3`),
  ];
  for (const page of pages) await expect(page.locator('#who')).toHaveText('Signed in as alice');

  const refreshed = freshTokens(60);
  await setSession(refreshed);
  const started = Date.now();
  expect((await pushChange()).sort()).toHaveLength(3);
  for (const page of pages) {
    await expect(page.locator('#access-token-tail')).toHaveText(refreshed.accessToken.slice(-16), {
      timeout: 1000,
    });
  }
  test.info().annotations.push({
    type: 'refresh visible in 3 tabs after (ms)',
    description: String(Date.now() - started),
  });

  await setSession(undefined);
  const signOutStarted = Date.now();
  await pushChange();
  for (const page of pages)
    await expect(page.locator('#who')).toHaveText('Not signed in.', { timeout: 1000 });
  test.info().annotations.push({
    type: 'sign-out visible in 3 tabs after (ms)',
    description: String(Date.now() - signOutStarted),
  });
  for (const page of pages) {
    expect(
      await page.evaluate(() =>
        Object.keys(localStorage).filter((key) => key.startsWith('CognitoIdentityServiceProvider')),
      ),
    ).toEqual([]);
  }
});

test('the same page on an origin that is not allowed gets nothing, even when it asks', async () => {
  await setSession(freshTokens());
  await share({ origin: site.url, accountId: 'demo' });
  const allowed = await openSite(site.url);
  await expect(allowed.locator('#who')).toHaveText('Signed in as alice');
  const other = await openSite(`${otherSite.url}/?echo=${encodeURIComponent(echo.url)}`);
  await expect(other.locator('body')).toHaveAttribute('data-rendered', /\d+/);
  // Crafted attempts from the page's own script: it has no channel to the extension at all.
  const attempts = await other.evaluate(() => {
    const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome
      ?.runtime;
    window.postMessage({ type: 'bridge:getSession' }, '*');
    return { hasRuntime: typeof runtime?.sendMessage === 'function' };
  });
  expect(attempts.hasRuntime).toBe(false);
  await pushChange();
  await other.waitForTimeout(500);
  await expect(other.locator('#who')).toHaveText('Not signed in.');
  expect(await other.evaluate(() => Object.keys(localStorage).length)).toBe(0);
  expect(await other.evaluate(() => document.cookie)).toBe('');
  expect(echo.received.at(-1)?.authorization).toBeNull();
});

test('the cookie format signs in an SSR-configured app and reaches the server', async () => {
  const tokens = freshTokens();
  await setSession(tokens);
  await share({ origin: site.url, accountId: 'demo', format: 'amplify-cookies' });
  const page = await openSite(`${site.url}/?storage=cookies&echo=${encodeURIComponent(echo.url)}`);
  await expect(page.locator('#who')).toHaveText('Signed in as alice');
  await page.reload();
  await expect(page.locator('#echo')).toContainText(tokens.accessToken);
  expect(
    echo.received.at(-1)?.cookies[
      `CognitoIdentityServiceProvider.${DEMO_CLIENT_ID}.alice.accessToken`
    ],
  ).toBe(tokens.accessToken);
});

test('the header format adds Authorization only to the named API origin, from the site’s tabs', async () => {
  const tokens = freshTokens();
  await setSession(tokens);
  await share({
    origin: site.url,
    accountId: 'demo',
    format: 'authorization-header',
    apiOrigins: [echo.url],
  });
  const page = await openSite(`${site.url}/?echo=${encodeURIComponent(echo.url)}`);
  await expect(page.locator('#echo')).toContainText(`Bearer ${tokens.accessToken}`);
  await expect(page.locator('#who')).toHaveText('Not signed in.'); // nothing in the page itself
  const other = await openSite(`${otherSite.url}/?echo=${encodeURIComponent(echo.url)}`);
  await expect(other.locator('#echo')).toContainText('"authorization":null');
});
