/**
 * The demo site on its own (no extension): real Chromium, real tokens from the local pool, the
 * keys written by src/sites' formats before the page's scripts run — exactly what the bridge does
 * at document_start. Proves the formats and the demo app against aws-amplify v6 in a browser.
 */
import { chromium, type Browser } from '@playwright/test';
import { applyToCookies } from '../src/sites/apply-changes';
import { amplifyCookieChanges } from '../src/sites/formats/amplify-cookies';
import { amplifyLocalStorageChanges } from '../src/sites/formats/amplify-local-storage';
import type { SiteTokens } from '../src/sites/session-source';
import { DEMO_CLIENT_ID } from './demo-site/app-config';
import { serveEcho, type EchoServer } from './demo-site/echo';
import { serveDemoSite, type DemoSite } from './demo-site/serve';
import { startLocalPool } from '../local-pool/server';
import { CHROMIUM_PATH, DEMO_POOL_PORT, expect, test } from './fixtures';

function iatOf(jwt: string): number {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as {
    iat: number;
  };
  return payload.iat;
}

async function signIn(poolUrl: string, username: string): Promise<SiteTokens> {
  const response = await fetch(poolUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    },
    body: JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: DEMO_CLIENT_ID,
      AuthParameters: { USERNAME: username, PASSWORD: 'Passw0rd!' },
    }),
  });
  const body = (await response.json()) as {
    AuthenticationResult?: { AccessToken: string; IdToken: string; RefreshToken: string };
    ChallengeName?: string;
    __type?: string;
  };
  const result = body.AuthenticationResult;
  if (!result) {
    throw new Error(
      `${username} got no tokens: ${body.__type ?? body.ChallengeName ?? 'no answer'}`,
    );
  }
  return {
    username,
    accessToken: result.AccessToken,
    idToken: result.IdToken,
    refreshToken: result.RefreshToken,
    accessTokenIat: iatOf(result.AccessToken),
    idTokenIat: iatOf(result.IdToken),
    receivedAt: Date.now(),
    signInDetails: { loginId: username, authFlowType: 'USER_PASSWORD_AUTH' },
  };
}

let browser: Browser;
let site: DemoSite;
let echo: EchoServer;
let pool: { url: string; close(): Promise<void> };

test.beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox'],
  });
  site = await serveDemoSite();
  echo = await serveEcho();
  // The demo app is configured for the pool's default port. Another suite may already run a
  // pool there (same demo seed): then use it rather than fail.
  try {
    pool = await startLocalPool({ port: DEMO_POOL_PORT, quiet: true });
  } catch {
    pool = { url: `http://127.0.0.1:${String(DEMO_POOL_PORT)}`, close: () => Promise.resolve() };
  }
  // A shared pool carries what earlier suites did (clock moved, users changed): start from the seed.
  await fetch(`${pool.url}/_local/reset`, { method: 'POST' });
});
test.afterAll(async () => {
  await browser.close();
  await site.close();
  await echo.close();
  await pool.close();
});

test('the Amplify localStorage keys, written before the page scripts, sign the demo app in', async () => {
  const tokens = await signIn(pool.url, 'alice');
  const changes = amplifyLocalStorageChanges(
    { clientId: DEMO_CLIENT_ID, tokens },
    { shareRefreshToken: false },
  );
  const page = await browser.newPage();
  await page.addInitScript(
    (writes) => {
      for (const write of writes) localStorage.setItem(write.key, write.value);
    },
    changes.writes.flatMap((write) => (write.area === 'localStorage' ? [write] : [])),
  );
  await page.goto(site.url);
  await expect(page.locator('#initial-last-auth-user')).toHaveText('alice');
  await expect(page.locator('#who')).toHaveText('Signed in as alice');
  await expect(page.locator('#getuser')).toHaveText('alice <alice@example.com>');
  await expect(page.locator('#access-token-tail')).toHaveText(tokens.accessToken.slice(-16));
  await page.close();
});

test('the Amplify cookies sign the SSR-configured app in and reach the echo server', async () => {
  const tokens = await signIn(pool.url, 'alice');
  const lines: string[] = [];
  applyToCookies(
    {
      get cookie() {
        return '';
      },
      set cookie(line: string) {
        lines.push(line);
      },
    },
    amplifyCookieChanges(
      { clientId: DEMO_CLIENT_ID, tokens },
      { origin: site.url, shareRefreshToken: false },
    ),
  );
  const page = await browser.newPage();
  await page.addInitScript((cookieLines) => {
    for (const line of cookieLines) document.cookie = line;
  }, lines);
  await page.goto(`${site.url}/?storage=cookies&echo=${encodeURIComponent(echo.url)}`);
  await expect(page.locator('#initial-last-auth-user')).toHaveText('present');
  await expect(page.locator('#who')).toHaveText('Signed in as alice');
  await expect(page.locator('#getuser')).toHaveText('alice <alice@example.com>');
  await expect(page.locator('#echo')).toContainText('LastAuthUser');
  const seen = echo.received.at(-1);
  expect(seen?.cookies[`CognitoIdentityServiceProvider.${DEMO_CLIENT_ID}.alice.accessToken`]).toBe(
    tokens.accessToken,
  );
  await page.close();
});

test('the demo app shows "Not signed in." without a session', async () => {
  const page = await browser.newPage();
  await page.goto(site.url);
  await expect(page.locator('body')).toHaveAttribute('data-rendered', '1');
  await expect(page.locator('#who')).toHaveText('Not signed in.');
  await expect(page.locator('#initial-last-auth-user')).toHaveText('absent');
  await page.close();
});
