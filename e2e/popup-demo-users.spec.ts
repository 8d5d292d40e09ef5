/**
 * One journey per demo user, from the sign-in screen to DONE, through the real popup, the real
 * background and the local pool. Codes come from the pool's outbox; TOTP codes from the seed's
 * secrets. Every screen on the way is captured in both themes and checked with axe.
 */
import type { Page } from '@playwright/test';
import { expect, expectStep, openOptions, outboxCode, resetPool } from './fixtures';
import {
  captureScreen,
  completePasswordReset,
  expectSignedIn,
  openDemoPopup,
  submitCode,
  submitSignIn,
  test,
  totpCode,
} from './popup-support';

const PASSWORD = 'Passw0rd!';

test.beforeEach(async ({ pool }) => {
  await resetPool(pool);
});

async function chooseAccount(popup: Page, name: string): Promise<void> {
  await popup.getByLabel('Account').selectOption({ label: name });
  await expect(popup.getByLabel('Account')).toHaveValue(/.+/);
  await expect(popup.locator('#account-picker option:checked')).toHaveText(name);
}

test('alice (no MFA) signs in and out', async ({ context, extensionId }) => {
  const popup = await openDemoPopup(context, extensionId);
  await expectStep(popup, 'SIGN_IN');
  await expect(popup.getByLabel('Username or email')).toBeFocused();
  await captureScreen(popup, 'sign-in');
  await submitSignIn(popup, 'alice', PASSWORD);
  await expectSignedIn(popup, 'alice');
  await expect(popup.locator('[data-field="email"]')).toHaveText('alice@example.com');
  await expect(popup.locator('[data-field="account"]')).toHaveText('Demo pool');
  await captureScreen(popup, 'done');
  await popup.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expectStep(popup, 'SIGN_IN');
});

test('bob (TOTP MFA) confirms with his authenticator code', async ({ context, extensionId }) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'bob', PASSWORD);
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
  await expect(popup.getByLabel('Code', { exact: true })).toBeFocused();
  await expect(popup.getByRole('timer')).toBeVisible();
  await captureScreen(popup, 'confirm-totp-code');
  await submitCode(popup, await totpCode('JBSWY3DPEHPK3PXP'));
  await expectSignedIn(popup, 'bob');
});

test('carol (SMS MFA) confirms with the texted code', async ({ context, extensionId, pool }) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'carol', PASSWORD);
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_SMS_CODE');
  await expect(popup.getByText(/by text message to .*0100/)).toBeVisible();
  await captureScreen(popup, 'confirm-sms-code');
  await submitCode(popup, await outboxCode(pool, 'carol'));
  await expectSignedIn(popup, 'carol');
});

test('dave (EMAIL MFA) confirms with the emailed code', async ({ context, extensionId, pool }) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'dave', PASSWORD);
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
  await expect(popup.getByText(/by email to/)).toBeVisible();
  await captureScreen(popup, 'confirm-email-code');
  await submitCode(popup, await outboxCode(pool, 'dave'));
  await expectSignedIn(popup, 'dave');
});

test('erin (SMS and TOTP) picks the authenticator app', async ({ context, extensionId }) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'erin', PASSWORD);
  await expectStep(popup, 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION');
  await expect(popup.getByRole('button', { name: /Text message/ })).toBeVisible();
  await captureScreen(popup, 'mfa-selection');
  await popup.getByRole('button', { name: /Authenticator app/ }).click();
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
  await submitCode(popup, await totpCode('KRSXG5CTMVRXEZLU'));
  await expectSignedIn(popup, 'erin');
});

test('frank (temporary password) chooses a new one and gives his name', async ({
  context,
  extensionId,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'frank', 'TempPassw0rd!');
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
  await expect(popup.getByLabel('New password', { exact: true })).toBeFocused();
  // The demo pool's rules, described to screen readers with the field.
  await expect(popup.getByLabel('New password', { exact: true })).toHaveAccessibleDescription(
    'At least 8 characters, with a lowercase letter, an uppercase letter, a number and a symbol.',
  );
  // A password the pool would refuse is stopped here, naming what is missing.
  await popup.getByLabel('New password', { exact: true }).fill('newpassword');
  await popup.getByLabel('Confirm new password', { exact: true }).fill('newpassword');
  await popup.getByLabel('Full name').fill('Frank Admin');
  await popup.getByLabel('Full name').press('Enter');
  await expect(
    popup.getByText('Still needed: an uppercase letter, a number and a symbol.'),
  ).toBeVisible();
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
  await captureScreen(popup, 'new-password-required');
  await popup.getByLabel('New password', { exact: true }).fill('N3wPassw0rd!');
  await popup.getByLabel('Confirm new password', { exact: true }).fill('N3wPassw0rd!');
  await popup.getByLabel('Full name').fill('Frank Admin');
  await popup.getByLabel('Full name').press('Enter');
  await expectSignedIn(popup, 'frank');
});

test('grace (unconfirmed) confirms her account and is signed in', async ({
  context,
  extensionId,
  pool,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'grace', PASSWORD);
  await expectStep(popup, 'CONFIRM_SIGN_UP');
  await captureScreen(popup, 'confirm-sign-up');
  await submitCode(popup, await outboxCode(pool, 'grace'));
  // Her password is never kept: ConfirmSignUp's Session signs her in (USER_AUTH), no retyping.
  await expectSignedIn(popup, 'grace');
});

test('heidi (reset required) sets a new password and signs in with it', async ({
  context,
  extensionId,
  pool,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'heidi', PASSWORD);
  await expectStep(popup, 'RESET_PASSWORD');
  await expect(popup.getByLabel('Code', { exact: true })).toBeVisible();
  await captureScreen(popup, 'reset-password-confirm');
  await completePasswordReset(popup, 'heidi', await outboxCode(pool, 'heidi'), 'N3wPassw0rd!');
});

test('ivan (custom auth) answers the emailed challenge', async ({ context, extensionId, pool }) => {
  // Custom auth is an account setting: switch the demo account to it on the options page.
  const first = await openDemoPopup(context, extensionId);
  const options = await openOptions(context, extensionId);
  await options.getByRole('button', { name: 'Edit Demo pool', exact: true }).click();
  await options.getByLabel('Sign-in flow').selectOption('CUSTOM_WITH_SRP');
  await options.getByRole('button', { name: 'Save changes' }).click();
  await expect(options.getByText('Saved “Demo pool”.')).toBeVisible();
  await first.close();
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'ivan', PASSWORD);
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
  await expect(popup.getByText(/Enter the 6-digit code we emailed/)).toBeVisible();
  await captureScreen(popup, 'custom-challenge');
  const answer = popup.getByLabel('Answer', { exact: true });
  await answer.fill(await outboxCode(pool, 'ivan'));
  await answer.press('Enter');
  await expectSignedIn(popup, 'ivan');
});

test('judy signs in without password, choosing the password factor', async ({
  context,
  extensionId,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  await popup.getByLabel('Username or email').fill('judy');
  await popup.getByRole('button', { name: 'Sign in without password' }).click();
  await expectStep(popup, 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION');
  await captureScreen(popup, 'first-factor-selection');
  await popup.getByRole('button', { name: /^Password Your password never/ }).click();
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_PASSWORD');
  await captureScreen(popup, 'confirm-password');
  await popup.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await popup.getByLabel('Password', { exact: true }).press('Enter');
  await expectSignedIn(popup, 'judy');
});

test('judy signs in with an emailed one-time code', async ({ context, extensionId, pool }) => {
  const popup = await openDemoPopup(context, extensionId);
  await popup.getByLabel('Username or email').fill('judy');
  await popup.getByRole('button', { name: 'Sign in without password' }).click();
  await expectStep(popup, 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION');
  await popup.getByRole('button', { name: /^Email/ }).click();
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
  await submitCode(popup, await outboxCode(pool, 'judy'));
  await expectSignedIn(popup, 'judy');
});

test('mallory (strict pool) sets up an authenticator app', async ({ context, extensionId }) => {
  const popup = await openDemoPopup(context, extensionId);
  await chooseAccount(popup, 'Strict pool');
  await submitSignIn(popup, 'mallory', PASSWORD);
  await expectStep(popup, 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION');
  await captureScreen(popup, 'mfa-setup-selection');
  await popup.getByRole('button', { name: /Authenticator app/ }).click();
  await expectStep(popup, 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
  await expect(popup.getByRole('img', { name: /QR code/ })).toBeVisible();
  await expect(
    popup.getByRole('checkbox', { name: 'Save to Cognito Pass authenticator' }),
  ).toBeChecked();
  await captureScreen(popup, 'totp-setup');
  const secret = ((await popup.locator('.secret-value').textContent()) ?? '').replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await submitCode(popup, await totpCode(secret), 'Code from the app');
  await expectSignedIn(popup, 'mallory');
});

test('mallory (strict pool) sets up email codes', async ({ context, extensionId, pool }) => {
  const popup = await openDemoPopup(context, extensionId);
  await chooseAccount(popup, 'Strict pool');
  await submitSignIn(popup, 'mallory', PASSWORD);
  await expectStep(popup, 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION');
  await popup.getByRole('button', { name: /^Email/ }).click();
  const step = popup.locator('[data-step]').first();
  await expect(step).toHaveAttribute(
    'data-step',
    /^(CONTINUE_SIGN_IN_WITH_EMAIL_SETUP|CONFIRM_SIGN_IN_WITH_EMAIL_CODE)$/,
  );
  if ((await step.getAttribute('data-step')) === 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP') {
    await captureScreen(popup, 'email-setup');
    await popup.getByLabel('Email address').fill('mallory@example.com');
    await popup.getByLabel('Email address').press('Enter');
    await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
  }
  await submitCode(popup, await outboxCode(pool, 'mallory'));
  await expectSignedIn(popup, 'mallory');
});
