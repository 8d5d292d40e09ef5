/**
 * One hosted-UI sign-in: PKCE verifier + state → the browser's sign-in window on
 * /oauth2/authorize → the callback (state checked) → the code exchanged at /oauth2/token.
 * Returns Cognito tokens; storing them is the same code as every other sign-in's.
 */
import type { AuthTokens } from '../cognito/gateway';
import { buildAuthorizeUrl, buildLogoutUrl } from './authorize-url';
import { parseCallback } from './callback';
import { HostedUiErrors } from './errors';
import { createCodeVerifier, createState, s256Challenge, type RandomBytes } from './pkce';
import { endpointsOf, type OAuthSettings } from './settings';
import { exchangeCode, type Fetch } from './token-exchange';
import type { WebAuthFlow } from './web-auth-flow';

export interface HostedUiDeps {
  webAuth: WebAuthFlow | undefined;
  fetch: Fetch;
  random: RandomBytes;
}

export interface HostedClient {
  clientId: string;
  clientSecret?: string | undefined;
  oauth?: OAuthSettings | undefined;
}

export function redirectUriFor(settings: OAuthSettings, webAuth: WebAuthFlow): string {
  return settings.redirectUri ?? webAuth.redirectUrl();
}

export async function hostedSignIn(
  deps: HostedUiDeps,
  client: HostedClient,
  provider: string | undefined,
): Promise<AuthTokens> {
  const settings = client.oauth;
  if (!settings) throw HostedUiErrors.notConfigured();
  if (provider !== undefined && !settings.identityProviders.includes(provider)) {
    throw HostedUiErrors.unknownProvider(provider);
  }
  const webAuth = deps.webAuth;
  if (!webAuth) throw HostedUiErrors.unavailable();
  const redirectUri = redirectUriFor(settings, webAuth);
  const state = createState(deps.random);
  const codeVerifier = createCodeVerifier(deps.random);
  const url = buildAuthorizeUrl({
    settings,
    clientId: client.clientId,
    redirectUri,
    state,
    codeChallenge: await s256Challenge(codeVerifier),
    ...(provider !== undefined && { provider }),
  });
  const callbackUrl = await webAuth.launch(url, true);
  const { code } = parseCallback({ callbackUrl, redirectUri, expectedState: state });
  return exchangeCode({
    fetch: deps.fetch,
    tokenEndpoint: endpointsOf(settings.domain).token,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    code,
    redirectUri,
    codeVerifier,
  });
}

/**
 * Ends the hosted session (the domain's cookie) through the same window machinery, without
 * showing anything: /logout clears the cookie and redirects straight to the redirect URI.
 */
export async function hostedSignOut(deps: HostedUiDeps, client: HostedClient): Promise<void> {
  const settings = client.oauth;
  const webAuth = deps.webAuth;
  if (!settings || !webAuth) return;
  const logoutUri = redirectUriFor(settings, webAuth);
  await webAuth.launch(buildLogoutUrl({ settings, clientId: client.clientId, logoutUri }), false);
}
