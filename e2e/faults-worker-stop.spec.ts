/**
 * Chrome stops an idle service worker whenever it likes. At every step of the step table (14,
 * DONE included) this stops the real worker through the DevTools protocol (Target.closeTarget),
 * closes the popup, opens a new one — which wakes a new worker with empty memory — and checks it
 * shows the same step, then finishes the sign-in from there. Whatever survives must come from
 * storage.session.
 */
import type { BrowserContext, Page } from '@playwright/test';
import {
  expect,
  expectStep,
  openOptions,
  outboxCode,
  resetPool,
  stopServiceWorker,
} from './fixtures';
import {
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

/** Stops the worker at `step`, reopens the popup, and returns the new popup showing `step`. */
async function stopAt(
  context: BrowserContext,
  extensionId: string,
  popup: Page,
  step: string,
): Promise<Page> {
  await expectStep(popup, step);
  // A mark in the running worker's memory: the worker that answers next must not have it.
  for (const worker of ours(context, extensionId)) {
    await worker.evaluate(() => {
      (globalThis as { beforeStop?: boolean }).beforeStop = true;
    });
  }
  await stopServiceWorker(context, extensionId);
  await popup.close();
  const reopened = await openDemoPopup(context, extensionId);
  await expectStep(reopened, step);
  expect(await liveWorkerMarks(context, extensionId), 'a new worker answered').toEqual([false]);
  return reopened;
}

const ours = (context: BrowserContext, extensionId: string) =>
  context.serviceWorkers().filter((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));

/** For every worker of ours still running, whether it carries the mark from before the stop. */
async function liveWorkerMarks(context: BrowserContext, extensionId: string): Promise<boolean[]> {
  const marks: boolean[] = [];
  for (const worker of ours(context, extensionId)) {
    try {
      marks.push(await worker.evaluate(() => 'beforeStop' in globalThis));
    } catch {
      // A closed worker Playwright has not dropped from its list yet.
    }
  }
  return marks;
}

async function chooseAccount(popup: Page, name: string): Promise<void> {
  await popup.getByLabel('Account').selectOption({ label: name });
  await expect(popup.locator('#account-picker option:checked')).toHaveText(name);
}

test('DONE (alice): still signed in after the worker stops', async ({ context, extensionId }) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'alice', PASSWORD);
  const reopened = await stopAt(context, extensionId, popup, 'DONE');
  await expectSignedIn(reopened, 'alice');
});

test('CONFIRM_SIGN_IN_WITH_SMS_CODE (carol)', async ({ context, extensionId, pool }) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'carol', PASSWORD);
  const reopened = await stopAt(context, extensionId, popup, 'CONFIRM_SIGN_IN_WITH_SMS_CODE');
  await submitCode(reopened, await outboxCode(pool, 'carol'));
  await expectSignedIn(reopened, 'carol');
});

test('CONFIRM_SIGN_IN_WITH_TOTP_CODE (bob)', async ({ context, extensionId }) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'bob', PASSWORD);
  const reopened = await stopAt(context, extensionId, popup, 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
  await submitCode(reopened, await totpCode('JBSWY3DPEHPK3PXP'));
  await expectSignedIn(reopened, 'bob');
});

test('CONFIRM_SIGN_IN_WITH_EMAIL_CODE (dave)', async ({ context, extensionId, pool }) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'dave', PASSWORD);
  const reopened = await stopAt(context, extensionId, popup, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
  await submitCode(reopened, await outboxCode(pool, 'dave'));
  await expectSignedIn(reopened, 'dave');
});

test('CONTINUE_SIGN_IN_WITH_MFA_SELECTION (erin), then TOTP', async ({ context, extensionId }) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'erin', PASSWORD);
  const reopened = await stopAt(context, extensionId, popup, 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION');
  await reopened.getByRole('button', { name: /Authenticator app/ }).click();
  const atCode = await stopAt(context, extensionId, reopened, 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
  await submitCode(atCode, await totpCode('KRSXG5CTMVRXEZLU'));
  await expectSignedIn(atCode, 'erin');
});

test('CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED (frank)', async ({ context, extensionId }) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'frank', 'TempPassw0rd!');
  const reopened = await stopAt(
    context,
    extensionId,
    popup,
    'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED',
  );
  await reopened.getByLabel('New password', { exact: true }).fill('N3wPassw0rd!');
  await reopened.getByLabel('Confirm new password', { exact: true }).fill('N3wPassw0rd!');
  await reopened.getByLabel('Full name').fill('Frank Admin');
  await reopened.getByLabel('Full name').press('Enter');
  await expectSignedIn(reopened, 'frank');
});

test('CONFIRM_SIGN_UP (grace)', async ({ context, extensionId, pool }) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'grace', PASSWORD);
  const reopened = await stopAt(context, extensionId, popup, 'CONFIRM_SIGN_UP');
  await submitCode(reopened, await outboxCode(pool, 'grace'));
  // The ConfirmSignUp Session signs her in: it survived the stop in storage.session.
  await expectSignedIn(reopened, 'grace');
});

test('RESET_PASSWORD (heidi)', async ({ context, extensionId, pool }) => {
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'heidi', PASSWORD);
  const reopened = await stopAt(context, extensionId, popup, 'RESET_PASSWORD');
  await reopened.getByLabel('Code', { exact: true }).fill(await outboxCode(pool, 'heidi'));
  await reopened.getByLabel('New password', { exact: true }).fill('N3wPassw0rd!');
  await reopened.getByLabel('Confirm new password', { exact: true }).fill('N3wPassw0rd!');
  await reopened.getByLabel('Confirm new password', { exact: true }).press('Enter');
  const step = reopened.locator('[data-step]').first();
  await expect(step).toHaveAttribute('data-step', /^(SIGN_IN|DONE)$/);
  if ((await step.getAttribute('data-step')) === 'SIGN_IN') {
    await submitSignIn(reopened, 'heidi', 'N3wPassw0rd!');
  }
  await expectSignedIn(reopened, 'heidi');
});

test('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE (ivan)', async ({ context, extensionId, pool }) => {
  const first = await openDemoPopup(context, extensionId);
  const options = await openOptions(context, extensionId);
  await options.getByRole('button', { name: 'Edit Demo pool', exact: true }).click();
  await options.getByLabel('Sign-in flow').selectOption('CUSTOM_WITH_SRP');
  await options.getByRole('button', { name: 'Save changes' }).click();
  await expect(options.getByText('Saved “Demo pool”.')).toBeVisible();
  await options.close();
  await first.close();
  const popup = await openDemoPopup(context, extensionId);
  await submitSignIn(popup, 'ivan', PASSWORD);
  const reopened = await stopAt(
    context,
    extensionId,
    popup,
    'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
  );
  const answer = reopened.getByLabel('Answer', { exact: true });
  await answer.fill(await outboxCode(pool, 'ivan'));
  await answer.press('Enter');
  await expectSignedIn(reopened, 'ivan');
});

test('CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION, then CONFIRM_SIGN_IN_WITH_PASSWORD (judy)', async ({
  context,
  extensionId,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  await popup.getByLabel('Username or email').fill('judy');
  await popup.getByRole('button', { name: 'Sign in without password' }).click();
  const atFactor = await stopAt(
    context,
    extensionId,
    popup,
    'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
  );
  await atFactor.getByRole('button', { name: /^Password Your password never/ }).click();
  const atPassword = await stopAt(context, extensionId, atFactor, 'CONFIRM_SIGN_IN_WITH_PASSWORD');
  await atPassword.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await atPassword.getByLabel('Password', { exact: true }).press('Enter');
  await expectSignedIn(atPassword, 'judy');
});

test('CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION, then CONTINUE_SIGN_IN_WITH_TOTP_SETUP (mallory)', async ({
  context,
  extensionId,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  await chooseAccount(popup, 'Strict pool');
  await submitSignIn(popup, 'mallory', PASSWORD);
  const atChoice = await stopAt(
    context,
    extensionId,
    popup,
    'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION',
  );
  await atChoice.getByRole('button', { name: /Authenticator app/ }).click();
  await expectStep(atChoice, 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
  const secretShown = async (page: Page) =>
    ((await page.locator('.secret-value').textContent()) ?? '').replace(/\s+/g, '');
  const before = await secretShown(atChoice);
  const atSetup = await stopAt(context, extensionId, atChoice, 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
  // The same secret (and AssociateSoftwareToken Session) after the stop.
  expect(await secretShown(atSetup)).toBe(before);
  await submitCode(atSetup, await totpCode(before), 'Code from the app');
  await expectSignedIn(atSetup, 'mallory');
});

test('CONTINUE_SIGN_IN_WITH_EMAIL_SETUP (mallory), then the emailed code', async ({
  context,
  extensionId,
  pool,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  await chooseAccount(popup, 'Strict pool');
  await submitSignIn(popup, 'mallory', PASSWORD);
  await expectStep(popup, 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION');
  await popup.getByRole('button', { name: /^Email/ }).click();
  const atSetup = await stopAt(context, extensionId, popup, 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP');
  await atSetup.getByLabel('Email address').fill('mallory@example.com');
  await atSetup.getByLabel('Email address').press('Enter');
  const atCode = await stopAt(context, extensionId, atSetup, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
  await submitCode(atCode, await outboxCode(pool, 'mallory'));
  await expectSignedIn(atCode, 'mallory');
});
