/**
 * Issue #7 end to end in Chromium, with the real demo build: the TOTP setup step saves the secret,
 * the next sign-in is offered the code and, with "answer automatically" on, completes without a
 * click; and one-time-code autofill on pages (single box and six split boxes, the page's own
 * form checking the code) on an allowed origin only.
 *
 * Host access: headless Chromium leaves a `permissions.request` prompt pending forever and
 * chrome://extensions offers no "add a site" for optional hosts (see sites-popup-journey.spec.ts,
 * which found this first). So, like that spec, the browser runs a copy of the build whose
 * manifest already holds the allowed origin: the state after a person accepted the prompt. The
 * options page's request then resolves at once, and everything after it is the shipped code.
 * The second origin (same server, other host name) is never granted.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import fs from 'node:fs';
import { renderSVG } from 'uqr';
import { startLocalPool } from '../local-pool/server';
import { generateTotp } from '../src/otp/totp';
import { DEMO_POOL_PORT, expect, expectStep, screenshot, test } from './fixtures';
import { launchGrantedBrowser, openToolbarPopup } from './granted-browser';
import { serveOtpTestSite, type OtpTestSite } from './otp-test-site';
import { submitCode, submitSignIn, totpCode } from './popup-support';

const PASSWORD = 'Passw0rd!';
const PAGE_SECRET = 'JBSWY3DPEHPK3PXP';
const PAGE_ENTRY_URI = `otpauth://totp/OTP%20Test:tester?secret=${PAGE_SECRET}&issuer=OTP%20Test`;

let pool: { url: string; close(): Promise<void> };
let site: OtpTestSite;
let allowedOrigin: string;
let otherOrigin: string;
let context: BrowserContext;
let extensionId: string;
/** DevTools connections made to reach the toolbar popup; closed at the end. */
const devtools: Browser[] = [];
const dirs: string[] = [];
const SCANNED_URI =
  'otpauth://totp/Scanned%20Site:scan%40example.com?secret=KRSXG5CTMVRXEZLU&issuer=Scanned%20Site';

const SINGLE_PAGE = `<!doctype html><meta charset="utf-8"><title>Verify</title>
<form id="form" style="margin:40px"><h1>Two-step verification</h1>
<label for="otp">Verification code</label><br>
<input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6" style="width:200px;height:32px">
<button>Verify</button></form><p id="result"></p>
<script>
  // Like a framework's controlled input: the state follows input events only.
  let value = '';
  document.getElementById('otp').addEventListener('input', (event) => { value = event.target.value; });
  document.getElementById('form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await fetch('/verify', { method: 'POST', body: value });
    document.getElementById('result').textContent = await answer.text();
  });
</script>`;

const SPLIT_PAGE = `<!doctype html><meta charset="utf-8"><title>Verify</title>
<form id="form" style="margin:40px"><h1>Enter the 6-digit code</h1><div id="boxes">
${[1, 2, 3, 4, 5, 6]
  .map(
    (n) =>
      `<input aria-label="Digit ${String(n)}" maxlength="1" inputmode="numeric" style="width:28px;height:32px">`,
  )
  .join('')}
</div><button>Verify</button></form><p id="result"></p>
<script>
  const boxes = [...document.querySelectorAll('#boxes input')];
  const digits = boxes.map(() => '');
  boxes.forEach((box, index) => box.addEventListener('input', (event) => {
    digits[index] = event.target.value;
    boxes[index + 1]?.focus();
  }));
  document.getElementById('form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await fetch('/verify', { method: 'POST', body: digits.join('') });
    document.getElementById('result').textContent = await answer.text();
  });
</script>`;

const PAGES: Record<string, string> = {
  '/single': SINGLE_PAGE,
  '/split': SPLIT_PAGE,
  '/qr': `<!doctype html><meta charset="utf-8"><title>Set up</title><h1>Scan with your app</h1><div style="width:240px">${renderSVG(SCANNED_URI, { pixelSize: 6 })}</div>`,
};

async function openExtensionPage(name: 'popup' | 'options'): Promise<Page> {
  const page = await context.newPage();
  if (name === 'popup') await page.setViewportSize({ width: 360, height: 600 });
  await page.goto(`chrome-extension://${extensionId}/${name}.html`);
  return page;
}

/** The popup with the demo accounts seeded (seeding runs in onInstalled, maybe after a start). */
async function openDemoPopup(): Promise<Page> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const popup = await openExtensionPage('popup');
    await popup.locator('[data-step]').first().waitFor();
    await expect(popup.locator('[data-step]').first()).not.toHaveAttribute('data-step', 'LOADING');
    if ((await popup.locator('[data-step]').first().getAttribute('data-step')) !== 'NO_ACCOUNT')
      return popup;
    await popup.close();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the demo accounts were never seeded');
}

async function signOut(popup: Page): Promise<void> {
  await popup.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expectStep(popup, 'SIGN_IN');
}

/** The autofill button's host element (its closed shadow root is out of the page's reach). */
const buttonHost = (page: Page) => page.locator('cognito-pass-otp');

/** A real (trusted) click in the middle of the button, as a person's. */
async function clickFillButton(page: Page): Promise<void> {
  await expect(buttonHost(page)).toHaveCount(1);
  const box = await buttonHost(page).boundingBox();
  if (!box) throw new Error('the fill button has no box');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * Cognito (and the local pool) never accepts a code's time step twice: like a person, sign in
 * again only once the code used last has been replaced by the next one.
 */
async function waitForNextPeriod(): Promise<void> {
  const left = 30_000 - (Date.now() % 30_000);
  await new Promise((resolve) => setTimeout(resolve, left + 500));
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  try {
    pool = await startLocalPool({ port: DEMO_POOL_PORT, quiet: true });
  } catch {
    pool = { url: `http://127.0.0.1:${String(DEMO_POOL_PORT)}`, close: () => Promise.resolve() };
  }
  await fetch(`${pool.url}/_local/reset`, { method: 'POST' });
  site = await serveOtpTestSite(PAGE_SECRET, PAGES);
  const port = site.port;
  allowedOrigin = `http://127.0.0.1:${String(port)}`;
  otherOrigin = `http://localhost:${String(port)}`;
  ({ context } = await launchGrantedBrowser(allowedOrigin, dirs, {
    viewport: { width: 480, height: 640 },
  }));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  extensionId = new URL(worker.url()).host;
});

test.afterAll(async () => {
  for (const connection of devtools.splice(0)) await connection.close();
  await context.close();
  await pool.close();
  await site.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

test('TOTP setup saves the secret; the next sign-in is offered the code, then answered without a click', async () => {
  test.setTimeout(120_000);
  const popup = await openDemoPopup();
  await popup.getByLabel('Account').selectOption({ label: 'Strict pool' });
  await submitSignIn(popup, 'mallory', PASSWORD);
  await expectStep(popup, 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION');
  await popup.getByRole('button', { name: /Authenticator app/ }).click();
  await expectStep(popup, 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
  await expect(
    popup.getByRole('checkbox', { name: 'Save to Cognito Pass authenticator' }),
  ).toBeChecked();
  const secret = ((await popup.locator('.secret-value').textContent()) ?? '').replace(/\s+/g, '');
  await submitCode(popup, await totpCode(secret), 'Code from the app');
  await expectStep(popup, 'DONE');

  // The secret landed in the vault, bound to mallory: the popup's authenticator lists it.
  await popup.getByRole('button', { name: 'Authenticator', exact: true }).click();
  await expect(popup.locator('.otp-entry')).toHaveCount(1);
  await expect(popup.locator('.otp-account')).toContainText('mallory');
  await popup.getByRole('button', { name: 'Sign-in', exact: true }).click();

  await signOut(popup);
  await waitForNextPeriod();
  await submitSignIn(popup, 'mallory', PASSWORD);
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
  const offered = await popup.getByLabel('Code', { exact: true }).inputValue();
  // The code for this moment (or the neighbouring period, should the minute turn meanwhile).
  const parameters = { secret, algorithm: 'SHA1', digits: 6, period: 30 } as const;
  const now = Date.now();
  const around = await Promise.all(
    [now - 30_000, now, now + 30_000].map((at) => generateTotp(parameters, at)),
  );
  expect(around).toContain(offered);
  await expect(popup.getByText(/From your Cognito Pass authenticator/)).toBeVisible();
  await screenshot(popup, 'authenticator-totp-prefilled');
  await popup.getByLabel('Code', { exact: true }).press('Enter');
  await expectStep(popup, 'DONE');
  await signOut(popup);

  // "Answer automatically" for the strict pool, from the options page.
  const options = await openExtensionPage('options');
  const automatic = options.getByRole('switch', { name: 'Answer automatically for Strict pool' });
  // A controlled switch: it shows the background's answer, so click and wait for it.
  await automatic.click();
  await expect(automatic).toBeChecked();
  await options.close();

  await waitForNextPeriod();
  await submitSignIn(popup, 'mallory', PASSWORD);
  // No click on the code: the background answers the step (waiting for the next period when
  // the current code has under 5 s left, so this may take up to ~5 s).
  await expect(popup.locator('[data-step]').first()).toHaveAttribute('data-step', 'DONE', {
    timeout: 15_000,
  });
  await screenshot(popup, 'authenticator-totp-auto-answered');
  await signOut(popup);
  await popup.close();
});

test('an allowed page gets a fill button that fills its code field; a page elsewhere gets nothing', async () => {
  const options = await openExtensionPage('options');
  await options.getByLabel('otpauth:// link').fill(PAGE_ENTRY_URI);
  await options
    .getByRole('form', { name: 'Add from an otpauth link' })
    .getByRole('button', { name: 'Add' })
    .click();
  await expect(options.getByText('OTP Test')).toBeVisible();
  const entry = options.locator('li[data-entry-id]').filter({ hasText: 'OTP Test' });
  await entry.getByRole('textbox', { name: 'Site', exact: true }).fill(allowedOrigin);
  await entry.getByRole('button', { name: 'Allow on this site' }).click();
  await expect(entry.locator(`[data-autofill-origin="${allowedOrigin}"]`)).toContainText('Allowed');
  await screenshot(options, 'authenticator-options-sites');

  // Single input: the button sits in the field; a trusted click fills; the page's form accepts.
  const single = await context.newPage();
  await single.goto(`${allowedOrigin}/single`);
  await clickFillButton(single);
  await expect(single.locator('#otp')).toHaveValue(/^\d{6}$/);
  await screenshot(single, 'authenticator-autofill-single');
  await single.getByRole('button', { name: 'Verify' }).click();
  await expect(single.locator('#result')).toHaveText(/^Accepted \d{6}$/);
  // The page cannot reach into the button.
  expect(await single.evaluate(() => document.querySelector('cognito-pass-otp')?.shadowRoot)).toBe(
    null,
  );

  // Six split boxes: one digit each, with the input events the page's state follows.
  const split = await context.newPage();
  await split.goto(`${allowedOrigin}/split`);
  await clickFillButton(split);
  const digits = await split
    .locator('#boxes input')
    .evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).value).join(''));
  expect(digits).toMatch(/^\d{6}$/);
  await screenshot(split, 'authenticator-autofill-split');
  await split.getByRole('button', { name: 'Verify' }).click();
  await expect(split.locator('#result')).toHaveText(`Accepted ${digits}`);

  // Another origin (never granted) gets no button, so nothing can be filled there.
  const elsewhere = await context.newPage();
  await elsewhere.goto(`${otherOrigin}/single`);
  await elsewhere.waitForTimeout(1500);
  await expect(buttonHost(elsewhere)).toHaveCount(0);
  await expect(elsewhere.locator('#otp')).toHaveValue('');

  // Opted in for this origin: the code is filled as the field appears, without a click.
  const noClick = entry.getByRole('switch', { name: `Fill on ${allowedOrigin} without a click` });
  await noClick.click();
  await expect(noClick).toBeChecked();
  const automatic = await context.newPage();
  await automatic.goto(`${allowedOrigin}/single`);
  await expect(automatic.locator('#otp')).toHaveValue(/^\d{6}$/);
  await automatic.getByRole('button', { name: 'Verify' }).click();
  await expect(automatic.locator('#result')).toHaveText(/^Accepted \d{6}$/);

  // Removing the site unregisters the script: the next load of the page gets no button.
  await entry.getByRole('button', { name: `Stop filling on ${allowedOrigin}` }).click();
  await expect(entry.getByText('No site yet: codes are filled nowhere.')).toBeVisible();
  await single.reload();
  await single.waitForTimeout(1500);
  await expect(buttonHost(single)).toHaveCount(0);
});

/*
 * Capturing a tab needs activeTab, which Chromium grants when a person clicks the toolbar button;
 * a popup opened by `action.openPopup()` gets none, and no headless switch gives it. This test
 * runs its own browser with a build whose manifest holds <all_urls> (what activeTab gives over the
 * clicked tab, and more): the popup's capture call then succeeds as after a real click.
 */
test('the popup scans the QR code shown in the tab, and saves it after confirmation', async () => {
  const { context: scanning, debuggingUrl: scanningDevtools } = await launchGrantedBrowser(
    '<all_urls>',
    dirs,
  );
  try {
    const tab = scanning.pages()[0] ?? (await scanning.newPage());
    await tab.setViewportSize({ width: 800, height: 600 });
    await tab.goto(`${allowedOrigin}/qr`);
    const popup = await openToolbarPopup(tab, scanningDevtools, devtools);
    await popup.getByRole('button', { name: 'Authenticator', exact: true }).click();
    await popup.getByRole('button', { name: 'Scan a QR code on this page' }).click();
    const form = popup.getByRole('form', { name: 'Add the scanned code' });
    await expect(form).toBeVisible();
    await expect(form.getByLabel('Issuer')).toHaveValue('Scanned Site');
    await expect(form.getByLabel('Account', { exact: true })).toHaveValue('scan@example.com');
    await screenshot(popup, 'authenticator-scan-confirm');
    // Nothing saved before the confirmation.
    await expect(popup.locator('.otp-entry', { hasText: 'Scanned Site' })).toHaveCount(0);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(popup.getByText('Saved Scanned Site (scan@example.com).')).toBeVisible();
    await expect(popup.locator('.otp-entry', { hasText: 'Scanned Site' })).toHaveCount(1);
    await screenshot(popup, 'authenticator-scan-saved');
  } finally {
    for (const connection of devtools.splice(0)) await connection.close();
    await scanning.close();
  }
});
