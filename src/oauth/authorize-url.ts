/** The /oauth2/authorize and /logout URLs, as Cognito documents their parameters. */
import { COGNITO_PROVIDER } from './providers';
import { endpointsOf, type OAuthSettings } from './settings';

export function buildAuthorizeUrl(input: {
  settings: OAuthSettings;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  /** A provider name from the settings; omitted → Cognito's page lists every provider. */
  provider?: string;
}): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    scope: input.settings.scopes.join(' '),
    state: input.state,
    code_challenge: input.codeChallenge,
    code_challenge_method: 'S256',
  });
  if (input.provider !== undefined) params.set('identity_provider', input.provider);
  return `${endpointsOf(input.settings.domain).authorize}?${params.toString()}`;
}

/** Cognito's sign-out: clears the hosted session cookie, then goes to `logout_uri`. */
export function buildLogoutUrl(input: {
  settings: OAuthSettings;
  clientId: string;
  logoutUri: string;
}): string {
  const params = new URLSearchParams({ client_id: input.clientId, logout_uri: input.logoutUri });
  return `${endpointsOf(input.settings.domain).logout}?${params.toString()}`;
}

/** The provider a button asks for: the one named, or Cognito's page when none is. */
export function providerOrDefault(settings: OAuthSettings, provider: string | undefined): string {
  return provider ?? settings.identityProviders[0] ?? COGNITO_PROVIDER;
}
