/**
 * The "share a site" form of the options page as data: what the person typed, the problems found
 * before anything is sent, and the request it becomes. Pure, so every rule is tested directly.
 */
import type { SiteView } from '../../platform/feature-protocol';
import type { SitePageRequest } from '../../sites/page-requests';
import type { SiteFormat } from '../../sites/allow-list';
import { SiteError } from '../../sites/errors';
import { normalizeOrigin } from '../../sites/origin';

export const SITE_FORMAT_LABELS: Record<SiteFormat, string> = {
  'amplify-local-storage': 'Amplify (localStorage)',
  'amplify-cookies': 'Amplify (cookies)',
  'authorization-header': 'Authorization header',
};

export const TOKEN_LABELS = { access: 'Access token', id: 'ID token' } as const;

export interface SiteForm {
  /** Set when editing an existing site: the origin cannot change then. */
  editing: boolean;
  origin: string;
  accountId: string;
  format: SiteFormat;
  /** One origin per line (header format only). */
  apiOrigins: string;
  tokenForHeader: 'access' | 'id';
  shareRefreshToken: boolean;
}

export function emptySiteForm(accountId: string): SiteForm {
  return {
    editing: false,
    origin: '',
    accountId,
    format: 'amplify-local-storage',
    apiOrigins: '',
    tokenForHeader: 'access',
    shareRefreshToken: false,
  };
}

export function formFromSite(site: SiteView): SiteForm {
  return {
    editing: true,
    origin: site.origin,
    accountId: site.accountId,
    format: site.format,
    apiOrigins: site.apiOrigins.join('\n'),
    tokenForHeader: site.tokenForHeader,
    shareRefreshToken: site.shareRefreshToken,
  };
}

export interface SiteFormProblems {
  origin?: string;
  accountId?: string;
  apiOrigins?: string;
}

export type SiteFormResult =
  | { ok: true; request: Extract<SitePageRequest, { type: 'shareSite' | 'updateSite' }> }
  | { ok: false; problems: SiteFormProblems };

function originProblem(text: string): string | undefined {
  try {
    normalizeOrigin(text);
    return undefined;
  } catch (error) {
    if (error instanceof SiteError) return `${error.message} ${error.recovery}`;
    throw error;
  }
}

function apiOriginLines(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Checks the form like the background will, and builds the request to send. */
export function siteRequest(form: SiteForm): SiteFormResult {
  const problems: SiteFormProblems = {};
  const origin = originProblem(form.origin);
  if (origin) problems.origin = origin;
  if (form.accountId === '')
    problems.accountId = 'Choose the account whose session this site gets.';
  const apiOrigins = form.format === 'authorization-header' ? apiOriginLines(form.apiOrigins) : [];
  if (form.format === 'authorization-header') {
    if (apiOrigins.length === 0) {
      problems.apiOrigins = 'Enter at least one API origin that gets the Authorization header.';
    } else if (apiOrigins.length > 10) {
      problems.apiOrigins = 'At most 10 API origins per site.';
    } else {
      const bad = apiOrigins.find((line) => originProblem(line) !== undefined);
      if (bad !== undefined) problems.apiOrigins = `${bad}: ${originProblem(bad) ?? ''}`;
    }
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    request: {
      type: form.editing ? 'updateSite' : 'shareSite',
      origin: normalizeOrigin(form.origin),
      accountId: form.accountId,
      format: form.format,
      ...(form.format === 'authorization-header'
        ? { apiOrigins: apiOrigins.map(normalizeOrigin), tokenForHeader: form.tokenForHeader }
        : {}),
      shareRefreshToken: form.shareRefreshToken,
    },
  };
}

export const PERMISSION_REFUSED = {
  code: 'SitePermissionRefused',
  message: 'The browser did not grant Cognito Pass access to this site, so nothing was shared.',
  recovery: 'Try again and choose “Allow” in the browser’s prompt.',
} as const;
