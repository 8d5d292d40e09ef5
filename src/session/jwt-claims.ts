/**
 * Reads the claims the background needs from Cognito's JWTs. The signature is not checked here:
 * the tokens come straight from Cognito over TLS and are only read for display and scheduling.
 */
import { decodeJwt } from 'jose';
import type { SignedInUser } from '../signin/steps';

export interface TokenFacts {
  user: SignedInUser;
  /** Access token `exp`, epoch ms on Cognito's clock. */
  expiresAtServer: number;
  /** iat·1000 − local now: positive when the local clock is behind Cognito's. */
  clockDriftMs: number;
  /** Present when the pool has token revocation on (RevokeToken works). */
  originJti?: string;
}

export function readTokenFacts(idToken: string, accessToken: string, localNow: number): TokenFacts {
  const id = decodeJwt(idToken);
  const access = decodeJwt(accessToken);
  const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const username = str(id['cognito:username']) ?? str(access.username) ?? '';
  const email = str(id.email);
  const iat = typeof access.iat === 'number' ? access.iat : Math.floor(localNow / 1000);
  const exp = typeof access.exp === 'number' ? access.exp : iat + 3600;
  const originJti = str(access.origin_jti);
  return {
    user: {
      username,
      sub: str(id.sub) ?? str(access.sub) ?? '',
      ...(email !== undefined && { email }),
    },
    expiresAtServer: exp * 1000,
    clockDriftMs: iat * 1000 - localNow,
    ...(originJti !== undefined && { originJti }),
  };
}
