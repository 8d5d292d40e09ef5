/**
 * The end-to-end harness: Debian's Chromium (or CHROMIUM_PATH) with the built demo extension
 * (`.output/chrome-mv3`, made by `npm run build:demo`) loaded, headless, a fresh profile per
 * test, and the local pool on its default port 9230 (the endpoint the demo build points at).
 */
import {
  test as base,
  chromium,
  expect,
  type BrowserContext,
  type Page,
  type Worker,
} from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalPool, type LocalPool } from '../local-pool/server';

export const EXTENSION_PATH = path.resolve('.output/chrome-mv3');
export const SCREENSHOT_DIR = path.resolve('e2e/screenshots');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_POOL_PORT = 9230;

/** Flags that work on this kind of machine (no network beyond loopback, no GPU, root). */
export function chromiumArgs(extensionPath = EXTENSION_PATH): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--disable-extensions-except=${extensionPath}`,
    `--load-extension=${extensionPath}`,
  ];
}

interface TestFixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
}
interface WorkerFixtures {
  pool: LocalPool;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  pool: [
    async ({}, use) => {
      const pool = await startLocalPool({ port: DEMO_POOL_PORT, quiet: true });
      await use(pool);
      await pool.close();
    },
    { scope: 'worker' },
  ],
  context: async ({}, use) => {
    if (!fs.existsSync(path.join(EXTENSION_PATH, 'manifest.json'))) {
      throw new Error('No built extension in .output/chrome-mv3: run `npm run build:demo` first.');
    }
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-pass-e2e-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: chromiumArgs(),
      viewport: { width: 360, height: 600 },
    });
    await use(context);
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  },
  serviceWorker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
});

export { expect };

/** Opens the popup as a tab at the popup's size and waits until it renders a step. */
export async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 360, height: 600 });
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.locator('[data-step]').first().waitFor();
  return page;
}

export async function openOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  return page;
}

/** The step the popup shows, from the root's `data-step`. */
export async function currentStep(page: Page): Promise<string | null> {
  return page.locator('[data-step]').first().getAttribute('data-step');
}

export async function expectStep(page: Page, step: string): Promise<void> {
  await expect(page.locator('[data-step]').first()).toHaveAttribute('data-step', step);
}

/**
 * Stops the extension's service worker the way Chrome does when it goes idle: the DevTools
 * protocol closes its target, and we wait until it is gone. The next message wakes a new worker
 * with empty memory, so whatever survives must come from storage.
 */
export async function stopServiceWorker(
  context: BrowserContext,
  extensionId: string,
): Promise<void> {
  const browser = context.browser();
  const cdp = browser
    ? await browser.newBrowserCDPSession()
    : await context.newCDPSession(context.pages()[0] ?? (await context.newPage()));
  const isOurWorker = (t: { type: string; url: string }) =>
    t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`);
  const { targetInfos } = await cdp.send('Target.getTargets');
  for (const target of targetInfos.filter(isOurWorker)) {
    await cdp.send('Target.closeTarget', { targetId: target.targetId });
  }
  for (let i = 0; i < 100; i++) {
    const { targetInfos: now } = await cdp.send('Target.getTargets');
    if (!now.some(isOurWorker)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await cdp.detach();
}

/** Saves a screenshot under e2e/screenshots/<name>.png (git-ignored) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

interface OutboxEntry {
  to: string;
  medium: 'SMS' | 'EMAIL';
  username: string;
  code: string;
  message: string;
  sentAt: string;
}

export async function outbox(pool: LocalPool): Promise<OutboxEntry[]> {
  const response = await fetch(`${pool.url}/_local/outbox`);
  return (await response.json()) as OutboxEntry[];
}

/** The newest code the pool "sent" to this user, waiting briefly for it to arrive. */
export async function outboxCode(pool: LocalPool, username: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const messages = (await outbox(pool)).filter(
      (m) => m.username.toLowerCase() === username.toLowerCase(),
    );
    const last = messages.at(-1);
    if (last) return last.code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no code in the outbox for ${username}`);
}

/** Back to the demo seed: every test starts from the same users. */
export async function resetPool(pool: LocalPool): Promise<void> {
  await fetch(`${pool.url}/_local/reset`, { method: 'POST' });
}
