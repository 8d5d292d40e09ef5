/**
 * A stand-in for the browser's sign-in window in Node tests: one cookie jar, redirects followed
 * until the redirect URI (where launchWebAuthFlow stops and hands the URL back), and a "person"
 * who answers each page with a form (or closes the window).
 */
import { HostedUiErrors } from '../errors';
import type { WebAuthFlow } from '../web-auth-flow';

export type PersonAction = (page: string, url: string) => Record<string, string> | 'close';

/** A browser window with one cookie jar, driven by what the "person" does on each page. */
export function poolWindow(poolUrl: string, redirect: string, jar = new Map<string, string>()) {
  const pages: string[] = [];
  let act: PersonAction = () => 'close';
  let tamper: (url: string) => string = (url) => url;
  const webAuth: WebAuthFlow = {
    redirectUrl: () => redirect,
    async launch(start, interactive) {
      let next: { url: string; init?: RequestInit } = { url: start };
      for (let hop = 0; hop < 10; hop += 1) {
        const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
        const response = await fetch(next.url, {
          redirect: 'manual',
          ...next.init,
          headers: { ...(next.init?.headers as Record<string, string>), cookie },
        });
        const setCookie = response.headers.get('set-cookie');
        if (setCookie !== null) {
          const [pair = ''] = setCookie.split(';');
          const [name = '', value = ''] = pair.split('=');
          if (/Max-Age=0/.test(setCookie)) jar.delete(name);
          else jar.set(name, value);
        }
        const location = response.headers.get('location');
        if (location !== null) {
          const absolute = new URL(location, next.url).toString();
          if (absolute.startsWith(redirect)) return tamper(absolute);
          next = { url: absolute };
          continue;
        }
        const html = await response.text();
        pages.push(html);
        if (!interactive) throw new Error('User interaction required.');
        const form = act(html, next.url);
        if (form === 'close') throw HostedUiErrors.windowClosed();
        const request = /name="request" value="([^"]+)"/.exec(html)?.[1] ?? '';
        next = {
          url: `${poolUrl}/login`,
          init: {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ request, ...form }).toString(),
          },
        };
      }
      throw new Error('too many redirects');
    },
  };
  return {
    webAuth,
    pages,
    onPage(action: PersonAction) {
      act = action;
    },
    tamperCallback(change: (url: string) => string) {
      tamper = change;
    },
  };
}
