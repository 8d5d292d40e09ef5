/**
 * Authorization header format: one declarativeNetRequest *session* rule per site (id = the site's
 * rule id) that sets `Authorization: Bearer <token>` on requests to the site's named API origins,
 * and only when the request comes from one of the site's tabs.
 *
 * Why both conditions: `initiatorDomains` compares host names only (no scheme, no port), so on its
 * own it would also match another port of the same host; `tabIds` (session rules only) narrows it
 * to the tabs whose top frame is on the site right now. The regex pins scheme, host and port of
 * each API origin, which `requestDomains` cannot.
 */
import type { Site } from '../allow-list';
import type { SiteTokens } from '../session-source';

export interface HeaderRule {
  id: number;
  priority: number;
  action: {
    type: 'modifyHeaders';
    requestHeaders: Array<{ header: string; operation: 'set'; value: string }>;
  };
  condition: {
    regexFilter: string;
    requestDomains: string[];
    initiatorDomains: string[];
    tabIds: number[];
    resourceTypes: Array<'xmlhttprequest' | 'other'>;
  };
}

/** The part of `browser.declarativeNetRequest` this format uses. */
export interface SessionRulesPort {
  updateSessionRules(options: { addRules?: HeaderRule[]; removeRuleIds?: number[] }): Promise<void>;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function hostOf(origin: string): string {
  // initiatorDomains/requestDomains take bare host names; IPv6 literals without brackets.
  return new URL(origin).hostname.replace(/^\[|\]$/g, '');
}

export function headerRule(site: Site, tokens: SiteTokens, tabIds: number[]): HeaderRule {
  const token = site.tokenForHeader === 'id' ? tokens.idToken : tokens.accessToken;
  return {
    id: site.ruleId,
    priority: 1,
    action: {
      type: 'modifyHeaders',
      requestHeaders: [{ header: 'Authorization', operation: 'set', value: `Bearer ${token}` }],
    },
    condition: {
      // `origin/` or exactly `origin`, so https://api.example.com never matches
      // https://api.example.com.evil.test or another port.
      regexFilter: `^(?:${site.apiOrigins.map(escapeRegex).join('|')})(?:[/?#]|$)`,
      requestDomains: [...new Set(site.apiOrigins.map(hostOf))],
      initiatorDomains: [hostOf(site.origin)],
      tabIds: [...tabIds].sort((a, b) => a - b),
      resourceTypes: ['xmlhttprequest', 'other'],
    },
  };
}

/**
 * Installs, replaces or removes the site's rule. Without tokens (signed out) or without a tab on
 * the site there is no rule at all (an empty `tabIds` would be rejected by the browser anyway).
 */
export async function syncHeaderRule(
  rules: SessionRulesPort,
  site: Site,
  tokens: SiteTokens | undefined,
  tabIds: number[],
): Promise<void> {
  if (site.format !== 'authorization-header' || tokens === undefined || tabIds.length === 0) {
    await rules.updateSessionRules({ removeRuleIds: [site.ruleId] });
    return;
  }
  await rules.updateSessionRules({
    removeRuleIds: [site.ruleId],
    addRules: [headerRule(site, tokens, tabIds)],
  });
}
