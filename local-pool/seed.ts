/**
 * The demo seed of DESIGN.md: two pools, three app clients, and one user per sign-in step.
 * All passwords are `Passw0rd!` except frank's temporary `TempPassw0rd!`. Also `oscar`, a disabled
 * user, so refusals of disabled users can be shown.
 */
import type { PoolConfig, UserConfig } from './config';
import { emailCodeChallenge } from './email-code-challenge';
import { DEMO_IDP, type OAuthClientConfig } from './oauth/client-config';

export const DEMO_PASSWORD = 'Passw0rd!';
export const DEMO_POOL_ID = 'us-east-1_DemoPool0';
export const STRICT_POOL_ID = 'us-east-1_DemoPool1';
export const DEMO_PUBLIC_CLIENT_ID = '3demo0public0client0000000';
export const DEMO_SECRET_CLIENT_ID = '3demo0secret0client0000000';
export const DEMO_CLIENT_SECRET = 'demo-client-secret';
export const STRICT_PUBLIC_CLIENT_ID = '3demo0public0client0000001';
export const BOB_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
export const ERIN_TOTP_SECRET = 'KRSXG5CTMVRXEZLU';

/**
 * The demo public client's hosted UI: Cognito's own login page and the fake DemoIdP, redirecting
 * to any Chromium or Firefox extension (their ids differ per machine) or a local page.
 */
export function demoOAuthSettings(): OAuthClientConfig {
  const urls = [
    'https://*.chromiumapp.org/',
    'https://*.extensions.allizom.org/',
    'http://127.0.0.1:*/callback',
    'http://localhost:*/callback',
  ];
  return {
    callbackUrls: urls,
    logoutUrls: urls,
    scopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
    identityProviders: ['COGNITO', DEMO_IDP],
  };
}

function user(username: string, extra: Partial<UserConfig> = {}): UserConfig {
  return {
    username,
    password: DEMO_PASSWORD,
    ...extra,
    attributes: {
      email: `${username}@example.com`,
      email_verified: 'true',
      ...extra.attributes,
    },
  };
}

export function demoSeed(): PoolConfig {
  return {
    pools: [
      {
        id: DEMO_POOL_ID,
        name: 'demo',
        mfa: 'OPTIONAL',
        mfaTypes: ['SMS', 'TOTP', 'EMAIL'],
        requiredAttributes: ['email', 'name'],
        deviceTracking: 'USER_OPT_IN',
        firstFactors: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'],
        // Any extension's own origin: Chromium lets an extension page run WebAuthn only under
        // chrome-extension://<its id>, and the id differs between builds (docs/passkeys.md).
        webAuthn: { relyingPartyId: 'chrome-extension://*', userVerification: 'required' },
        customAuth: emailCodeChallenge(),
        clients: [
          { id: DEMO_PUBLIC_CLIENT_ID, name: 'demo public', oauth: demoOAuthSettings() },
          { id: DEMO_SECRET_CLIENT_ID, name: 'demo with secret', secret: DEMO_CLIENT_SECRET },
        ],
        users: [
          user('alice', { attributes: { name: 'Alice' } }),
          user('bob', { mfa: { totp: true }, totpSecret: BOB_TOTP_SECRET }),
          user('carol', {
            mfa: { sms: true },
            attributes: { phone_number: '+15555550100', phone_number_verified: 'true' },
          }),
          user('dave', { mfa: { email: true } }),
          user('erin', {
            mfa: { sms: true, totp: true },
            totpSecret: ERIN_TOTP_SECRET,
            attributes: { phone_number: '+15555550102', phone_number_verified: 'true' },
          }),
          user('frank', { password: 'TempPassw0rd!', status: 'FORCE_CHANGE_PASSWORD' }),
          user('grace', { status: 'UNCONFIRMED', attributes: { email_verified: 'false' } }),
          user('heidi', { status: 'RESET_REQUIRED' }),
          user('ivan'),
          user('judy', {
            attributes: { phone_number: '+15555550101', phone_number_verified: 'true' },
          }),
          user('oscar', { enabled: false }),
        ],
      },
      {
        id: STRICT_POOL_ID,
        name: 'strict',
        mfa: 'ON',
        mfaTypes: ['TOTP', 'EMAIL'],
        requiredAttributes: ['email'],
        deviceTracking: 'OFF',
        clients: [{ id: STRICT_PUBLIC_CLIENT_ID, name: 'strict public' }],
        users: [user('mallory')],
      },
    ],
  };
}
