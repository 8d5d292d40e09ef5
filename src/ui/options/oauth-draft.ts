/**
 * The options page's hosted-UI fields as typed text, and their parsing into OAuthSettings:
 * all empty means "no hosted UI"; otherwise every field is checked with the same schema the
 * background uses, with a plain message per field.
 */
import * as v from 'valibot';
import { COGNITO_PROVIDER } from '../../oauth/providers';
import { OAuthSettingsSchema, type OAuthSettings } from '../../oauth/settings';

export interface OAuthDraft {
  domain: string;
  /** Space- or comma-separated. */
  scopes: string;
  /** Comma- or space-separated; COGNITO is Cognito's own page. */
  providers: string;
}

export type OAuthProblems = Partial<Record<keyof OAuthDraft, string>>;

export const EMPTY_OAUTH_DRAFT: OAuthDraft = { domain: '', scopes: '', providers: '' };

export function draftFromSettings(settings: OAuthSettings | undefined): OAuthDraft {
  if (!settings) return EMPTY_OAUTH_DRAFT;
  return {
    domain: settings.domain,
    scopes: settings.scopes.join(' '),
    providers: settings.identityProviders.join(', '),
  };
}

const words = (text: string) => text.split(/[\s,]+/).filter(Boolean);

export function settingsFromDraft(
  draft: OAuthDraft,
): { ok: true; oauth: OAuthSettings | null } | { ok: false; problems: OAuthProblems } {
  const rawDomain = draft.domain.trim();
  if (rawDomain === '' && words(draft.scopes).length === 0 && words(draft.providers).length === 0) {
    return { ok: true, oauth: null };
  }
  const domain = (/^https?:\/\//.test(rawDomain) ? rawDomain : `https://${rawDomain}`).replace(
    /\/+$/,
    '',
  );
  const scopes = words(draft.scopes);
  const providers = words(draft.providers);
  const problems: OAuthProblems = {};
  if (rawDomain === '' || !v.is(OAuthSettingsSchema.entries.domain, domain)) {
    problems.domain =
      'A Cognito domain looks like myapp.auth.us-east-1.amazoncognito.com (https; http only for 127.0.0.1 or localhost).';
  }
  if (!scopes.includes('openid') || !v.is(OAuthSettingsSchema.entries.scopes, scopes)) {
    problems.scopes = 'List the scopes separated by spaces; openid is required.';
  }
  const identityProviders = providers.length > 0 ? providers : [COGNITO_PROVIDER];
  if (!v.is(OAuthSettingsSchema.entries.identityProviders, identityProviders)) {
    problems.providers =
      'Provider names are letters, digits, and . _ : - (for example COGNITO, Google).';
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, oauth: { domain, scopes, identityProviders } };
}
