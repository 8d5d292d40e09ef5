/**
 * Reads the URL the sign-in window ended on: the redirect URI with `code` and `state`, or an
 * RFC 6749 error. The state is compared before anything else is believed.
 */
import { HostedUiErrors } from './errors';

export function parseCallback(input: {
  callbackUrl: string;
  redirectUri: string;
  expectedState: string;
}): { code: string } {
  let url: URL;
  try {
    url = new URL(input.callbackUrl);
  } catch {
    throw HostedUiErrors.noCode();
  }
  const expected = new URL(input.redirectUri);
  if (url.origin !== expected.origin || url.pathname !== expected.pathname) {
    throw HostedUiErrors.noCode();
  }
  // Cognito answers in the query; an implicit-flow style fragment is read too, never trusted more.
  const params =
    url.searchParams.size > 0 ? url.searchParams : new URLSearchParams(url.hash.slice(1));
  if (params.get('state') !== input.expectedState) throw HostedUiErrors.stateMismatch();
  const error = params.get('error');
  if (error !== null) {
    if (error === 'access_denied') throw HostedUiErrors.accessDenied();
    throw HostedUiErrors.providerError(error, params.get('error_description') ?? undefined);
  }
  const code = params.get('code');
  if (code === null || code === '') throw HostedUiErrors.noCode();
  return { code };
}
