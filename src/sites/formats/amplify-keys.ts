/**
 * The storage keys aws-amplify v6 reads for a Cognito user-pool session (DefaultTokenStore,
 * `createKeysForAuthStorage`): `CognitoIdentityServiceProvider.<clientId>.LastAuthUser` selects
 * the user, whose tokens live under `CognitoIdentityServiceProvider.<clientId>.<username>.<name>`.
 * amazon-cognito-identity-js uses the same layout.
 */
import type { SiteTokens } from '../session-source';

export const AMPLIFY_KEY_PREFIX = 'CognitoIdentityServiceProvider';

/** The per-user entries a session consists of (device keys are not the site's business). */
export const SESSION_KEY_NAMES = [
  'accessToken',
  'idToken',
  'refreshToken',
  'clockDrift',
  'signInDetails',
] as const;

export function clientPrefix(clientId: string): string {
  return `${AMPLIFY_KEY_PREFIX}.${clientId}.`;
}

export function lastAuthUserKey(clientId: string): string {
  return `${clientPrefix(clientId)}LastAuthUser`;
}

export function userKey(clientId: string, username: string, name: string): string {
  return `${clientPrefix(clientId)}${username}.${name}`;
}

/** Suffixes that identify session entries of any user of the client (for removals). */
export const SESSION_KEY_SUFFIXES = [
  '.LastAuthUser',
  ...SESSION_KEY_NAMES.map((name) => `.${name}`),
];

/**
 * Amplify v6's convention: milliseconds, `iat·1000 − local now` at the moment the tokens arrived
 * (positive when the local clock is behind the server's). 0 when the token has no `iat`.
 */
export function amplifyClockDrift(tokens: SiteTokens): number {
  if (tokens.accessTokenIat <= 0) return 0;
  return Math.round(tokens.accessTokenIat * 1000 - tokens.receivedAt);
}

/**
 * The entries, in Amplify's own write order (LastAuthUser first, clockDrift last). Both tokens are
 * always written: v6 requires accessToken, amazon-cognito-identity-js requires idToken.
 */
export function amplifySessionEntries(
  clientId: string,
  tokens: SiteTokens,
  shareRefreshToken: boolean,
): Array<[key: string, value: string]> {
  const key = (name: string) => userKey(clientId, tokens.username, name);
  const entries: Array<[string, string]> = [
    [lastAuthUserKey(clientId), tokens.username],
    [key('accessToken'), tokens.accessToken],
    [key('idToken'), tokens.idToken],
  ];
  if (shareRefreshToken && tokens.refreshToken !== undefined) {
    entries.push([key('refreshToken'), tokens.refreshToken]);
  }
  if (tokens.signInDetails !== undefined) {
    entries.push([key('signInDetails'), JSON.stringify(tokens.signInDetails)]);
  }
  entries.push([key('clockDrift'), String(amplifyClockDrift(tokens))]);
  return entries;
}
