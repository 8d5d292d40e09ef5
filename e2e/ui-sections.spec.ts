/**
 * Screens of the sites and authenticator sections in the built extension, in both themes with
 * axe checks: the popup's "Shared with sites" under DONE, the popup's authenticator view, and the
 * options page's Sites and Authenticator sections. Whatever the background answers (its state,
 * or an error when a request is unknown to it) must render cleanly; the test says which it saw.
 */
import type { Page } from '@playwright/test';
import { expect, openOptions, resetPool } from './fixtures';
import { captureScreen, expectSignedIn, openDemoPopup, submitSignIn, test } from './popup-support';

/** The section rendered either its content or one error alert; returns the error code if any. */
async function sectionOutcome(page: Page, ready: string): Promise<string | null> {
  const alert = page.getByRole('alert');
  await expect(page.getByText(ready).or(alert).first()).toBeVisible();
  return (await alert.count()) > 0 ? await alert.first().getAttribute('data-code') : null;
}

test('popup: shared sites under DONE and the authenticator view', async ({
  context,
  extensionId,
  pool,
}) => {
  await resetPool(pool);
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'alice', 'Passw0rd!');
  await expectSignedIn(popup, 'alice');
  await expect(popup.getByRole('heading', { name: 'Shared with sites' })).toBeVisible();
  const sitesError = await sectionOutcome(popup, 'This session is not shared with any site.');
  test.info().annotations.push({ type: 'popup sites', description: sitesError ?? 'listed' });
  await captureScreen(popup, 'ui-popup-done-sites');

  // Keyboard: the header's Authenticator button is reachable and switches the view.
  const tab = popup.getByRole('button', { name: 'Authenticator', exact: true });
  await tab.focus();
  await popup.keyboard.press('Enter');
  await expect(popup.locator('[data-step]').first()).toHaveAttribute('data-step', 'AUTHENTICATOR');
  await expect(tab).toHaveAttribute('aria-pressed', 'true');
  const otpError = await sectionOutcome(popup, 'No codes yet.');
  test.info().annotations.push({ type: 'popup authenticator', description: otpError ?? 'listed' });
  await captureScreen(popup, 'ui-popup-authenticator');
  if (otpError !== null) return;

  // Add an entry from the options page: the open popup picks it up on its next poll.
  const options = await openOptions(context, extensionId);
  const uriForm = options.getByRole('form', { name: 'Add from an otpauth link' });
  await uriForm
    .getByLabel('otpauth:// link')
    .fill('otpauth://totp/Demo:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Demo');
  await uriForm.getByRole('button', { name: 'Add' }).click();
  await expect(options.getByText('Added.')).toBeVisible();
  await options.close();
  await popup.bringToFront();
  const entry = popup.locator('.otp-entry').first();
  await expect(entry).toContainText('alice@example.com');
  await expect(entry.locator('.otp-code')).toHaveText(/^\d{3} \d{3}$/);
  await expect(entry.getByRole('img', { name: /seconds? left/ })).toBeVisible();
  await captureScreen(popup, 'ui-popup-authenticator-entries');
});

test('options: Sites and Authenticator sections', async ({ context, extensionId }) => {
  const options = await openOptions(context, extensionId);
  await options.setViewportSize({ width: 900, height: 900 });
  await expect(options.getByRole('heading', { name: 'Sites', exact: true })).toBeVisible();
  await expect(options.getByRole('heading', { name: 'Authenticator', exact: true })).toBeVisible();
  // The account list comes from the sign-in protocol; wait for it so the pickers are filled.
  await expect(options.getByRole('button', { name: /^Edit / }).first()).toBeVisible();
  const sites = options.locator('[data-section="sites"]');
  const sitesError = await sectionOutcome(options, 'No site yet.');
  test.info().annotations.push({ type: 'options sites', description: sitesError ?? 'listed' });
  await captureScreen(options, 'ui-options-sections');

  await sites.getByRole('button', { name: 'Add a site' }).click();
  await sites.getByLabel('Site origin').fill('https://app.example.com/login');
  await sites.getByLabel('Format').selectOption('authorization-header');
  await sites.getByRole('button', { name: 'Share with this site' }).click();
  await expect(sites.getByText(/without a path/)).toBeVisible();
  await captureScreen(options, 'ui-options-site-form');
});
