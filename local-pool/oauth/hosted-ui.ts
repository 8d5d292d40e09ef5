/**
 * The hosted UI's logic, without HTTP: /oauth2/authorize, the login form, /oauth2/token,
 * /oauth2/userInfo and /logout as functions from parsed input to an outcome (a page, a redirect
 * or a JSON answer). Errors follow RFC 6749: the browser-facing ones go back to the registered
 * redirect URI (`error=access_denied&state=…`), except when the client or redirect URI cannot be
 * trusted, which get an error page (never an open redirect).
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { srpPoolName } from '../config';
import { findUser, resolveClient, type ClientScope, type PoolContext } from '../context';
import { CognitoError } from '../errors';
import { authenticate } from '../refresh';
import { passwordMatches } from '../srp-verifier';
import { userFromConfig, type UserRecord } from '../state';
import { DEMO_IDP, urlAllowed, type OAuthClientConfig } from './client-config';
import { demoIdpPage, errorPage, loginPage } from './pages';
import { verifierMatches } from './pkce';
import { tokensForCode, tokensForRefresh } from './issue';
import type { AuthorizationRequest, OAuthStore } from './store';

export type Outcome =
  | { kind: 'page'; status: number; html: string; setCookie?: string }
  | { kind: 'redirect'; location: string; setCookie?: string }
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> };

export const COGNITO_PROVIDER = 'COGNITO';

export const hostedCookieName = (poolId: string) => `local-hosted-ui-${poolId}`;

interface OAuthScope extends ClientScope {
  oauth: OAuthClientConfig;
}

function oauthClient(ctx: PoolContext, clientId: string | null): OAuthScope | string {
  if (clientId === null || clientId === '') return 'The request has no client_id.';
  let scope: ClientScope;
  try {
    scope = resolveClient(ctx, clientId);
  } catch {
    return `There is no app client ${clientId}.`;
  }
  const oauth = scope.client.oauth;
  if (!oauth) return `App client ${clientId} has no hosted UI (OAuth) settings.`;
  return { ...scope, oauth };
}

const page = (status: number, html: string): Outcome => ({ kind: 'page', status, html });

function redirectTo(
  redirectUri: string,
  params: Record<string, string | undefined>,
  setCookie?: string,
): Outcome {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  return { kind: 'redirect', location: url.toString(), ...(setCookie ? { setCookie } : {}) };
}

function refuse(request: AuthorizationRequest, error: string, description: string): Outcome {
  return redirectTo(request.redirectUri, {
    error,
    error_description: description,
    state: request.state,
  });
}

function sessionCookie(poolId: string, id: string): string {
  return `${hostedCookieName(poolId)}=${id}; Path=/; HttpOnly; SameSite=Lax`;
}

function clearedCookie(poolId: string): string {
  return `${hostedCookieName(poolId)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}

function succeed(
  ctx: PoolContext,
  store: OAuthStore,
  request: AuthorizationRequest,
  user: UserRecord,
  authTime: number,
  setCookie?: string,
): Outcome {
  const code = store.issueCode(request, user.username, authTime);
  return redirectTo(request.redirectUri, { code, state: request.state }, setCookie);
}

/** GET /oauth2/authorize */
export function authorize(
  ctx: PoolContext,
  store: OAuthStore,
  query: URLSearchParams,
  cookies: Record<string, string>,
): Outcome {
  const scope = oauthClient(ctx, query.get('client_id'));
  if (typeof scope === 'string') return page(400, errorPage(scope));
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!urlAllowed(scope.oauth.callbackUrls, redirectUri)) {
    return page(
      400,
      errorPage(
        `redirect_mismatch: ${redirectUri || '(none)'} is not a callback URL of this app client.`,
      ),
    );
  }
  const state = query.get('state') ?? undefined;
  const requested = (query.get('scope') ?? '').split(/[\s+]+/).filter(Boolean);
  const scopes = requested.length > 0 ? requested : scope.oauth.scopes;
  const challenge = query.get('code_challenge') ?? undefined;
  const nonce = query.get('nonce') ?? undefined;
  const request: AuthorizationRequest = {
    poolId: scope.pool.id,
    clientId: scope.client.id,
    redirectUri,
    scopes,
    ...(state !== undefined && { state }),
    ...(challenge !== undefined && { codeChallenge: challenge }),
    ...(nonce !== undefined && { nonce }),
  };
  if (query.get('response_type') !== 'code') {
    return refuse(request, 'unsupported_response_type', 'Only response_type=code is supported.');
  }
  const unknownScope = scopes.find((name) => !scope.oauth.scopes.includes(name));
  if (unknownScope !== undefined) {
    return refuse(
      request,
      'invalid_scope',
      `Scope ${unknownScope} is not allowed for this client.`,
    );
  }
  const method = query.get('code_challenge_method');
  if ((challenge === undefined) !== (method === null) || (method !== null && method !== 'S256')) {
    return refuse(
      request,
      'invalid_request',
      'code_challenge needs code_challenge_method=S256 (and the other way round).',
    );
  }
  const provider = query.get('identity_provider') ?? undefined;
  if (provider !== undefined && !scope.oauth.identityProviders.includes(provider)) {
    return refuse(request, 'invalid_request', `Identity provider ${provider} is not enabled.`);
  }
  const prompt = query.get('prompt') ?? '';
  const existing = store.hostedSession(cookies[hostedCookieName(scope.pool.id)], scope.pool.id);
  const user = existing ? findUser(scope.data, existing.username) : undefined;
  if (existing && user?.enabled === true && !/\blogin\b/.test(prompt)) {
    return succeed(ctx, store, request, user, existing.authTime);
  }
  if (/\bnone\b/.test(prompt)) return refuse(request, 'login_required', 'No hosted session.');
  const requestId = store.saveRequest(request);
  if (provider === DEMO_IDP) {
    return page(200, demoIdpPage({ requestId, clientName: clientName(scope) }));
  }
  return page(200, loginScreen(scope, requestId, provider));
}

const clientName = (scope: ClientScope) => scope.client.name ?? scope.client.id;

function loginScreen(
  scope: OAuthScope,
  requestId: string,
  provider: string | undefined,
  extra: { username?: string; error?: string } = {},
): string {
  const offers = (name: string) =>
    scope.oauth.identityProviders.includes(name) && (provider === undefined || provider === name);
  return loginPage({
    requestId,
    poolName: scope.pool.name ?? scope.pool.id,
    clientName: clientName(scope),
    offersCognito: offers(COGNITO_PROVIDER),
    offersDemoIdp: offers(DEMO_IDP),
    ...extra,
  });
}

/** Why a pool user may not finish on this page (the popup handles these steps). */
function loginRefusal(user: UserRecord): string | undefined {
  if (!user.enabled) return 'User is disabled.';
  if (user.status === 'UNCONFIRMED') return 'This account is not confirmed yet.';
  if (user.status !== 'CONFIRMED')
    return 'This account needs a new password first: sign in from the Cognito Pass popup.';
  if (user.mfa.sms || user.mfa.totp || user.mfa.email)
    return 'This account uses MFA, which the local hosted UI does not ask for: sign in from the Cognito Pass popup.';
  return undefined;
}

/** The federated user DemoIdP signs in: created on first use, as Cognito links an IdP user. */
async function federatedUser(ctx: PoolContext, scope: ClientScope): Promise<UserRecord> {
  const username = `${DEMO_IDP}_pat`;
  const found = findUser(scope.data, username);
  if (found) return found;
  const user = await userFromConfig(
    scope.pool,
    {
      username,
      // Federated users have no password in the pool; this one is random and never shown.
      password: nodeRandomBytes(24).toString('base64url'),
      attributes: {
        email: 'pat@demoidp.example',
        email_verified: 'false',
        name: 'Pat (DemoIdP)',
        identities: JSON.stringify([
          { providerName: DEMO_IDP, userId: 'pat', providerType: 'OIDC' },
        ]),
      },
    },
    { now: ctx.now(), randomBytes: ctx.randomBytes },
  );
  scope.data.users[username.toLowerCase()] = user;
  ctx.changed();
  return user;
}

/** POST /login: the login page's and the DemoIdP page's forms. */
export async function login(
  ctx: PoolContext,
  store: OAuthStore,
  form: URLSearchParams,
): Promise<Outcome> {
  const requestId = form.get('request') ?? '';
  const request = store.request(requestId);
  if (!request) {
    return page(400, errorPage('This sign-in page has expired. Start the sign-in again.'));
  }
  const scope = oauthClient(ctx, request.clientId);
  if (typeof scope === 'string') return page(400, errorPage(scope));
  const action = form.get('action');
  const finish = (user: UserRecord) => {
    store.dropRequest(requestId);
    const authTime = Math.floor(ctx.now() / 1000);
    const session = store.startHostedSession(scope.pool.id, user.username, authTime);
    return succeed(ctx, store, request, user, authTime, sessionCookie(scope.pool.id, session));
  };
  if (action === 'cancel') {
    store.dropRequest(requestId);
    return refuse(request, 'access_denied', 'The person cancelled the sign-in.');
  }
  if (action === 'demoidp' && scope.oauth.identityProviders.includes(DEMO_IDP)) {
    return page(200, demoIdpPage({ requestId, clientName: clientName(scope) }));
  }
  if (action === 'demoidp-consent' && scope.oauth.identityProviders.includes(DEMO_IDP)) {
    return finish(await federatedUser(ctx, scope));
  }
  if (action === 'password' && scope.oauth.identityProviders.includes(COGNITO_PROVIDER)) {
    const username = (form.get('username') ?? '').trim();
    const password = form.get('password') ?? '';
    const user = username === '' ? undefined : findUser(scope.data, username);
    const matches =
      user !== undefined &&
      (await passwordMatches(user.password, srpPoolName(scope.pool.id), user.username, password));
    const problem = !user || !matches ? 'Incorrect username or password.' : loginRefusal(user);
    if (problem !== undefined || !user) {
      return page(
        200,
        loginScreen(scope, requestId, COGNITO_PROVIDER, {
          username,
          error: problem ?? 'Incorrect username or password.',
        }),
      );
    }
    return finish(user);
  }
  return page(400, errorPage('This sign-in option is not available.'));
}

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function tokenError(status: number, error: string, description: string): Outcome {
  return {
    kind: 'json',
    status,
    body: { error, error_description: description },
    headers: NO_STORE,
  };
}

/** RFC 6749 §2.3.1: HTTP Basic (form-encoded id and secret) or the form's client_id/secret. */
function clientCredentials(
  form: URLSearchParams,
  authorization: string | undefined,
): { clientId: string | null; secret: string | undefined; basic: boolean } {
  const match = /^Basic\s+(.+)$/i.exec(authorization ?? '');
  if (match?.[1] !== undefined) {
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const id = decodeURIComponent(colon === -1 ? decoded : decoded.slice(0, colon));
    const secret = colon === -1 ? '' : decodeURIComponent(decoded.slice(colon + 1));
    return { clientId: id, secret, basic: true };
  }
  return {
    clientId: form.get('client_id'),
    secret: form.get('client_secret') ?? undefined,
    basic: false,
  };
}

/** POST /oauth2/token */
export async function token(
  ctx: PoolContext,
  store: OAuthStore,
  form: URLSearchParams,
  authorization: string | undefined,
): Promise<Outcome> {
  const credentials = clientCredentials(form, authorization);
  const scope = oauthClient(ctx, credentials.clientId);
  if (typeof scope === 'string') {
    return tokenError(401, 'invalid_client', scope);
  }
  const secret = scope.client.secret;
  if (secret !== undefined && credentials.secret !== secret) {
    return tokenError(401, 'invalid_client', 'Client authentication failed.');
  }
  const grantType = form.get('grant_type');
  if (grantType === 'authorization_code') {
    const code = form.get('code');
    if (code === null || code === '') return tokenError(400, 'invalid_request', 'code is missing.');
    const issued = store.takeCode(code);
    if (!issued || issued.clientId !== scope.client.id) {
      return tokenError(400, 'invalid_grant', 'The code is unknown, expired or already used.');
    }
    if (form.get('redirect_uri') !== issued.redirectUri) {
      return tokenError(400, 'invalid_grant', 'redirect_uri does not match the authorize request.');
    }
    if (
      issued.codeChallenge !== undefined &&
      !verifierMatches(issued.codeChallenge, form.get('code_verifier') ?? undefined)
    ) {
      return tokenError(400, 'invalid_grant', 'code_verifier does not match the code_challenge.');
    }
    const user = findUser(scope.data, issued.username);
    if (user?.enabled !== true) return tokenError(400, 'invalid_grant', 'User is disabled.');
    return {
      kind: 'json',
      status: 200,
      body: await tokensForCode(ctx, scope, user, issued.authTime, issued.scopes),
      headers: NO_STORE,
    };
  }
  if (grantType === 'refresh_token') {
    const refreshToken = form.get('refresh_token') ?? '';
    const record = scope.data.refreshTokens[refreshToken];
    const user = record ? findUser(scope.data, record.username) : undefined;
    if (
      !record ||
      record.clientId !== scope.client.id ||
      record.revoked ||
      scope.data.revokedOrigins.includes(record.originJti) ||
      record.expiresAt <= ctx.now() ||
      user?.enabled !== true
    ) {
      return tokenError(400, 'invalid_grant', 'The refresh token is invalid, revoked or expired.');
    }
    return {
      kind: 'json',
      status: 200,
      body: await tokensForRefresh(ctx, scope, user, record),
      headers: NO_STORE,
    };
  }
  return tokenError(
    400,
    'unsupported_grant_type',
    'grant_type must be authorization_code or refresh_token.',
  );
}

/** GET|POST /oauth2/userInfo with `Authorization: Bearer <access token>`. */
export async function userInfo(
  ctx: PoolContext,
  authorization: string | undefined,
): Promise<Outcome> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  const unauthorized = (description: string): Outcome => ({
    kind: 'json',
    status: 401,
    body: { error: 'invalid_token', error_description: description },
    headers: { 'WWW-Authenticate': `Bearer error="invalid_token"` },
  });
  if (match?.[1] === undefined) return unauthorized('An access token is required.');
  try {
    const { user } = await authenticate(ctx, { AccessToken: match[1] });
    return {
      kind: 'json',
      status: 200,
      body: { sub: user.sub, username: user.username, ...user.attributes },
    };
  } catch (error) {
    if (error instanceof CognitoError) return unauthorized(error.message);
    throw error;
  }
}

/** GET /logout: ends the hosted session, then goes to a registered logout_uri. */
export function logout(
  ctx: PoolContext,
  store: OAuthStore,
  query: URLSearchParams,
  cookies: Record<string, string>,
): Outcome {
  const scope = oauthClient(ctx, query.get('client_id'));
  if (typeof scope === 'string') return page(400, errorPage(scope));
  store.endHostedSession(cookies[hostedCookieName(scope.pool.id)]);
  const logoutUri = query.get('logout_uri');
  if (logoutUri !== null) {
    if (!urlAllowed(scope.oauth.logoutUrls, logoutUri)) {
      return page(400, errorPage(`${logoutUri} is not a sign-out URL of this app client.`));
    }
    return { kind: 'redirect', location: logoutUri, setCookie: clearedCookie(scope.pool.id) };
  }
  // Cognito's other form: sign out, then show the login page again for redirect_uri.
  const redirectUri = query.get('redirect_uri');
  if (redirectUri !== null && urlAllowed(scope.oauth.callbackUrls, redirectUri)) {
    const again = new URLSearchParams(query);
    again.delete('logout_uri');
    return {
      kind: 'redirect',
      location: `/oauth2/authorize?${again.toString()}`,
      setCookie: clearedCookie(scope.pool.id),
    };
  }
  return page(400, errorPage('logout needs a registered logout_uri (or redirect_uri).'));
}

/** The endpoints a hosted-UI domain serves, for the OpenID configuration documents. */
export function oauthEndpoints(origin: string) {
  return {
    authorization_endpoint: `${origin}/oauth2/authorize`,
    token_endpoint: `${origin}/oauth2/token`,
    userinfo_endpoint: `${origin}/oauth2/userInfo`,
    end_session_endpoint: `${origin}/logout`,
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
  };
}
