/**
 * An account's optional hosted-UI settings (Cognito's managed login / OAuth 2.0): the Cognito
 * domain, the scopes to ask for and the identity providers to offer as "Sign in with …"
 * (`COGNITO` for Cognito's own page, see providers.ts).
 */
import * as v from 'valibot';

const url = v.pipe(v.string(), v.url(), v.maxLength(512));

export const OAuthSettingsSchema = v.strictObject({
  /** e.g. https://myapp.auth.us-east-1.amazoncognito.com, a custom domain, or the local pool. */
  domain: v.pipe(url, v.regex(/^(https:\/\/|http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$))/)),
  scopes: v.pipe(
    v.array(v.pipe(v.string(), v.regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,128}$/))),
    v.minLength(1),
    v.maxLength(32),
  ),
  identityProviders: v.pipe(
    v.array(v.pipe(v.string(), v.regex(/^[\w.:-]{1,64}$/))),
    v.minLength(1),
    v.maxLength(16),
  ),
  /** Only when the app client registers another callback URL than the browser's own. */
  redirectUri: v.optional(url),
});
export type OAuthSettings = v.InferOutput<typeof OAuthSettingsSchema>;

export interface OAuthEndpoints {
  authorize: string;
  token: string;
  userInfo: string;
  logout: string;
}

/** The endpoints a Cognito domain serves (the same paths on the local pool). */
export function endpointsOf(domain: string): OAuthEndpoints {
  const base = domain.replace(/\/+$/, '');
  return {
    authorize: `${base}/oauth2/authorize`,
    token: `${base}/oauth2/token`,
    userInfo: `${base}/oauth2/userInfo`,
    logout: `${base}/logout`,
  };
}
