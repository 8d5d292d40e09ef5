/**
 * RS256 JWTs with Cognito's claims, signed by one key pair per pool server (persisted in the data
 * directory when there is one), and the JWKS that verifies them.
 */
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK } from 'jose';
import { Errors } from './errors';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
  /** The private JWK, to write to the data directory. */
  privateJwk: JWK;
}

export async function createSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  return importSigningKey({ ...(await exportJWK(privateKey)), kid });
}

export async function importSigningKey(privateJwk: JWK): Promise<SigningKey> {
  const kid = privateJwk.kid ?? 'local-pool';
  const privateKey = (await importJWK({ ...privateJwk, alg: 'RS256' }, 'RS256')) as CryptoKey;
  const { n, e } = privateJwk;
  if (n === undefined || e === undefined) throw new Error('signing key JWK lacks n or e');
  const publicJwk: JWK = { kty: 'RSA', alg: 'RS256', use: 'sig', kid, n, e };
  const publicKey = (await importJWK(publicJwk, 'RS256')) as CryptoKey;
  return { kid, privateKey, publicKey, privateJwk: { ...privateJwk, kid }, publicJwk };
}

export function jwks(key: SigningKey): { keys: JWK[] } {
  return { keys: [key.publicJwk] };
}

export interface TokenSubject {
  sub: string;
  username: string;
  attributes: Record<string, string>;
}

export interface TokenGrant {
  issuer: string;
  clientId: string;
  originJti: string;
  authTime: number;
  /** Epoch ms from the pool's clock. */
  now: number;
  accessValidityMinutes: number;
  idValidityMinutes: number;
  deviceKey?: string;
  eventId: string;
  jti: () => string;
  /** The access token's `scope` claim (hosted-UI grants); default: the API sign-in scope. */
  scope?: string;
}

const ID_TOKEN_ATTRIBUTES = new Set([
  'email',
  'email_verified',
  'phone_number',
  'phone_number_verified',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'locale',
  'zoneinfo',
]);

async function sign(key: SigningKey, claims: Record<string, unknown>, iat: number, exp: number) {
  return new SignJWT({ ...claims, iat, exp })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .sign(key.privateKey);
}

export async function issueIdToken(key: SigningKey, subject: TokenSubject, grant: TokenGrant) {
  const iat = Math.floor(grant.now / 1000);
  const claims: Record<string, unknown> = { sub: subject.sub };
  for (const [name, value] of Object.entries(subject.attributes)) {
    if (ID_TOKEN_ATTRIBUTES.has(name) || name.startsWith('custom:')) {
      claims[name] = name.endsWith('_verified') ? value === 'true' : value;
    }
  }
  Object.assign(claims, {
    iss: grant.issuer,
    'cognito:username': subject.username,
    origin_jti: grant.originJti,
    aud: grant.clientId,
    event_id: grant.eventId,
    token_use: 'id',
    auth_time: grant.authTime,
    jti: grant.jti(),
  });
  return sign(key, claims, iat, iat + grant.idValidityMinutes * 60);
}

export async function issueAccessToken(key: SigningKey, subject: TokenSubject, grant: TokenGrant) {
  const iat = Math.floor(grant.now / 1000);
  const claims: Record<string, unknown> = { sub: subject.sub };
  if (grant.deviceKey !== undefined) claims.device_key = grant.deviceKey;
  Object.assign(claims, {
    iss: grant.issuer,
    client_id: grant.clientId,
    origin_jti: grant.originJti,
    event_id: grant.eventId,
    token_use: 'access',
    scope: grant.scope ?? 'aws.cognito.signin.user.admin',
    auth_time: grant.authTime,
    jti: grant.jti(),
    username: subject.username,
  });
  return sign(key, claims, iat, iat + grant.accessValidityMinutes * 60);
}

export interface AccessClaims {
  sub: string;
  username: string;
  client_id: string;
  origin_jti: string;
  iss: string;
  exp: number;
  device_key?: string;
}

/**
 * Verifies signature, token_use and expiry against the pool's clock. The issuer is checked by
 * pool id only, because the same pool can be reached at several addresses (127.0.0.1, localhost).
 */
export async function verifyAccessToken(
  key: SigningKey,
  token: string,
  poolIdOf: (iss: string) => string | undefined,
  now: number,
): Promise<AccessClaims & { poolId: string }> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key.publicKey, {
      algorithms: ['RS256'],
      currentDate: new Date(now),
      clockTolerance: 0,
    }));
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ERR_JWT_EXPIRED') {
      throw Errors.accessTokenExpired();
    }
    throw Errors.invalidAccessToken();
  }
  const claims = payload as Partial<AccessClaims> & { token_use?: unknown };
  const poolId = typeof claims.iss === 'string' ? poolIdOf(claims.iss) : undefined;
  if (
    claims.token_use !== 'access' ||
    poolId === undefined ||
    typeof claims.username !== 'string' ||
    typeof claims.origin_jti !== 'string' ||
    typeof claims.client_id !== 'string' ||
    typeof claims.sub !== 'string'
  ) {
    throw Errors.invalidAccessToken();
  }
  return { ...(claims as AccessClaims), poolId };
}
