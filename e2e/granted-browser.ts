/**
 * What the journeys through the real toolbar popup share. Headless Chromium cannot answer the
 * browser's host-permission prompt (it stays pending), so those journeys run a copy of the demo
 * build whose manifest already holds the grant the prompt would have given, and reach the popup
 * that `chrome.action.openPopup()` opens over DevTools (Playwright's own connection does not
 * list it).
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_PATH, chromiumArgs, EXTENSION_PATH } from './fixtures';

/** A loopback port nothing listens on now (for a DevTools port or a page server). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

/**
 * A copy of the demo build granted `origin` (or `<all_urls>`), as after accepting the prompt.
 * The copy's folder is added to `cleanup` for the caller to remove.
 */
export function buildWithGrant(origin: string, cleanup: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-pass-granted-'));
  cleanup.push(dir);
  fs.cpSync(EXTENSION_PATH, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as {
    host_permissions: string[];
  };
  manifest.host_permissions.push(origin === '<all_urls>' ? origin : `${origin}/*`);
  fs.writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}

/**
 * Chromium with a build copy granted `origin` (buildWithGrant), a fresh profile and a DevTools
 * port, for reaching the toolbar popup (openToolbarPopup). Both folders go to `cleanup`.
 */
export async function launchGrantedBrowser(
  origin: string,
  cleanup: string[],
  options: { viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; debuggingUrl: string }> {
  const extension = buildWithGrant(origin, cleanup);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-pass-granted-profile-'));
  cleanup.push(profile);
  const debuggingPort = await freePort();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...chromiumArgs(extension), `--remote-debugging-port=${String(debuggingPort)}`],
    ...(options.viewport && { viewport: options.viewport }),
  });
  return { context, debuggingUrl: `http://127.0.0.1:${String(debuggingPort)}` };
}

/** Whether DevTools lists a toolbar popup target now (a plain HTTP call, no connection). */
async function popupTargetListed(debuggingUrl: string): Promise<boolean> {
  const response = await fetch(`${debuggingUrl}/json/list`);
  const targets = (await response.json()) as { url: string }[];
  return targets.some((target) => target.url.endsWith('/popup.html'));
}

/**
 * The real toolbar popup over `over` (activeTab then covers that tab, as for a person's click).
 * The DevTools connections it makes are added to `connections` for the caller to close.
 *
 * `openPopup()` resolves even when no popup stays up: seen while a WebAuthn request was pending
 * in the focused tab, and while the previous popup was still closing. So it asks again when no
 * popup target is listed within 3 s, up to three times.
 */
export async function openToolbarPopup(
  over: Page,
  debuggingUrl: string,
  connections: Browser[],
): Promise<Page> {
  await over.bringToFront();
  const context = over.context();
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  let refusal = '';
  for (let request = 0; request < 3; request++) {
    // A popup that opens slowly makes a second request fail ("already open"): kept as a reason.
    refusal = await worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } })
        .chrome;
      return api.action.openPopup().then(
        () => '',
        (error: unknown) => String(error),
      );
    });
    for (let poll = 0; poll < 30; poll++) {
      if (await popupTargetListed(debuggingUrl)) {
        // A DevTools client lists the targets that exist when it connects: connect after opening.
        const connection = await chromium.connectOverCDP(debuggingUrl);
        connections.push(connection);
        const popup = connection
          .contexts()
          .flatMap((each) => each.pages())
          .find((page) => page.url().endsWith('/popup.html'));
        if (popup) {
          await popup.locator('[data-step]').first().waitFor();
          return popup;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`the toolbar popup did not open${refusal && `: ${refusal}`}`);
}
