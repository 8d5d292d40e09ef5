/**
 * The hosted-UI settings of an app client (Cognito's "managed login" / OAuth 2.0 settings):
 * callback and sign-out URLs, scopes, identity providers. Off when a client has none.
 */

/** The fake external identity provider the local pool offers (an OIDC/SAML IdP stand-in). */
export const DEMO_IDP = 'DemoIdP';

export interface OAuthClientConfig {
  /**
   * Allowed `redirect_uri`s. Real Cognito compares exactly; the local pool also accepts `*` for
   * one host label or a port (`https://*.chromiumapp.org/`), because an unpacked extension's id
   * differs between machines.
   */
  callbackUrls: string[];
  /** Allowed `logout_uri`s, same matching. */
  logoutUrls: string[];
  /** e.g. openid, email, phone, profile, aws.cognito.signin.user.admin. */
  scopes: string[];
  /** COGNITO (the pool's own login page) and/or DEMO_IDP. */
  identityProviders: string[];
}

function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[A-Za-z0-9-]+');
  return new RegExp(`^${escaped}$`);
}

/** True when `url` is one of the registered URLs (exactly, or by a `*` pattern). */
export function urlAllowed(registered: readonly string[], url: string): boolean {
  return registered.some((entry) =>
    entry.includes('*') ? patternToRegExp(entry).test(url) : entry === url,
  );
}
