import { describe, expect, it } from 'vitest';
import { urlAllowed } from './client-config';

describe('callback URL matching', () => {
  const registered = [
    'https://*.chromiumapp.org/',
    'http://127.0.0.1:*/callback',
    'https://app.example/cb',
  ];

  it('accepts exact URLs and one label or port in place of *', () => {
    expect(urlAllowed(registered, 'https://app.example/cb')).toBe(true);
    expect(urlAllowed(registered, 'https://abcdefghijklmnop.chromiumapp.org/')).toBe(true);
    expect(urlAllowed(registered, 'http://127.0.0.1:4000/callback')).toBe(true);
  });

  it('refuses other paths, hosts and label smuggling', () => {
    expect(urlAllowed(registered, 'https://app.example/cb/other')).toBe(false);
    expect(urlAllowed(registered, 'https://evil.example/.chromiumapp.org/')).toBe(false);
    expect(urlAllowed(registered, 'https://a.b.chromiumapp.org/')).toBe(false);
    expect(urlAllowed(registered, 'https://abc.chromiumapp.org/x')).toBe(false);
    expect(urlAllowed(registered, 'https://abcXchromiumapp.org/')).toBe(false);
  });
});
