/**
 * Passkeys end to end: the popup (an extension page) runs the WebAuthn ceremonies against the
 * DevTools protocol's virtual authenticator, the background calls the local pool, and the pool
 * verifies the attestation and the assertion for real. The demo pool's relying party is
 * `chrome-extension://*` (docs/passkeys.md), so the passkey is bound to this extension's origin.
 */
import type { Page } from '@playwright/test';
import { expect, expectStep, resetPool } from './fixtures';
import { captureScreen, expectSignedIn, openDemoPopup, submitSignIn, test } from './popup-support';
import { addVirtualAuthenticator, storedCredentials } from './virtual-authenticator';

const PASSWORD = 'Passw0rd!';

test.beforeEach(async ({ pool }) => {
  await resetPool(pool);
});

async function registerPasskey(popup: Page, extensionId: string): Promise<void> {
  const panel = popup.locator('.popup-passkeys');
  await expect(panel.getByText('No passkey yet')).toBeVisible();
  await panel.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(panel.getByRole('status')).toHaveText('Passkey added. Next time, sign in with it.');
  await expect(panel.locator('[data-passkey]')).toHaveCount(1);
  await expect(panel.locator('[data-passkey]')).toContainText(
    `for chrome-extension://${extensionId}`,
  );
}

async function signOut(popup: Page): Promise<void> {
  await popup.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expectStep(popup, 'SIGN_IN');
}

async function startPasskeySignIn(popup: Page, username: string): Promise<void> {
  await expectStep(popup, 'SIGN_IN');
  await popup.getByLabel('Username or email').fill(username);
  await popup.getByRole('button', { name: 'Sign in with a passkey' }).click();
}

test('alice registers a passkey, signs out, signs in with it, and deletes it', async ({
  context,
  extensionId,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  const authenticator = await addVirtualAuthenticator(popup);
  await submitSignIn(popup, 'alice', PASSWORD);
  await expectSignedIn(popup, 'alice');

  await registerPasskey(popup, extensionId);
  const [stored] = await storedCredentials(authenticator);
  expect(stored?.isResidentCredential).toBe(true);
  // Chromium binds an extension page's passkey to its own origin.
  expect(stored?.rpId).toBe(`chrome-extension://${extensionId}`);
  const countAfterRegistration = stored?.signCount ?? Number.NaN;
  await captureScreen(popup, 'passkeys-registered');

  await signOut(popup);
  await startPasskeySignIn(popup, 'alice');
  await expectSignedIn(popup, 'alice');
  // The assertion was really made (and counted) by the authenticator.
  expect((await storedCredentials(authenticator))[0]?.signCount).toBe(countAfterRegistration + 1);
  await captureScreen(popup, 'passkeys-signed-in-with-passkey');

  const panel = popup.locator('.popup-passkeys');
  await expect(panel.locator('[data-passkey]')).toHaveCount(1);
  await panel.getByRole('button', { name: /^Delete passkey / }).click();
  await expect(panel.getByText('No passkey yet')).toBeVisible();
  await expect(panel.getByRole('status')).toContainText('Deleted');
  await captureScreen(popup, 'passkeys-deleted');

  // Without a passkey, asking for one lands on the other first factors (no passkey offered).
  await signOut(popup);
  await startPasskeySignIn(popup, 'alice');
  await expectStep(popup, 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION');
  await expect(popup.getByRole('button', { name: /Passkey/ })).toHaveCount(0);
});

test('a cancelled passkey ceremony falls back to the first-factor selection', async ({
  context,
  extensionId,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  const authenticator = await addVirtualAuthenticator(popup);
  await submitSignIn(popup, 'alice', PASSWORD);
  await expectSignedIn(popup, 'alice');
  await registerPasskey(popup, extensionId);
  await signOut(popup);

  // The person does not pass user verification: the browser answers NotAllowedError.
  await authenticator.cdp.send('WebAuthn.setUserVerified', {
    authenticatorId: authenticator.authenticatorId,
    isUserVerified: false,
  });
  await startPasskeySignIn(popup, 'alice');
  await expectStep(popup, 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION');
  await expect(popup.locator('.alert')).toHaveAttribute('data-code', 'PasskeyCancelled');
  await expect(popup.locator('.alert')).toContainText('cancelled or timed out');
  await captureScreen(popup, 'passkeys-cancelled-fallback');

  // The passkey is still offered (to try again) and another factor works.
  await expect(popup.getByRole('button', { name: /Passkey/ })).toHaveCount(1);
  await popup.getByRole('button', { name: /^Password Your password never leaves/ }).click();
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_PASSWORD');
  await popup.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await popup.getByLabel('Password', { exact: true }).press('Enter');
  await expectSignedIn(popup, 'alice');
});

test('with the authenticator gone, "Use another way" leaves the waiting passkey step', async ({
  context,
  extensionId,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  const authenticator = await addVirtualAuthenticator(popup);
  await submitSignIn(popup, 'alice', PASSWORD);
  await expectSignedIn(popup, 'alice');
  await registerPasskey(popup, extensionId);
  await signOut(popup);

  // No authenticator: the browser waits for one, as it would for an absent security key.
  await authenticator.cdp.send('WebAuthn.removeVirtualAuthenticator', {
    authenticatorId: authenticator.authenticatorId,
  });
  await startPasskeySignIn(popup, 'alice');
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_WEB_AUTHN');
  await expect(popup.locator('[data-passkey-state="waiting"]')).toBeVisible();
  await captureScreen(popup, 'passkeys-waiting');
  await popup.getByRole('button', { name: 'Use another way' }).click();
  await expectStep(popup, 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION');
  await expect(popup.locator('.alert')).toHaveAttribute('data-code', 'PasskeyCancelled');
});
