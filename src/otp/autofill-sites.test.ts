import { describe, expect, it } from 'vitest';
import { memoryStorageArea } from '../platform/storage-area';
import { createAutofillSites } from './autofill-sites';

describe('autofill sites', () => {
  it('binds an origin to one entry, off for gesture-free filling by default', async () => {
    const sites = createAutofillSites(memoryStorageArea());
    await sites.bind('https://a.example', 'e1');
    expect(await sites.get('https://a.example')).toEqual({
      origin: 'https://a.example',
      entryId: 'e1',
      autoFill: false,
    });
    expect(await sites.get('https://b.example')).toBeUndefined();
  });

  it('rebinding keeps the opt-in and replaces the entry; unbind forgets', async () => {
    const sites = createAutofillSites(memoryStorageArea());
    await sites.bind('https://a.example', 'e1');
    await sites.setAutoFill('https://a.example', true);
    await sites.bind('https://a.example', 'e2');
    expect(await sites.list()).toEqual([
      { origin: 'https://a.example', entryId: 'e2', autoFill: true },
    ]);
    expect((await sites.unbind('https://a.example'))?.entryId).toBe('e2');
    expect(await sites.list()).toEqual([]);
  });

  it('forgets every origin of a removed entry', async () => {
    const sites = createAutofillSites(memoryStorageArea());
    await Promise.all([
      sites.bind('https://a.example', 'e1'),
      sites.bind('https://b.example', 'e1'),
      sites.bind('https://c.example', 'e2'),
    ]);
    expect(await sites.forgetEntry('e1')).toEqual(['https://a.example', 'https://b.example']);
    expect((await sites.list()).map((site) => site.origin)).toEqual(['https://c.example']);
  });

  it('reads a corrupted value as nothing allowed', async () => {
    const local = memoryStorageArea();
    await local.set('otpAutofillSites', [{ origin: 'https://a.example', entryId: 'e1' }]);
    expect(await createAutofillSites(local).list()).toEqual([]);
  });
});
