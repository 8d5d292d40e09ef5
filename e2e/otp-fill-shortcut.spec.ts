/**
 * Issue #7's keyboard path in Chromium, with the real demo build: on an allowed, granted origin
 * the fill shortcut puts the current code into the focused field (or the page's code field) and
 * the page's own form accepts it; on an origin never allowed nothing is filled and the toolbar
 * button says why. Host access as in authenticator-autofill.spec.ts: a copy of the build whose
 * manifest already holds the allowed origin (headless Chromium cannot answer the prompt).
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { expect, screenshot, test } from './fixtures';
import { launchGrantedBrowser } from './granted-browser';
import { serveOtpTestSite, type OtpTestSite } from './otp-test-site';

const SECRET = 'JBSWY3DPEHPK3PXP';
const ENTRY_URI = `otpauth://totp/Shortcut%20Test:tester?secret=${SECRET}&issuer=Shortcut%20Test`;

let site: OtpTestSite;
let allowedOrigin: string;
let otherOrigin: string;
let context: BrowserContext;
let worker: Worker;
let extensionId: string;
const dirs: string[] = [];

// A label that says nothing of codes, so the focused-field rule (not the classifier) picks it.
const PAGE = `<!doctype html><meta charset="utf-8"><title>Verify</title>
<form id="form" style="margin:40px"><h1>Confirm it is you</h1>
<label for="answer">Answer</label><br><input id="answer" style="width:200px;height:32px"><br>
<label for="otp">Verification code</label><br>
<input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6" style="width:200px;height:32px">
<button>Verify</button></form><p id="result"></p>
<script>
  const values = { answer: '', otp: '' };
  for (const id of Object.keys(values))
    document.getElementById(id).addEventListener('input', (event) => { values[id] = event.target.value; });
  document.getElementById('form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await fetch('/verify', { method: 'POST', body: values.answer || values.otp });
    document.getElementById('result').textContent = await answer.text();
  });
</script>`;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  site = await serveOtpTestSite(SECRET, { '/verify-page': PAGE });
  const port = site.port;
  allowedOrigin = `http://127.0.0.1:${String(port)}`;
  otherOrigin = `http://localhost:${String(port)}`;
  ({ context } = await launchGrantedBrowser(allowedOrigin, dirs, {
    viewport: { width: 480, height: 640 },
  }));
  worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  extensionId = new URL(worker.url()).host;
});

test.afterAll(async () => {
  await context.close();
  await site.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs the worker's own `commands.onCommand` / `contextMenus.onClicked` listeners, through
 * Chromium's event object (`dispatch`), with the tab the listeners would look up themselves.
 *
 * Why not a real key press: `page.keyboard.press('Alt+Shift+O')` goes to the page's renderer;
 * headless Chromium has no browser window accelerators to route it to the extension (measured:
 * no command arrived — no badge, and no activeTab grant on the tab). A native context menu
 * cannot be opened headless either. `dispatch` reaches exactly the listeners the shipped worker
 * registered at start, with no test hook in the extension; what it cannot give is the activeTab
 * grant of a real gesture, which the allowed origin does not need (the grant is in the manifest
 * copy) and the other origin must not get anyway.
 */
async function gesture(kind: 'shortcut' | 'menu'): Promise<void> {
  await worker.evaluate(async (which) => {
    interface Dispatchable {
      dispatch(...args: unknown[]): void;
    }
    const api = (
      globalThis as unknown as {
        chrome: {
          commands: { onCommand: Dispatchable };
          contextMenus: { onClicked: Dispatchable };
          tabs: { query(query: object): Promise<Array<{ id?: number }>> };
        };
      }
    ).chrome;
    if (which === 'shortcut') {
      // Chromium sends the tab along; without it the worker asks for the active tab itself.
      api.commands.onCommand.dispatch('fill-one-time-code');
      return;
    }
    const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    api.contextMenus.onClicked.dispatch(
      { menuItemId: 'fill-one-time-code', frameId: 0, editable: true },
      tab,
    );
  }, kind);
}

/** The toolbar button's badge and tooltip on the active tab. */
async function toolbarButton(): Promise<{ badge: string; title: string }> {
  return worker.evaluate(async () => {
    const api = (
      globalThis as unknown as {
        chrome: {
          tabs: { query(query: object): Promise<Array<{ id?: number }>> };
          action: {
            getBadgeText(details: { tabId?: number }): Promise<string>;
            getTitle(details: { tabId?: number }): Promise<string>;
          };
        };
      }
    ).chrome;
    const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    const target = { tabId: tab?.id };
    return {
      badge: await api.action.getBadgeText(target),
      title: await api.action.getTitle(target),
    };
  });
}

async function openVerifyPage(origin: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${origin}/verify-page`);
  await page.bringToFront();
  return page;
}

test('the options page shows the fill shortcut; the site is allowed for the entry', async () => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('otpauth:// link').fill(ENTRY_URI);
  await options
    .getByRole('form', { name: 'Add from an otpauth link' })
    .getByRole('button', { name: 'Add' })
    .click();
  const entry = options.locator('li[data-entry-id]').filter({ hasText: 'Shortcut Test' });
  await entry.getByRole('textbox', { name: 'Site', exact: true }).fill(allowedOrigin);
  await entry.getByRole('button', { name: 'Allow on this site' }).click();
  await expect(entry.locator(`[data-autofill-origin="${allowedOrigin}"]`)).toContainText('Allowed');

  const card = options.locator('[data-fill-shortcut]');
  // The key Chromium bound from the manifest's suggestion, read back from commands.getAll().
  await expect(card).toHaveAttribute('data-fill-shortcut', 'Alt+Shift+O');
  await expect(card.locator('kbd')).toHaveText('Alt+Shift+O');
  await expect(card).toContainText('chrome://extensions/shortcuts');
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: path.resolve('e2e/screenshots/otp-fill-shortcut-options.png') });
  await options.close();
});

test('the shortcut fills the focused field, else the code field; the page accepts the code', async () => {
  const page = await openVerifyPage(allowedOrigin);
  // A field the classifier would not pick: the person's focus chooses it.
  await page.locator('#answer').click();
  await gesture('shortcut');
  await expect(page.locator('#answer')).toHaveValue(/^\d{6}$/);
  await expect(page.locator('#otp')).toHaveValue('');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.locator('#result')).toHaveText(/^Accepted \d{6}$/);
  expect((await toolbarButton()).badge).toBe('');

  // Nothing focused: the page's one-time-code field gets it.
  await page.reload();
  await gesture('shortcut');
  await expect(page.locator('#otp')).toHaveValue(/^\d{6}$/);
  await expect(page.locator('#answer')).toHaveValue('');
  await screenshot(page, 'otp-fill-shortcut-filled');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.locator('#result')).toHaveText(/^Accepted \d{6}$/);
  await page.close();
});

test('the context-menu entry fills the field that was right-clicked', async () => {
  const page = await openVerifyPage(allowedOrigin);
  // A right-click focuses the field it hits, which is how the fill finds it.
  // (#answer, not the code field the fill would pick on its own.)
  await page.locator('#answer').click({ button: 'right' });
  await gesture('menu');
  await expect(page.locator('#answer')).toHaveValue(/^\d{6}$/);
  await expect(page.locator('#otp')).toHaveValue('');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.locator('#result')).toHaveText(/^Accepted \d{6}$/);
  await page.close();
});

test('an origin never allowed gets nothing, and the toolbar button says why', async () => {
  const page = await openVerifyPage(otherOrigin);
  await page.locator('#otp').click();
  await gesture('shortcut');
  await expect.poll(async () => (await toolbarButton()).badge).toBe('!');
  const { title } = await toolbarButton();
  expect(title).toContain('does not fill one-time codes on this page');
  await page.waitForTimeout(500);
  await expect(page.locator('#otp')).toHaveValue('');
  await expect(page.locator('#answer')).toHaveValue('');
  // The badge goes away by itself after a few seconds.
  await expect.poll(async () => (await toolbarButton()).badge, { timeout: 10_000 }).toBe('');
  await page.close();
});
