/**
 * A minimal USER_SRP_AUTH client over plain fetch, built from the shared SRP primitives, for the
 * load figure and for tests that need to bend one part of the answer (TIMESTAMP, signature).
 */
import { randomBytes } from 'node:crypto';
import { bytesToBigInt } from '../src/cognito/srp/bytes';
import { N, g } from '../src/cognito/srp/group';
import {
  cognitoTimestamp,
  multiplierK,
  passwordAuthenticationKey,
  passwordClaimSignature,
  privateKeyX,
  scramblingU,
} from '../src/cognito/srp/primitives';
import { srpPoolName } from './config';
import { modPowN } from './srp-verifier';

export async function callJson(
  url: string,
  operation: string,
  body: unknown,
): Promise<{ ok: boolean; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(body),
  });
  return { ok: response.ok, body: (await response.json()) as Record<string, unknown> };
}

export interface SrpSignInOptions {
  url: string;
  poolId: string;
  clientId: string;
  username: string;
  password: string;
  /** Defaults to the Cognito format of the current time. */
  timestamp?: string;
}

/** Runs InitiateAuth + PASSWORD_VERIFIER; returns the second answer (tokens or next challenge). */
export async function srpSignIn(options: SrpSignInOptions) {
  const poolName = srpPoolName(options.poolId);
  const a = bytesToBigInt(new Uint8Array(randomBytes(128)));
  const A = modPowN(g, a);
  const started = await callJson(options.url, 'InitiateAuth', {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: options.clientId,
    AuthParameters: { USERNAME: options.username, SRP_A: A.toString(16) },
  });
  if (!started.ok) return started;
  const parameters = started.body.ChallengeParameters as Record<string, string>;
  const userId = parameters.USER_ID_FOR_SRP ?? options.username;
  const B = BigInt(`0x${parameters.SRP_B ?? ''}`);
  const u = await scramblingU(A, B);
  const x = await privateKeyX(
    BigInt(`0x${parameters.SALT ?? ''}`),
    poolName,
    userId,
    options.password,
  );
  let base = (B - (await multiplierK()) * modPowN(g, x)) % N;
  if (base < 0n) base += N;
  const key = await passwordAuthenticationKey(modPowN(base, a + u * x), u);
  const timestamp = options.timestamp ?? cognitoTimestamp(new Date());
  const secretBlock = parameters.SECRET_BLOCK ?? '';
  return callJson(options.url, 'RespondToAuthChallenge', {
    ChallengeName: 'PASSWORD_VERIFIER',
    ClientId: options.clientId,
    Session: started.body.Session,
    ChallengeResponses: {
      USERNAME: userId,
      PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
      TIMESTAMP: timestamp,
      PASSWORD_CLAIM_SIGNATURE: await passwordClaimSignature(
        key,
        poolName,
        userId,
        secretBlock,
        timestamp,
      ),
    },
  });
}
