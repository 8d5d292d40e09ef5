/**
 * The two SDK v3 clients of one account's pool: one that retries (operations safe to repeat) and
 * one with `maxAttempts: 1` for everything that spends a single-use Session, a challenge or a
 * code, or is not idempotent. The user-pool operations we call are unauthenticated or authorized
 * by an access token (`smithy.api#noAuth`): the credentials provider throws, so if the SDK ever
 * tried to sign a request we would see it fail instead of silently reading credentials from the
 * machine. Every attempt goes out through our own fetch (sdk-gateway-transport-handler.ts): an
 * 8 s deadline (RequestTimeout, never retried), Cognito's Date observed for the server clock, and
 * the injected fetch of tests.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { AuthError } from './auth-error';
import type { CognitoClientConfig } from './gateway';
import { fetchRequestHandler } from './sdk-gateway-transport-handler';
import { createServerClock, fetchObservingClock, type ServerClock } from './server-clock';
import { DEFAULT_REQUEST_TIMEOUT_MS, fetchWithTimeout } from './timeout';

/** Attempts for the operations that may be repeated (throttling, 5xx, network). */
const RETRYING_ATTEMPTS = 3;

function noCredentials(): never {
  throw new AuthError(
    'UnexpectedSigning',
    'Cognito Pass tried to sign a user-pool request.',
    'Report this: user-pool sign-in must not use AWS credentials.',
  );
}

export interface GatewayOptions {
  /** Per request, until the answer's headers arrive (default 8 s). */
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
  /** The clock the sign-in runner uses (Cognito's clock offset is measured against it). */
  now?: () => number;
}

export interface CognitoClients {
  retrying: CognitoIdentityProviderClient;
  once: CognitoIdentityProviderClient;
  serverClock: ServerClock;
}

export function createCognitoClients(
  config: Pick<CognitoClientConfig, 'region' | 'endpoint'>,
  options: GatewayOptions = {},
): CognitoClients {
  const serverClock = createServerClock();
  const base = {
    region: config.region,
    ...(config.endpoint !== undefined && { endpoint: config.endpoint }),
    credentials: noCredentials,
    requestHandler: fetchRequestHandler(
      fetchObservingClock(
        fetchWithTimeout(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, options.fetch),
        serverClock,
        options.now ?? Date.now,
      ),
    ),
  };
  return {
    retrying: new CognitoIdentityProviderClient({ ...base, maxAttempts: RETRYING_ATTEMPTS }),
    once: new CognitoIdentityProviderClient({ ...base, maxAttempts: 1 }),
    serverClock,
  };
}
