import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { createAllowList, defineSitesItem, toSite } from './allow-list';
import { SiteError } from './errors';

describe('allow-list', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('stores a normalised site with defaults in a versioned local item', async () => {
    const allowList = createAllowList(defineSitesItem(storage));
    const site = await allowList.put({ origin: 'HTTP://127.0.0.1:5173/', accountId: 'demo' });
    expect(site).toEqual({
      origin: 'http://127.0.0.1:5173',
      accountId: 'demo',
      format: 'amplify-local-storage',
      apiOrigins: [],
      tokenForHeader: 'access',
      shareRefreshToken: false,
      ruleId: 1,
    });
    const raw = await fakeBrowser.storage.local.get('sites');
    expect(raw.sites).toEqual([site]);
    expect(await allowList.get('http://127.0.0.1:5173')).toEqual(site);
  });

  it('replaces a site in place, keeping its rule id, and reuses freed rule ids', async () => {
    const allowList = createAllowList(defineSitesItem(storage));
    await allowList.put({ origin: 'https://a.example', accountId: 'one' });
    await allowList.put({ origin: 'https://b.example', accountId: 'one' });
    const updated = await allowList.put({
      origin: 'https://a.example',
      accountId: 'two',
      format: 'authorization-header',
      apiOrigins: ['https://api.a.example', 'https://api.a.example/'],
      tokenForHeader: 'id',
    });
    expect(updated.ruleId).toBe(1);
    expect(updated.apiOrigins).toEqual(['https://api.a.example']);
    expect(await allowList.list()).toHaveLength(2);
    expect((await allowList.forAccount('one')).map((s) => s.origin)).toEqual(['https://b.example']);
    expect(await allowList.remove('https://a.example')).toMatchObject({ ruleId: 1 });
    expect(await allowList.remove('https://a.example')).toBeUndefined();
    const third = await allowList.put({ origin: 'https://c.example', accountId: 'one' });
    expect(third.ruleId).toBe(1);
  });

  it('rejects the header format without API origins, and bad origins, with clear errors', () => {
    expect(() =>
      toSite({ origin: 'https://a.example', accountId: 'x', format: 'authorization-header' }, 1),
    ).toThrow(SiteError);
    expect(() => toSite({ origin: 'https://a.example/path', accountId: 'x' }, 1)).toThrow(
      /without a path/,
    );
    expect(() =>
      toSite(
        {
          origin: 'https://a.example',
          accountId: 'x',
          format: 'authorization-header',
          apiOrigins: ['https://*.example'],
        },
        1,
      ),
    ).toThrow(/Wildcards/);
    expect(() => toSite({ origin: 'https://a.example', accountId: ' ' }, 1)).toThrow(/account/);
  });

  it('drops API origins for formats that do not use them', () => {
    const site = toSite(
      { origin: 'https://a.example', accountId: 'x', apiOrigins: ['https://api.example'] },
      3,
    );
    expect(site.apiOrigins).toEqual([]);
  });
});
