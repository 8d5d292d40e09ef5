import { describe, expect, it } from 'vitest';
import { emptySiteForm, formFromSite, siteRequest } from './site-form';

describe('siteRequest', () => {
  it('normalises the origin and sends shareSite with the refresh-token choice', () => {
    const result = siteRequest({ ...emptySiteForm('demo'), origin: ' HTTPS://App.Example.com ' });
    expect(result).toEqual({
      ok: true,
      request: {
        type: 'shareSite',
        origin: 'https://app.example.com',
        accountId: 'demo',
        format: 'amplify-local-storage',
        shareRefreshToken: false,
      },
    });
  });

  it('rejects paths, wildcards and non-web schemes with the reason', () => {
    for (const [origin, reason] of [
      ['https://app.example.com/login', /without a path/],
      ['https://*.example.com', /Wildcards/],
      ['ftp://example.com', /Only http and https/],
      ['', /empty/],
    ] as const) {
      const result = siteRequest({ ...emptySiteForm('demo'), origin });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.origin).toMatch(reason);
    }
  });

  it('requires an account and, for the header format, valid API origins', () => {
    const noAccount = siteRequest({ ...emptySiteForm(''), origin: 'https://a.example' });
    expect(noAccount.ok ? undefined : noAccount.problems.accountId).toMatch(/Choose the account/);
    const header = { ...emptySiteForm('demo'), origin: 'https://a.example' };
    const missing = siteRequest({ ...header, format: 'authorization-header' });
    expect(missing.ok ? undefined : missing.problems.apiOrigins).toMatch(/at least one/);
    const bad = siteRequest({
      ...header,
      format: 'authorization-header',
      apiOrigins: 'https://api.example\nhttps://api.example/v1',
    });
    expect(bad.ok ? undefined : bad.problems.apiOrigins).toMatch(/^https:\/\/api.example\/v1: /);
  });

  it('sends the API origins and token choice for the header format, updateSite when editing', () => {
    const form = formFromSite({
      origin: 'https://a.example',
      accountId: 'demo',
      format: 'authorization-header',
      apiOrigins: ['https://api.example'],
      tokenForHeader: 'id',
      shareRefreshToken: true,
      granted: true,
    });
    expect(
      siteRequest({ ...form, apiOrigins: `${form.apiOrigins}\nhttp://127.0.0.1:9000` }),
    ).toEqual({
      ok: true,
      request: {
        type: 'updateSite',
        origin: 'https://a.example',
        accountId: 'demo',
        format: 'authorization-header',
        apiOrigins: ['https://api.example', 'http://127.0.0.1:9000'],
        tokenForHeader: 'id',
        shareRefreshToken: true,
      },
    });
  });
});
