/** Test-only: JWT-shaped tokens with the claims Amplify and amazon-cognito-identity-js read. */
import type { SiteTokens } from '../session-source';

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Unsigned tokens are enough: neither library verifies signatures in the browser. */
export function fakeJwt(claims: Record<string, unknown>): string {
  return `${base64url({ alg: 'RS256', kid: 'test' })}.${base64url(claims)}.c2lnbmF0dXJl`;
}

export const TEST_CLIENT_ID = '3demo0public0client0000000';
export const TEST_POOL_ID = 'us-east-1_DemoPool0';

/** Tokens issued at `issuedAt` (server clock, seconds), received at `receivedAt` (local ms). */
export function makeTokens(options: {
  username?: string;
  sub?: string;
  issuedAt: number;
  receivedAt: number;
  lifetimeSeconds?: number;
  refreshToken?: string;
}): SiteTokens {
  const username = options.username ?? 'alice';
  const sub = options.sub ?? '7d1c2f3e-0000-4000-8000-00000000a11c';
  const exp = options.issuedAt + (options.lifetimeSeconds ?? 3600);
  const iss = `http://127.0.0.1:9230/${TEST_POOL_ID}`;
  const accessToken = fakeJwt({
    sub,
    iss,
    client_id: TEST_CLIENT_ID,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: options.issuedAt,
    iat: options.issuedAt,
    exp,
    username,
  });
  const idToken = fakeJwt({
    sub,
    iss,
    aud: TEST_CLIENT_ID,
    token_use: 'id',
    'cognito:username': username,
    email: `${username}@example.com`,
    auth_time: options.issuedAt,
    iat: options.issuedAt,
    exp,
  });
  return {
    username,
    accessToken,
    idToken,
    ...(options.refreshToken !== undefined && { refreshToken: options.refreshToken }),
    accessTokenIat: options.issuedAt,
    idTokenIat: options.issuedAt,
    receivedAt: options.receivedAt,
    signInDetails: { loginId: username, authFlowType: 'USER_SRP_AUTH' },
  };
}
