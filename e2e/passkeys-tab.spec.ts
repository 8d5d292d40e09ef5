/**
 * Passkeys for a pool whose relying-party ID is a web domain (`localhost` here, as a real pool's
 * would be its own domain): an extension page cannot serve it, so the background runs the
 * ceremony in a tab of the shared site (docs/passkeys.md, "Which setups work"). The demo build
 * and the real toolbar popup (over DevTools), a copy of the build that already holds the grant
 * for the site's origin (granted-browser.ts), the local pool's demo seed with the demo pool's
 * RP ID set to `localhost`, and the DevTools virtual authenticator on the site's tab.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import fs from 'node:fs';
import { DEMO_POOL_ID, demoSeed } from '../local-pool/seed';
import type { LocalPool } from '../local-pool/server';
import { serveDemoSite, type DemoSite } from './demo-site/serve';
import { expect, expectStep, test } from './fixtures';
import { launchGrantedBrowser, openToolbarPopup } from './granted-browser';
import { captureScreen, expectSignedIn, submitSignIn } from './popup-support';
import {
  addVirtualAuthenticator,
  storedCredentials,
  type VirtualAuthenticator,
} from './virtual-authenticator';

const PASSWORD = 'Passw0rd!';

let pool: LocalPool;
/** Shared with alice's session and granted: where the ceremonies must run. */
let site: DemoSite;
/** Another origin on the same host (the RP ID covers its host too), neither shared nor granted. */
let otherSite: DemoSite;
let context: BrowserContext;
let debuggingUrl: string;
const devtools: Browser[] = [];
const dirs: string[] = [];

let siteTab: Page;
let otherTab: Page;

/** Extension worlds created in a tab (an injected script makes one), seen over DevTools. */
async function watchExtensionWorlds(page: Page): Promise<string[]> {
  const worlds: string[] = [];
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Runtime.executionContextCreated', (event) => {
    if (event.context.origin.startsWith('chrome-extension://')) worlds.push(event.context.name);
  });
  await cdp.send('Runtime.enable');
  return worlds;
}

let siteAuthenticator: VirtualAuthenticator;
let otherAuthenticator: VirtualAuthenticator;
let otherTabWorlds: string[];

/**
 * The real toolbar popup over `tab`. A DevTools client that connects while the previous popup's
 * target is still going away fails with "Target page, context or browser has been closed" (seen
 * about once in four runs right after the site's tab took the focus): try again.
 */
async function toolbarPopup(tab: Page): Promise<Page> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await openToolbarPopup(tab, debuggingUrl, devtools);
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** The popup over a tab, once the demo accounts are seeded (they may land after the first one). */
async function popupOver(tab: Page): Promise<Page> {
  let popup = await toolbarPopup(tab);
  for (let attempt = 0; attempt < 20; attempt++) {
    const step = await popup.locator('[data-step]').first().getAttribute('data-step');
    if (step !== 'NO_ACCOUNT' && step !== 'LOADING') return popup;
    await popup.close();
    await new Promise((resolve) => setTimeout(resolve, 250));
    popup = await toolbarPopup(tab);
  }
  return popup;
}

/**
 * Bringing the site's tab to the front closes a real toolbar popup; close it if it is still up.
 * The popup's DevTools connection stays open until the end: closing one made Chromium drop the
 * virtual authenticator environment of the site's tab ("has not been enabled for this session").
 */
async function closeIfOpen(popup: Page): Promise<void> {
  if (!popup.isClosed()) await popup.close().catch(() => undefined);
}

async function startPasskeySignIn(popup: Page, username: string): Promise<void> {
  await expectStep(popup, 'SIGN_IN');
  await popup.getByLabel('Username or email').fill(username);
  await popup.getByRole('button', { name: 'Sign in with a passkey' }).click();
}

test.beforeAll(async ({ pool: shared }) => {
  const config = demoSeed();
  for (const each of config.pools) {
    // What a real Cognito pool has: a web domain as the relying party.
    if (each.id === DEMO_POOL_ID)
      each.webAuthn = { relyingPartyId: 'localhost', userVerification: 'required' };
  }
  // The worker's pool on the demo build's port, shared with the other specs: started over with
  // this seed, and given the demo seed back after (a second pool could not have the port).
  pool = shared;
  await pool.useConfig(config);
  site = await serveDemoSite(0, 'localhost');
  otherSite = await serveDemoSite(0, 'localhost');
  ({ context, debuggingUrl } = await launchGrantedBrowser(site.url, dirs));
});

test.afterAll(async () => {
  for (const connection of devtools.splice(0)) await connection.close();
  await context.close();
  await site.close();
  await otherSite.close();
  await pool.useConfig(demoSeed());
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

// Serial: one browser and one shared site tab; DevTools connections are slow on a loaded machine.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

test('alice shares her session with the site, then adds a passkey from the popup: it is made in the site’s tab', async () => {
  siteTab = context.pages()[0] ?? (await context.newPage());
  await siteTab.goto(site.url);
  siteAuthenticator = await addVirtualAuthenticator(siteTab);

  let popup = await popupOver(siteTab);
  await submitSignIn(popup, 'alice', PASSWORD);
  await expectSignedIn(popup, 'alice');
  await popup.getByRole('button', { name: `Share with this site (${site.url})` }).click();
  await expect(popup.getByRole('status')).toHaveText(`Shared with ${site.url}.`);
  await expect(siteTab.locator('#who')).toHaveText('Signed in as alice');
  await closeIfOpen(popup);

  // The person is on another page of the same host (covered by the RP ID, but not shared).
  otherTab = await context.newPage();
  otherTabWorlds = await watchExtensionWorlds(otherTab);
  await otherTab.goto(otherSite.url);
  otherAuthenticator = await addVirtualAuthenticator(otherTab);

  popup = await popupOver(otherTab);
  await expectSignedIn(popup, 'alice');
  const panel = popup.locator('.popup-passkeys');
  await expect(panel.getByText('No passkey yet')).toBeVisible();
  await panel.getByRole('button', { name: 'Add a passkey' }).click();

  await expect.poll(async () => (await storedCredentials(siteAuthenticator)).length).toBe(1);
  const [stored] = await storedCredentials(siteAuthenticator);
  // Bound to the site's domain, as a passkey made on the site itself would be.
  expect(stored?.rpId).toBe('localhost');
  expect(stored?.isResidentCredential).toBe(true);
  expect(await storedCredentials(otherAuthenticator)).toHaveLength(0);
  // The site's tab was brought to the front for the ceremony.
  await expect.poll(() => siteTab.evaluate(() => document.visibilityState)).toBe('visible');
  await closeIfOpen(popup);

  popup = await popupOver(siteTab);
  const listed = popup.locator('.popup-passkeys [data-passkey]');
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText('for localhost');
  await captureScreen(popup, 'passkeys-tab-registered');
  await closeIfOpen(popup);
});

test('alice signs out and signs in with the passkey: the assertion is made in the site’s tab', async () => {
  let popup = await popupOver(otherTab);
  await popup.getByRole('button', { name: 'Sign out', exact: true }).click();
  const before = (await storedCredentials(siteAuthenticator))[0]?.signCount ?? Number.NaN;
  await startPasskeySignIn(popup, 'alice');

  await expect
    .poll(async () => (await storedCredentials(siteAuthenticator))[0]?.signCount)
    .toBe(before + 1);
  await closeIfOpen(popup);
  popup = await popupOver(siteTab);
  await expectSignedIn(popup, 'alice');
  await expect(siteTab.locator('#who')).toHaveText('Signed in as alice');
  await captureScreen(popup, 'passkeys-tab-signed-in');
  await closeIfOpen(popup);
});

test('a popup reopened while the passkey waits in the tab says so, and "Use another way" falls back', async () => {
  let popup = await popupOver(siteTab);
  await popup.getByRole('button', { name: 'Sign out', exact: true }).click();
  // The person has not touched the authenticator yet: the browser's prompt waits in the tab.
  await siteAuthenticator.cdp.send('WebAuthn.setAutomaticPresenceSimulation', {
    authenticatorId: siteAuthenticator.authenticatorId,
    enabled: false,
  });
  const siteTabWorlds = await watchExtensionWorlds(siteTab);
  await startPasskeySignIn(popup, 'alice');
  // The background focuses the tab before it injects the ceremony, and focusing closes the
  // popup: reopening before the injection raced that close (the new popup closed under the
  // test, or `openPopup` found the old one still closing and opened nothing).
  await expect.poll(() => siteTabWorlds.length).toBeGreaterThan(0);
  await closeIfOpen(popup);

  popup = await popupOver(siteTab);
  await expectStep(popup, 'CONFIRM_SIGN_IN_WITH_WEB_AUTHN');
  const status = popup.locator('[data-passkey-state="tab"]');
  await expect(status).toContainText(`Waiting for the passkey in the tab of ${site.url}`);
  await captureScreen(popup, 'passkeys-tab-waiting');
  await popup.getByRole('button', { name: 'Use another way' }).click();
  await expectStep(popup, 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION');
  await expect(popup.locator('.alert')).toHaveAttribute('data-code', 'PasskeyCancelled');
  await siteAuthenticator.cdp.send('WebAuthn.setAutomaticPresenceSimulation', {
    authenticatorId: siteAuthenticator.authenticatorId,
    enabled: true,
  });

  // Another factor still works.
  await popup.getByRole('button', { name: /^Password Your password never leaves/ }).click();
  await popup.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await popup.getByLabel('Password', { exact: true }).press('Enter');
  await expectSignedIn(popup, 'alice');
  await closeIfOpen(popup);
});

test('with no tab of the site open, the popup says which site to open and falls back', async () => {
  await siteTab.close();
  const popup = await popupOver(otherTab);
  await popup.getByRole('button', { name: 'Sign out', exact: true }).click();
  await startPasskeySignIn(popup, 'alice');
  await expectStep(popup, 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION');
  const alert = popup.locator('.alert');
  await expect(alert).toHaveAttribute('data-code', 'PasskeyWrongPlace');
  await expect(alert).toContainText(
    'Open localhost in a tab where Cognito Pass shares the session, then try again.',
  );
  await captureScreen(popup, 'passkeys-tab-no-tab');
  await closeIfOpen(popup);

  // The other origin never got a script of the extension, hence never the options.
  expect(otherTabWorlds).toEqual([]);
  expect(await storedCredentials(otherAuthenticator)).toHaveLength(0);
});
