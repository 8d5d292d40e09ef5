/** Creating an account and resetting a forgotten password, entirely from the popup. */
import type { Page } from '@playwright/test';
import type { LocalPool } from '../local-pool/server';
import { expect, expectStep, outboxCode, resetPool } from './fixtures';
import {
  captureScreen,
  completePasswordReset,
  expectSignedIn,
  openDemoPopup,
  submitCode,
  test,
} from './popup-support';

test.beforeEach(async ({ pool }) => {
  await resetPool(pool);
});

/** Fills the sign-up form for a fresh user and answers the confirmation code from the outbox. */
async function signUpAndConfirm(popup: Page, pool: LocalPool, username: string): Promise<void> {
  await popup.getByRole('button', { name: 'Create account' }).click();
  await expectStep(popup, 'SIGN_UP');
  await expect(popup.getByLabel('Username', { exact: true })).toBeFocused();
  await captureScreen(popup, 'sign-up');
  await popup.getByLabel('Username', { exact: true }).fill(username);
  await popup.getByLabel('Email', { exact: true }).fill(`${username}@example.com`);
  await popup.getByLabel('Full name').fill('Oscar Newman');
  await popup.getByLabel('Password', { exact: true }).fill('Passw0rd!');
  await popup.getByLabel('Confirm password', { exact: true }).fill('Passw0rd!');
  await popup.getByLabel('Confirm password', { exact: true }).press('Enter');
  await expectStep(popup, 'CONFIRM_SIGN_UP');
  await expect(popup.getByText(/We sent a code/)).toBeVisible();
  await submitCode(popup, await outboxCode(pool, username));
}

test('sign-up of a new user, confirmation, then sign-in', async ({
  context,
  extensionId,
  pool,
}) => {
  const username = `oscar${Date.now().toString(36)}`;
  const popup = await openDemoPopup(context, extensionId);
  await signUpAndConfirm(popup, pool, username);
  await expect(popup.locator('[data-step]').first()).toHaveAttribute(
    'data-step',
    /^(SIGN_IN|DONE)$/,
  );
  if ((await popup.locator('[data-step]').first().getAttribute('data-step')) === 'SIGN_IN') {
    await expect(popup.getByRole('status')).toHaveText(/account is confirmed/);
    await expect(popup.getByLabel('Username or email')).toHaveValue(username);
    await popup.getByLabel('Password', { exact: true }).fill('Passw0rd!');
    await popup.getByLabel('Password', { exact: true }).press('Enter');
  }
  await expectSignedIn(popup, username);
});

// Automatic sign-in: the background passes the SignUp Session to ConfirmSignUp and signs in with
// InitiateAuth USER_AUTH and the Session ConfirmSignUp returns; the password is not asked again.
test('sign-up of a new user, confirmation, automatic sign-in', async ({
  context,
  extensionId,
  pool,
}) => {
  const username = `oscar${Date.now().toString(36)}`;
  const popup = await openDemoPopup(context, extensionId);
  await signUpAndConfirm(popup, pool, username);
  await expectSignedIn(popup, username);
});

test('forgot password: a code, a new password, then signed in with it', async ({
  context,
  extensionId,
  pool,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  await popup.getByLabel('Username or email').fill('alice');
  await popup.getByRole('button', { name: 'Forgot password' }).click();
  await expectStep(popup, 'RESET_PASSWORD');
  await expect(popup.getByLabel('Username or email')).toHaveValue('alice');
  await captureScreen(popup, 'reset-password-request');
  await popup.getByLabel('Username or email').press('Enter');
  await expect(popup.getByLabel('Code', { exact: true })).toBeVisible();
  await completePasswordReset(popup, 'alice', await outboxCode(pool, 'alice'), 'Br4ndNewPass!');
});
