/** The hosted-UI sign-in's errors: a code, what happened in plain words, and what to do next. */
import { AuthError } from '../cognito/auth-error';

export const HostedUiErrors = {
  notConfigured: () =>
    new AuthError(
      'HostedUiNotConfigured',
      'This account has no hosted UI settings.',
      'Add the Cognito domain, scopes and providers in the account settings (Options).',
    ),
  unknownProvider: (provider: string) =>
    new AuthError(
      'HostedUiUnknownProvider',
      `The provider ${provider} is not in this account's hosted UI settings.`,
      'Add it to the account settings, or choose another provider.',
    ),
  unavailable: () =>
    new AuthError(
      'HostedUiUnavailable',
      'This browser cannot open a sign-in window for extensions.',
      'Sign in with username and password instead.',
    ),
  windowClosed: () =>
    new AuthError(
      'HostedUiWindowClosed',
      'The sign-in window was closed before the sign-in finished.',
      'Choose “Sign in with …” again when you are ready.',
    ),
  pageUnavailable: (detail: string) =>
    new AuthError(
      'HostedUiPageUnavailable',
      `The sign-in page could not be loaded (${detail}).`,
      'Check the Cognito domain in the account settings and your connection, then try again.',
    ),
  accessDenied: () =>
    new AuthError(
      'HostedUiAccessDenied',
      'The sign-in was cancelled or refused on the sign-in page.',
      'Try again, or sign in another way.',
    ),
  stateMismatch: () =>
    new AuthError(
      'HostedUiStateMismatch',
      'The answer from the sign-in page does not belong to this sign-in (state mismatch), so it was ignored.',
      'Start the sign-in again. If it keeps happening, something is interfering with the sign-in window.',
    ),
  providerError: (error: string, description: string | undefined) =>
    new AuthError(
      'HostedUiError',
      `The sign-in page answered ${error}${description ? `: ${description}` : '.'}`,
      'Check the hosted UI settings (callback URL, scopes, providers) of the app client, then try again.',
    ),
  noCode: () =>
    new AuthError(
      'HostedUiNoCode',
      'The sign-in page came back without an authorization code.',
      'Start the sign-in again.',
    ),
  badCode: (description: string | undefined) =>
    new AuthError(
      'HostedUiBadCode',
      `The user pool refused the sign-in code${description ? ` (${description})` : ''}.`,
      'Start the sign-in again: a code works once, within 5 minutes.',
    ),
  tokenRefused: (status: number, error: string | undefined) =>
    new AuthError(
      'HostedUiTokenRefused',
      `The token endpoint refused the exchange (HTTP ${String(status)}${error ? `, ${error}` : ''}).`,
      'Check the app client id, its secret and the hosted UI settings, then try again.',
      { httpStatus: status },
    ),
  wrongTokens: (why: string) =>
    new AuthError(
      'HostedUiWrongTokens',
      `The tokens from the hosted UI are not for this account (${why}).`,
      'Check that the Cognito domain belongs to this account’s user pool and app client.',
    ),
};
