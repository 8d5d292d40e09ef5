/**
 * A flaky pool seen through the real popup (the local pool's `/_local/faults`): a 10-second stall
 * shows progress and then a plain error with what to do; an unreachable pool or throttling shows
 * an alert and keeps the step; the same answer works once the pool is back. And a real browser
 * restart (same profile directory): "stay signed in" comes back signed in through the sealed
 * refresh token, without it the popup shows a clean sign-in.
 */
import { chromium, type BrowserContext } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LocalPool } from '../local-pool/server';
import { CHROMIUM_PATH, chromiumArgs, expect, expectStep, outboxCode, resetPool } from './fixtures';
import {
  captureScreen,
  expectSignedIn,
  JOURNEY_EXTENSION_PATH,
  openDemoPopup,
  submitCode,
  submitSignIn,
  test,
} from './popup-support';

const PASSWORD = 'Passw0rd!';

test.beforeEach(async ({ pool }) => {
  await resetPool(pool);
});

async function setFaults(pool: LocalPool, faults: unknown[]): Promise<void> {
  const response = await fetch(`${pool.url}/_local/faults`, {
    method: 'POST',
    body: JSON.stringify({ faults }),
  });
  expect(response.status).toBe(200);
}

async function calls(pool: LocalPool): Promise<Record<string, number>> {
  const report = (await (await fetch(`${pool.url}/_local/faults`)).json()) as {
    calls: Record<string, number>;
  };
  return report.calls;
}

test('a 10 s stall: progress at once, then "did not answer within 8 seconds"; trying again signs in', async ({
  context,
  extensionId,
  pool,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  await setFaults(pool, [{ operation: 'InitiateAuth', kind: 'delay', delayMs: 10_000, times: 1 }]);
  const started = Date.now();
  await submitSignIn(popup, 'alice', PASSWORD);
  await expect(popup.getByRole('button', { name: /Signing in/ })).toBeVisible({ timeout: 2_000 });
  await expect(popup.locator('main.popup')).toHaveAttribute('aria-busy', 'true');
  await captureScreen(popup, 'fault-stall-progress');
  const alert = popup.getByRole('alert');
  await expect(alert).toContainText('Cognito did not answer within 8 seconds.', {
    timeout: 15_000,
  });
  await expect(alert).toContainText(/try again/i);
  const waited = Date.now() - started;
  expect(waited).toBeGreaterThan(7_500);
  expect(waited).toBeLessThan(12_000);
  await expectStep(popup, 'SIGN_IN');
  await captureScreen(popup, 'fault-stall-timeout');
  expect((await calls(pool)).InitiateAuth).toBe(1);
  await popup.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await popup.getByLabel('Password', { exact: true }).press('Enter');
  await expectSignedIn(popup, 'alice');
});

test('pool unreachable at the code step: an alert, the step kept, not resent by us; the same code works once it is back', async ({
  context,
  extensionId,
  pool,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'carol', PASSWORD);
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_SMS_CODE');
  const code = await outboxCode(pool, 'carol');
  await setFaults(pool, [{ operation: '*', kind: 'drop' }]);
  await submitCode(popup, code);
  const alert = popup.getByRole('alert');
  await expect(alert).toContainText('Cognito could not be reached.');
  await expect(alert).toContainText('Check your connection');
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_SMS_CODE');
  await captureScreen(popup, 'fault-unreachable');
  // Our code sends it once (the gateway's no-retry transport). Chromium's network stack itself
  // resends a request once when a reused keep-alive connection closes before any answer byte
  // (measured here: 2), which the extension cannot turn off; see docs/security.md, findings.
  expect((await calls(pool)).RespondToAuthChallenge).toBeLessThanOrEqual(2);
  await setFaults(pool, []);
  await submitCode(popup, code);
  await expectSignedIn(popup, 'carol');
});

test('a 500 on the code: an alert, the step kept, sent exactly once; the same code then works', async ({
  context,
  extensionId,
  pool,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'carol', PASSWORD);
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_SMS_CODE');
  const code = await outboxCode(pool, 'carol');
  await setFaults(pool, [{ operation: 'RespondToAuthChallenge', kind: 'http500', times: 1 }]);
  await submitCode(popup, code);
  const alert = popup.getByRole('alert');
  await expect(alert).toContainText('Cognito had an internal error.');
  await expect(alert).toContainText('Try again in a moment.');
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_SMS_CODE');
  expect((await calls(pool)).RespondToAuthChallenge).toBe(1);
  await submitCode(popup, code);
  await expectSignedIn(popup, 'carol');
  expect((await calls(pool)).RespondToAuthChallenge).toBe(2);
});

test('throttled every time: three tries with backoff, then "too many requests" and what to do', async ({
  context,
  extensionId,
  pool,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  await setFaults(pool, [{ operation: 'InitiateAuth', kind: 'throttle' }]);
  await submitSignIn(popup, 'alice', PASSWORD);
  const alert = popup.getByRole('alert');
  await expect(alert).toContainText('Cognito is receiving too many requests.');
  await expect(alert).toContainText('Try again in a moment.');
  expect((await calls(pool)).InitiateAuth).toBe(3);
  await setFaults(pool, []);
  await popup.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await popup.getByLabel('Password', { exact: true }).press('Enter');
  await expectSignedIn(popup, 'alice');
});

test.describe('browser restart with the same profile', () => {
  async function launch(userDataDir: string): Promise<{ context: BrowserContext; id: string }> {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: chromiumArgs(JOURNEY_EXTENSION_PATH),
      viewport: { width: 360, height: 600 },
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    return { context, id: new URL(worker.url()).host };
  }

  test('"stay signed in" comes back signed in; turned off, a clean sign-in', async ({ pool }) => {
    test.setTimeout(120_000);
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-pass-restart-'));
    try {
      // First run: alice signs in on the demo account (stay signed in, the demo default).
      let run = await launch(userDataDir);
      let popup = await openDemoPopup(run.context, run.id);
      await submitSignIn(popup, 'alice', PASSWORD);
      await expectSignedIn(popup, 'alice');
      await run.context.close();

      // Second run: storage.session is gone; the sealed refresh token brings her back.
      const before = await calls(pool);
      run = await launch(userDataDir);
      popup = await openDemoPopup(run.context, run.id);
      await expectSignedIn(popup, 'alice');
      const after = await calls(pool);
      expect(
        (after.GetTokensFromRefreshToken ?? 0) - (before.GetTokensFromRefreshToken ?? 0),
      ).toBeGreaterThanOrEqual(1);
      await captureScreen(popup, 'restart-stay-signed-in');

      // Turn "stay signed in" off, sign in again, restart: a clean sign-in screen.
      const options = await run.context.newPage();
      await options.goto(`chrome-extension://${run.id}/options.html`);
      await options.getByRole('button', { name: 'Edit Demo pool', exact: true }).click();
      await options.getByLabel(/Stay signed in after the browser restarts/).uncheck();
      await options.getByRole('button', { name: 'Save changes' }).click();
      await expect(options.getByText('Saved “Demo pool”.')).toBeVisible();
      await popup.close();
      popup = await openDemoPopup(run.context, run.id);
      await popup.getByRole('button', { name: 'Sign out', exact: true }).click();
      await submitSignIn(popup, 'alice', PASSWORD);
      await expectSignedIn(popup, 'alice');
      await run.context.close();

      run = await launch(userDataDir);
      popup = await openDemoPopup(run.context, run.id);
      await expectStep(popup, 'SIGN_IN');
      await expect(popup.getByRole('alert')).toHaveCount(0);
      await run.context.close();
    } finally {
      fs.rmSync(userDataDir, { recursive: true, force: true });
    }
  });
});
