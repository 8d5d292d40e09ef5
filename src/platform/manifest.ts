/**
 * The manifest, kept in one pure function so that a unit test can audit exactly what ships.
 * Target sites get no host permission at install: each origin is requested at run time
 * (`optional_host_permissions`). The only install-time hosts are Cognito's regional endpoints
 * and the local pool on loopback.
 */
import { COGNITO_REGIONS } from '../cognito/regions';

export const EXTENSION_PAGES_CSP =
  "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export const GECKO_ID = 'cognito-pass@cognito-pass.dev';

export function cognitoHostPermissions(): string[] {
  return COGNITO_REGIONS.map((region) => `https://cognito-idp.${region}.amazonaws.com/*`);
}

// Only the local pool's default port: every other loopback origin (demo sites, test pages) is a
// target site like any other and needs the person's grant.
export const LOCAL_POOL_HOST_PERMISSIONS = ['http://127.0.0.1:9230/*', 'http://localhost:9230/*'];

export function buildManifest(browser: string) {
  return {
    name: 'Cognito Pass',
    description:
      'Sign in to Amazon Cognito user pools from the toolbar: every MFA step, shared sessions, and a built-in authenticator.',
    // activeTab: the popup reads the current tab's origin for "Share with this site".
    // declarativeNetRequest: the Authorization-header format adds headers for named API origins.
    // cookies: a shared site's session *version* (no token) for the bridge's first-load check;
    // it reaches only the origins the person granted (src/sites/session-version.ts).
    // identity: launchWebAuthFlow, the sign-in window of the hosted UI / federated sign-in.
    // contextMenus: "Fill one-time code" on fields of the autofill origins (no install warning).
    permissions: [
      'storage',
      'alarms',
      'scripting',
      'activeTab',
      'declarativeNetRequest',
      'cookies',
      'identity',
      'contextMenus',
    ],
    host_permissions: [...cognitoHostPermissions(), ...LOCAL_POOL_HOST_PERMISSIONS],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // Declared with nothing in it: no other extension and no web page may connect.
    externally_connectable: { ids: [], matches: [] },
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
    action: { default_title: 'Cognito Pass' },
    // Fills the one-time code of the current site (src/otp/fill-command.ts). Alt+Shift+O is free
    // in Chromium's own table (Alt+Shift takes A, B, I and T; Ctrl+Shift+O is the bookmark
    // manager); on macOS Control+Shift+O, as Alt types characters there.
    commands: {
      // FILL_COMMAND in src/otp/fill-command.ts (manifest.test.ts holds them together).
      'fill-one-time-code': {
        suggested_key: { default: 'Alt+Shift+O', mac: 'MacCtrl+Shift+O' },
        description: 'Fill the one-time code of this site',
      },
    },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: GECKO_ID,
          strict_min_version: '128.0',
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  };
}
