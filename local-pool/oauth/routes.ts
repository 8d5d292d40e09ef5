/**
 * HTTP for the hosted UI: routes /oauth2/authorize, /login, /oauth2/token, /oauth2/userInfo,
 * /logout and /.well-known/openid-configuration to hosted-ui.ts and writes its outcomes. The
 * store lives as long as the server and is emptied by /_local/reset.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PoolContext } from '../context';
import {
  authorize,
  login,
  logout,
  oauthEndpoints,
  token,
  userInfo,
  type Outcome,
} from './hosted-ui';
import { OAuthStore } from './store';

export interface OAuthRuntime {
  context(origin: string): Promise<PoolContext>;
  poolIds(): string[];
}

const MAX_FORM_BYTES = 64 * 1024;

function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_FORM_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      resolve(
        new URLSearchParams(size > MAX_FORM_BYTES ? '' : Buffer.concat(chunks).toString('utf8')),
      );
    });
    request.on('error', reject);
  });
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return cookies;
}

function originOf(request: IncomingMessage): string {
  return `http://${request.headers.host ?? `127.0.0.1:${String(request.socket.localPort ?? 0)}`}`;
}

function write(request: IncomingMessage, response: ServerResponse, outcome: Outcome): void {
  const cookie =
    'setCookie' in outcome && outcome.setCookie ? { 'Set-Cookie': outcome.setCookie } : {};
  if (outcome.kind === 'redirect') {
    response.writeHead(302, { Location: outcome.location, 'Cache-Control': 'no-store', ...cookie });
    response.end();
    return;
  }
  const origin = request.headers.origin;
  const cors =
    typeof origin === 'string' ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
  const [body, type] =
    outcome.kind === 'page'
      ? [outcome.html, 'text/html; charset=utf-8']
      : [JSON.stringify(outcome.body), 'application/json'];
  response.writeHead(outcome.status, {
    'Content-Type': type,
    'Content-Length': String(Buffer.byteLength(body)),
    ...(outcome.kind === 'page'
      ? {
          // The login page: no script at all, and nobody may frame it (clickjacking). No
          // form-action: it also governs the redirect after the form, to the app's callback URL.
          'Content-Security-Policy':
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
          'X-Frame-Options': 'DENY',
        }
      : cors),
    ...(outcome.kind === 'json' ? outcome.headers : {}),
    ...cookie,
  });
  response.end(body);
}

export interface OAuthRoutes {
  /** True when the request was a hosted-UI route (and has been answered). */
  handle(request: IncomingMessage, response: ServerResponse, path: string): Promise<boolean>;
  clear(): void;
}

/** The query of a request target, never throwing: `new URL` rejects targets such as "//". */
function queryOf(target: string): URLSearchParams {
  const start = target.indexOf('?');
  return new URLSearchParams(start === -1 ? '' : target.slice(start + 1));
}

export function createOAuthRoutes(runtime: OAuthRuntime): OAuthRoutes {
  let store: OAuthStore | undefined;
  const storeFor = (ctx: PoolContext) =>
    (store ??= new OAuthStore({ now: ctx.now, randomBytes: ctx.randomBytes }));

  return {
    clear: () => store?.clear(),
    async handle(request, response, path) {
      const method = request.method ?? 'GET';
      const query = queryOf(request.url ?? '/');
      const cookies = parseCookies(request.headers.cookie);
      const authorization = request.headers.authorization;
      const context = () => runtime.context(originOf(request));
      let outcome: Outcome | undefined;
      if (method === 'GET' && path === '/oauth2/authorize') {
        const ctx = await context();
        outcome = authorize(ctx, storeFor(ctx), query, cookies);
      } else if (method === 'POST' && path === '/login') {
        const ctx = await context();
        outcome = await login(ctx, storeFor(ctx), await readForm(request));
      } else if (method === 'POST' && path === '/oauth2/token') {
        const ctx = await context();
        outcome = await token(ctx, storeFor(ctx), await readForm(request), authorization);
      } else if ((method === 'GET' || method === 'POST') && path === '/oauth2/userInfo') {
        outcome = await userInfo(await context(), authorization);
      } else if (method === 'GET' && path === '/logout') {
        const ctx = await context();
        outcome = logout(ctx, storeFor(ctx), query, cookies);
      } else if (method === 'GET' && path === '/.well-known/openid-configuration') {
        // The domain's own document describes the first pool (one domain serves one pool).
        const origin = originOf(request);
        const issuer = `${origin}/${runtime.poolIds()[0] ?? ''}`;
        outcome = {
          kind: 'json',
          status: 200,
          body: {
            issuer,
            jwks_uri: `${issuer}/.well-known/jwks.json`,
            ...oauthEndpoints(origin),
            response_types_supported: ['code'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: ['RS256'],
            scopes_supported: [
              'openid',
              'email',
              'phone',
              'profile',
              'aws.cognito.signin.user.admin',
            ],
            token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
          },
        };
      }
      if (!outcome) return false;
      write(request, response, outcome);
      return true;
    },
  };
}
