/**
 * The popup as a pure view: a wrong password keeps the person on SIGN_IN with an alert; closing
 * the popup or losing the service worker in the middle of a step changes nothing.
 */
import { expect, expectStep, outboxCode, resetPool, stopServiceWorker } from './fixtures';
import {
  captureScreen,
  expectSignedIn,
  openDemoPopup,
  submitCode,
  submitSignIn,
  test,
  totpCode,
} from './popup-support';

test.beforeEach(async ({ pool }) => {
  await resetPool(pool);
});

test('a wrong password shows an alert and stays on SIGN_IN', async ({ context, extensionId }) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'alice', 'not-her-password');
  const alert = popup.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/password/i);
  await expectStep(popup, 'SIGN_IN');
  await expect(popup.getByLabel('Username or email')).toHaveValue('alice');
  await captureScreen(popup, 'sign-in-error');
  // Correcting the password is enough: nothing else to redo.
  await popup.getByLabel('Password', { exact: true }).fill('Passw0rd!');
  await popup.getByLabel('Password', { exact: true }).press('Enter');
  await expectSignedIn(popup, 'alice');
});

test('closing the popup mid-step and reopening shows the same step', async ({
  context,
  extensionId,
  pool,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'dave', 'Passw0rd!');
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
  await popup.close();

  const reopened = await openDemoPopup(context, extensionId);
  await expectStep(reopened, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
  await expect(reopened.getByLabel('Code', { exact: true })).toBeFocused();
  await submitCode(reopened, await outboxCode(pool, 'dave'));
  await expectSignedIn(reopened, 'dave');

  // Signed in survives closing too.
  await reopened.close();
  const again = await openDemoPopup(context, extensionId);
  await expectSignedIn(again, 'dave');
});

test('stopping the service worker mid-step, then reopening, still finishes', async ({
  context,
  extensionId,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'bob', 'Passw0rd!');
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
  await popup.close();
  await stopServiceWorker(context, extensionId);

  const reopened = await openDemoPopup(context, extensionId);
  await expectStep(reopened, 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
  await submitCode(reopened, await totpCode('JBSWY3DPEHPK3PXP'));
  await expectSignedIn(reopened, 'bob');
});

test('stopping the service worker with the popup open, the next answer still lands', async ({
  context,
  extensionId,
  pool,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'carol', 'Passw0rd!');
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_SMS_CODE');
  await stopServiceWorker(context, extensionId);
  await submitCode(popup, await outboxCode(pool, 'carol'));
  await expectSignedIn(popup, 'carol');
});

test('a wrong code shows an alert and the step can still be answered', async ({
  context,
  extensionId,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'bob', 'Passw0rd!');
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
  await submitCode(popup, '000000');
  await expect(popup.getByRole('alert')).toBeVisible();
  await captureScreen(popup, 'confirm-totp-code-error');
  const step = await popup.locator('[data-step]').first().getAttribute('data-step');
  // Cognito ends the Session after a wrong MFA code in some pools: either retry or restart.
  if (step === 'SIGN_IN') {
    await submitSignIn(popup, 'bob', 'Passw0rd!');
    await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
  }
  await submitCode(popup, await totpCode('JBSWY3DPEHPK3PXP'));
  await expectSignedIn(popup, 'bob');
});
