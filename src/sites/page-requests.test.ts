import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { SitePageRequestSchema } from './page-requests';

describe('site page requests', () => {
  it.each([
    { type: 'listSites' },
    { type: 'shareSite', origin: 'http://127.0.0.1:5173', accountId: 'demo' },
    {
      type: 'updateSite',
      origin: 'https://app.example.com',
      accountId: 'demo',
      format: 'authorization-header',
      apiOrigins: ['https://api.example.com'],
      tokenForHeader: 'id',
      shareRefreshToken: false,
    },
    { type: 'removeSite', origin: 'https://app.example.com' },
  ])('accepts %j', (request) => {
    expect(v.is(SitePageRequestSchema, request)).toBe(true);
  });

  it.each([
    { type: 'shareSite', origin: 'https://a.example' },
    { type: 'shareSite', origin: 'https://a.example', accountId: 'demo', format: 'jwt-in-url' },
    { type: 'shareSite', origin: 'https://a.example', accountId: 'demo', ruleId: 3 },
    { type: 'removeSite' },
    { type: 'removeAllSites' },
  ])('rejects %j', (request) => {
    expect(v.is(SitePageRequestSchema, request)).toBe(false);
  });
});
