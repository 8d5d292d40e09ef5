/**
 * Hosted-UI settings from an Amplify configuration: Gen 2 `amplify_outputs.json` (`auth.oauth`:
 * domain, scopes, identity_providers) or Gen 1 (`oauth`: domain, scope). The app's own redirect
 * URIs are not taken: the extension signs in at its own (`identity.getRedirectURL()`), which the
 * app client must list as a callback and sign-out URL.
 */
import * as v from 'valibot';
import { COGNITO_PROVIDER } from './providers';
import { OAuthSettingsSchema, type OAuthSettings } from './settings';

/** Amplify's provider constants → Cognito's `identity_provider` names. */
const PROVIDER_NAMES: Record<string, string> = {
  GOOGLE: 'Google',
  FACEBOOK: 'Facebook',
  LOGIN_WITH_AMAZON: 'LoginWithAmazon',
  SIGN_IN_WITH_APPLE: 'SignInWithApple',
};

function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '')
    : [];
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The `oauth` block of either generation, or undefined when there is none (or it is unusable). */
export function oauthFromAmplify(oauthBlock: unknown): OAuthSettings | undefined {
  const block = record(oauthBlock);
  const rawDomain = typeof block?.domain === 'string' ? block.domain.trim() : '';
  if (!block || rawDomain === '') return undefined;
  const domain = /^https?:\/\//.test(rawDomain) ? rawDomain : `https://${rawDomain}`;
  const scopes = strings(block.scopes ?? block.scope);
  const federated = strings(block.identity_providers).map((name) => PROVIDER_NAMES[name] ?? name);
  const settings = {
    domain: domain.replace(/\/+$/, ''),
    scopes: scopes.length > 0 ? scopes : ['openid', 'email', 'profile'],
    // Cognito's own page first: it also lists every provider the app client enables.
    identityProviders: [COGNITO_PROVIDER, ...federated.filter((name) => name !== COGNITO_PROVIDER)],
  };
  const parsed = v.safeParse(OAuthSettingsSchema, settings);
  return parsed.success ? parsed.output : undefined;
}
