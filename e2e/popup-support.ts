/**
 * Helpers for the popup and options journeys: typing into the popup the way a person does,
 * screenshots in both themes with an accessibility check on each, and TOTP codes.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { createGuardrails, generate } from 'otplib';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CHROMIUM_PATH,
  chromiumArgs,
  currentStep,
  EXTENSION_PATH,
  expect,
  expectStep,
  openPopup,
  screenshot,
  test as base,
} from './fixtures';

/**
 * Where the demo build is loaded from: `.output/chrome-mv3` (what `npm run test:e2e` builds), or
 * a copy named by E2E_EXTENSION_PATH, so a rebuild of .output by someone else in the same tree
 * cannot swap the extension under a running suite.
 */
export const JOURNEY_EXTENSION_PATH = path.resolve(
  process.env.E2E_EXTENSION_PATH ?? EXTENSION_PATH,
);

export const test = base.extend({
  context: async ({}, use) => {
    if (!fs.existsSync(path.join(JOURNEY_EXTENSION_PATH, 'manifest.json'))) {
      throw new Error(
        `No built extension in ${JOURNEY_EXTENSION_PATH}: run \`npm run build:demo\` first.`,
      );
    }
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-pass-e2e-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: chromiumArgs(JOURNEY_EXTENSION_PATH),
      viewport: { width: 360, height: 600 },
    });
    await use(context);
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  },
});

const AXE_PATH = path.resolve('node_modules/axe-core/axe.min.js');

/** The demo seed's TOTP secrets are 10 bytes; otplib refuses under 16 by default. */
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

export function totpCode(secret: string): Promise<string> {
  return generate({ secret, guardrails });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page and fails on any serious or critical violation. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  // Extension pages forbid inline scripts (script-src 'self'), so addScriptTag is refused;
  // the DevTools protocol's evaluate is not subject to the page's CSP.
  if (!loaded) await page.evaluate(fs.readFileSync(AXE_PATH, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(context: Document): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes,
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = serious.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `accessibility of ${name}`).toEqual([]);
}

/**
 * Screenshots the current screen in the light and the dark theme (e2e/screenshots/<name>-light.png
 * and -dark.png) and checks both with axe (contrast differs per theme).
 */
export async function captureScreen(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await screenshot(page, `${name}-${colorScheme}`);
    await expectAccessible(page, `${name} (${colorScheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * Opens the popup once the demo accounts are there. The demo build seeds them in
 * `runtime.onInstalled`, which can finish after a popup opened right at browser start has
 * asked for its state (and no broadcast follows the seeding): reopen until they show.
 */
export async function openDemoPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const popup = await openPopup(context, extensionId);
    await expect(popup.locator('[data-step]').first()).not.toHaveAttribute('data-step', 'LOADING');
    if ((await currentStep(popup)) !== 'NO_ACCOUNT') return popup;
    await popup.close();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the demo accounts were never seeded');
}

/** Fills username + password on SIGN_IN and presses Enter (keyboard-first). */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await expectStep(page, 'SIGN_IN');
  await page.getByLabel('Username or email').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
}

/** Types a code into the focused step's code input and submits with Enter. */
export async function submitCode(page: Page, code: string, label = 'Code'): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(code);
  await input.press('Enter');
}

export async function expectSignedIn(page: Page, username: string): Promise<void> {
  await expectStep(page, 'DONE');
  await expect(page.locator('[data-field="username"]')).toHaveText(username);
}

/**
 * Finishes RESET_PASSWORD's confirm phase with the emailed code. Cognito's reset does not sign
 * in, so the popup lands on SIGN_IN, unless the flow resumes a sign-in the reset interrupted:
 * either way the person ends signed in with the new password.
 */
export async function completePasswordReset(
  page: Page,
  username: string,
  code: string,
  newPassword: string,
): Promise<void> {
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  const confirmation = page.getByLabel('Confirm new password', { exact: true });
  await confirmation.fill(newPassword);
  await confirmation.press('Enter');
  const step = page.locator('[data-step]').first();
  await expect(step).toHaveAttribute('data-step', /^(SIGN_IN|DONE)$/);
  if ((await step.getAttribute('data-step')) === 'SIGN_IN') {
    await expect(page.getByRole('status')).toHaveText(/password was changed/);
    await submitSignIn(page, username, newPassword);
  }
  await expectSignedIn(page, username);
}

/** Writes a file the options page can be given (an Amplify configuration). */
export function writeTempFile(dir: string, name: string, content: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}
