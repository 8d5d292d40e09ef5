import { describe, expect, it, vi } from 'vitest';
import { toSite } from '../allow-list';
import { makeTokens } from '../testing/tokens';
import { headerRule, syncHeaderRule, type HeaderRule } from './authorization-header';

const site = toSite(
  {
    origin: 'http://127.0.0.1:5173',
    accountId: 'demo',
    format: 'authorization-header',
    apiOrigins: ['http://127.0.0.1:9300', 'https://api.example.com'],
  },
  7,
);
const tokens = makeTokens({ issuedAt: 1_700_000_000, receivedAt: 1_700_000_000_000 });

function matchesUrl(rule: HeaderRule, url: string): boolean {
  return new RegExp(rule.condition.regexFilter).test(url);
}

describe('authorization header rule', () => {
  it('sets Bearer <access token> for the site’s tabs, with the site’s stable rule id', () => {
    const rule = headerRule(site, tokens, [12, 3]);
    expect(rule).toEqual({
      id: 7,
      priority: 1,
      action: {
        type: 'modifyHeaders',
        requestHeaders: [
          { header: 'Authorization', operation: 'set', value: `Bearer ${tokens.accessToken}` },
        ],
      },
      condition: {
        regexFilter:
          '^(?:http:\\/\\/127\\.0\\.0\\.1:9300|https:\\/\\/api\\.example\\.com)(?:[/?#]|$)',
        requestDomains: ['127.0.0.1', 'api.example.com'],
        initiatorDomains: ['127.0.0.1'],
        tabIds: [3, 12],
        resourceTypes: ['xmlhttprequest', 'other'],
      },
    });
  });

  it('uses the id token when the site asks for it', () => {
    const rule = headerRule({ ...site, tokenForHeader: 'id' }, tokens, [1]);
    expect(rule.action.requestHeaders[0]?.value).toBe(`Bearer ${tokens.idToken}`);
  });

  it.each([
    ['http://127.0.0.1:9300/echo', true],
    ['http://127.0.0.1:9300', true],
    ['http://127.0.0.1:9300?x', true],
    ['https://api.example.com/v1/items', true],
    ['http://127.0.0.1:9301/echo', false],
    ['https://127.0.0.1:9300/echo', false],
    ['http://api.example.com/v1', false],
    ['https://api.example.com.evil.test/', false],
    ['https://api.example.community/', false],
    ['http://127.0.0.1:93000/', false],
  ])('the URL filter %s → %s', (url, expected) => {
    expect(matchesUrl(headerRule(site, tokens, [1]), url)).toBe(expected);
  });

  it('replaces the rule on refresh and removes it on sign-out or when no tab is on the site', async () => {
    const rules = { updateSessionRules: vi.fn(() => Promise.resolve()) };
    await syncHeaderRule(rules, site, tokens, [4]);
    expect(rules.updateSessionRules).toHaveBeenLastCalledWith({
      removeRuleIds: [7],
      addRules: [headerRule(site, tokens, [4])],
    });
    await syncHeaderRule(rules, site, undefined, [4]);
    expect(rules.updateSessionRules).toHaveBeenLastCalledWith({ removeRuleIds: [7] });
    await syncHeaderRule(rules, site, tokens, []);
    expect(rules.updateSessionRules).toHaveBeenLastCalledWith({ removeRuleIds: [7] });
    await syncHeaderRule(rules, { ...site, format: 'amplify-local-storage' }, tokens, [4]);
    expect(rules.updateSessionRules).toHaveBeenLastCalledWith({ removeRuleIds: [7] });
  });
});
