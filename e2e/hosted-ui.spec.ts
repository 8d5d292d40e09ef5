/**
 * Hosted UI / federated sign-in in real Chromium: the popup's "Sign in with …" runs
 * identity.launchWebAuthFlow, whose window Playwright sees as a new page of the context; the
 * person fills the local pool's login page there. Tokens are checked against the pool's JWKS,
 * refreshed, and sign-out must end the hosted session (the next sign-in asks for the password).
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { expect, expectStep, openOptions, resetPool, screenshot } from './fixtures';
import { captureScreen, expectSignedIn, openDemoPopup, test } from './popup-support';

const POOL_ID = 'us-east-1_DemoPool0';
const CLIENT_ID = '3demo0public0client0000000';
const ACCOUNT_ID = 'demo-public';

test.beforeEach(async ({ pool }) => {
  await resetPool(pool);
});

/** Clicks a "Sign in with …" button and returns the sign-in window it opened. */
async function openHostedWindow(context: BrowserContext, popup: Page, name: string): Promise<Page> {
  const opened = context.waitForEvent('page');
  await popup.getByRole('button', { name }).click();
  const window = await opened;
  await window.waitForLoadState('domcontentloaded');
  return window;
}

interface StoredTokens {
  idToken: string;
  accessToken: string;
}

/** chrome.storage.session as the worker sees it (e2e has no chrome typings). */
interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  remove(key: string): Promise<void>;
}

async function storedTokens(worker: Worker): Promise<StoredTokens | undefined> {
  return worker.evaluate(async (key) => {
    const area = (globalThis as unknown as { chrome: { storage: { session: SessionArea } } }).chrome
      .storage.session;
    const found = await area.get(key);
    return found[key] as { idToken: string; accessToken: string } | undefined;
  }, `tokens.${ACCOUNT_ID}`);
}

/** The launchWebAuthFlow window ends when it reaches the redirect URL: navigating there is the answer. */
async function answerWith(window: Page, url: string): Promise<void> {
  await window.goto(url).catch(() => undefined);
}

test('signs in through the hosted login page; tokens verify; refresh works; sign-out ends the hosted session', async ({
  context,
  extensionId,
  pool,
  serviceWorker,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  await expectStep(popup, 'SIGN_IN');
  await expect(popup.getByRole('button', { name: 'Sign in with DemoIdP' })).toBeVisible();
  await captureScreen(popup, 'hosted-ui-sign-in');

  const window = await openHostedWindow(context, popup, 'Sign in with Cognito hosted UI');
  const authorize = new URL(window.url());
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${pool.url}/oauth2/authorize`);
  expect(authorize.searchParams.get('redirect_uri')).toBe(
    `https://${extensionId}.chromiumapp.org/`,
  );
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(authorize.searchParams.get('identity_provider')).toBe('COGNITO');
  await window.setViewportSize({ width: 420, height: 560 });
  await screenshot(window, 'hosted-ui-login-page');

  await window.getByLabel('Username').fill('alice');
  await window.getByLabel('Password').fill('wrong-password');
  await window.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(window.getByRole('alert')).toHaveText('Incorrect username or password.');
  await screenshot(window, 'hosted-ui-login-page-error');
  await window.getByLabel('Password').fill('Passw0rd!');
  await window.getByRole('button', { name: 'Sign in', exact: true }).click();

  await expectSignedIn(popup, 'alice');
  await captureScreen(popup, 'hosted-ui-done');

  const jwks = createRemoteJWKSet(new URL(`${pool.url}/${POOL_ID}/.well-known/jwks.json`));
  const issuer = `${pool.url}/${POOL_ID}`;
  const first = await storedTokens(serviceWorker);
  if (!first) throw new Error('no tokens stored after the hosted sign-in');
  const id = await jwtVerify(first.idToken, jwks, { issuer, audience: CLIENT_ID });
  expect(id.payload['cognito:username']).toBe('alice');
  const access = await jwtVerify(first.accessToken, jwks, { issuer });
  expect(access.payload.scope).toBe('openid email profile aws.cognito.signin.user.admin');

  // Refresh: drop the session tokens as a browser restart does; the popup's next state comes from
  // the stored (sealed) refresh token the hosted UI issued.
  await serviceWorker.evaluate(async (key) => {
    const area = (globalThis as unknown as { chrome: { storage: { session: SessionArea } } }).chrome
      .storage.session;
    await area.remove(key);
  }, `tokens.${ACCOUNT_ID}`);
  await popup.reload();
  await expectSignedIn(popup, 'alice');
  const refreshed = await storedTokens(serviceWorker);
  if (!refreshed) throw new Error('no tokens after the refresh');
  expect(refreshed.accessToken).not.toBe(first.accessToken);
  await jwtVerify(refreshed.accessToken, jwks, { issuer });
  expect(decodeJwt(refreshed.accessToken).origin_jti).toBe(access.payload.origin_jti);

  // The sign-in window used the profile's cookie jar: the pool's hosted session is there, and
  // while it lives the pool would skip the login page. Sign-out must end it (/logout).
  const hostedCookie = `local-hosted-ui-${POOL_ID}`;
  const cookieNames = async () => (await context.cookies(pool.url)).map((cookie) => cookie.name);
  expect(await cookieNames()).toContain(hostedCookie);
  await popup.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expectStep(popup, 'SIGN_IN');
  expect(await storedTokens(serviceWorker)).toBeUndefined();
  await expect.poll(cookieNames).not.toContain(hostedCookie);
  const again = await openHostedWindow(context, popup, 'Sign in with Cognito hosted UI');
  await expect(again.getByLabel('Password')).toBeVisible();

  // Closing the window is an answer too.
  await again.close();
  await expect(popup.getByRole('alert')).toContainText(
    'The sign-in window was closed before the sign-in finished.',
  );
  await expectStep(popup, 'SIGN_IN');
  await captureScreen(popup, 'hosted-ui-window-closed');
});

test('DemoIdP signs in a federated user', async ({ context, extensionId }) => {
  const popup = await openDemoPopup(context, extensionId);
  const window = await openHostedWindow(context, popup, 'Sign in with DemoIdP');
  await expect(window.getByRole('heading', { name: 'DemoIdP' })).toBeVisible();
  await window.setViewportSize({ width: 420, height: 400 });
  await screenshot(window, 'hosted-ui-demoidp');
  await window.getByRole('button', { name: /Continue as Pat/ }).click();
  await expectSignedIn(popup, 'DemoIdP_pat');
});

test('cancel on the login page is access_denied', async ({ context, extensionId }) => {
  const popup = await openDemoPopup(context, extensionId);
  const window = await openHostedWindow(context, popup, 'Sign in with Cognito hosted UI');
  await window.getByRole('button', { name: 'Cancel' }).click();
  await expect(popup.getByRole('alert')).toContainText(
    'The sign-in was cancelled or refused on the sign-in page.',
  );
  await expectStep(popup, 'SIGN_IN');
  await captureScreen(popup, 'hosted-ui-access-denied');
});

test('an answer with another state is refused; a forged code is refused by the pool', async ({
  context,
  extensionId,
}) => {
  const popup = await openDemoPopup(context, extensionId);
  const redirect = `https://${extensionId}.chromiumapp.org/`;

  const first = await openHostedWindow(context, popup, 'Sign in with Cognito hosted UI');
  await answerWith(first, `${redirect}?code=stolen-code&state=forged-state`);
  await expect(popup.getByRole('alert')).toContainText('state mismatch');
  await captureScreen(popup, 'hosted-ui-state-mismatch');

  const second = await openHostedWindow(context, popup, 'Sign in with Cognito hosted UI');
  const state = new URL(second.url()).searchParams.get('state') ?? '';
  await answerWith(second, `${redirect}?code=forged-code&state=${encodeURIComponent(state)}`);
  await expect(popup.getByRole('alert')).toContainText('The user pool refused the sign-in code');
  await expectStep(popup, 'SIGN_IN');
});

test('the options page shows and edits the hosted UI settings', async ({
  context,
  extensionId,
}) => {
  await openDemoPopup(context, extensionId);
  const options = await openOptions(context, extensionId);
  await options.getByRole('button', { name: 'Edit Demo pool', exact: true }).click();
  await expect(options.getByLabel('Cognito domain')).toHaveValue('http://127.0.0.1:9230');
  await expect(options.getByLabel('Identity providers')).toHaveValue('COGNITO, DemoIdP');
  await expect(
    options.getByText(`allow https://${extensionId}.chromiumapp.org/ as a callback`),
  ).toBeVisible();
  await options.getByLabel('Identity providers').fill('DemoIdP');
  await options.getByRole('button', { name: 'Save changes' }).click();
  await expect(options.getByRole('status')).toHaveText('Saved “Demo pool”.');
  await options.getByRole('button', { name: 'Edit Demo pool', exact: true }).click();
  await options.getByLabel('Scopes').fill('email');
  await options.getByRole('button', { name: 'Save changes' }).click();
  await expect(
    options.getByText('List the scopes separated by spaces; openid is required.'),
  ).toBeVisible();
  await screenshot(options, 'hosted-ui-options');

  const popup = await openDemoPopup(context, extensionId);
  await expect(popup.getByRole('button', { name: 'Sign in with DemoIdP' })).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Sign in with Cognito hosted UI' })).toHaveCount(
    0,
  );
});
