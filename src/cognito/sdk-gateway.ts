/**
 * The gateway over Cognito's user-pool API. Two transports per account: one that retries
 * (InitiateAuth and refresh, which are safe to repeat) and one with `maxAttempts: 1` for
 * everything that spends a single-use Session or sends a code. These user-pool operations are
 * unauthenticated (`smithy.api#noAuth`), so the requests carry no AWS signature or credentials.
 * The wire is sdk-gateway-transport.ts (a small JSON client: the AWS SDK v3 client did not fit the
 * service worker's bundle budget); the field names are Cognito's, as in the API reference.
 */
import type { CodeDeliveryDetails } from '../signin/steps';
import { AuthError, toAuthError } from './auth-error';
import type { AuthStepResult, AuthTokens, CognitoClientConfig, CognitoGateway } from './gateway';
import { secretHash } from './secret-hash';
import { callCognito, type TransportConfig } from './sdk-gateway-transport';
import { createServerClock, fetchObservingClock } from './server-clock';
import { DEFAULT_REQUEST_TIMEOUT_MS, fetchWithTimeout } from './timeout';
import type {
  AssociateSoftwareTokenOutput,
  AuthenticationResultType,
  CodeDeliveryDetailsType,
  ConfirmDeviceOutput,
  ConfirmSignUpOutput,
  ForgotPasswordOutput,
  GetTokensFromRefreshTokenOutput,
  GetUserOutput,
  InitiateAuthOutput,
  ResendConfirmationCodeOutput,
  RespondToAuthChallengeOutput,
  SignUpOutput,
  VerifySoftwareTokenOutput,
} from './sdk-gateway-types';

/** Attempts for the operations that may be repeated (throttling, 5xx, network). */
const RETRYING_ATTEMPTS = 3;

const send = <Output>(transport: TransportConfig, operation: string, input: object) =>
  callCognito<Output>(transport, operation, input);

export interface GatewayOptions {
  /** Per request, until the answer's headers arrive (default 8 s). */
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
  /** The clock the sign-in runner uses (Cognito's clock offset is measured against it). */
  now?: () => number;
}

export function createSdkGateway(
  config: CognitoClientConfig,
  options: GatewayOptions = {},
): CognitoGateway {
  const serverClock = createServerClock();
  const base = {
    region: config.region,
    ...(config.endpoint !== undefined && { endpoint: config.endpoint }),
    // Every request has a deadline (a stalled Cognito becomes RequestTimeout, never retried) and
    // tells the server clock Cognito's Date.
    fetch: fetchObservingClock(
      fetchWithTimeout(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, options.fetch),
      serverClock,
      options.now ?? Date.now,
    ),
  };
  const retrying: TransportConfig = { ...base, maxAttempts: RETRYING_ATTEMPTS };
  const once: TransportConfig = { ...base, maxAttempts: 1 };
  const { clientId, clientSecret } = config;

  const hashFor = async (username: string | undefined) =>
    clientSecret !== undefined && username !== undefined
      ? { SECRET_HASH: await secretHash(username, clientId, clientSecret) }
      : {};
  const secretHashField = async (username: string) =>
    clientSecret !== undefined
      ? { SecretHash: await secretHash(username, clientId, clientSecret) }
      : {};

  async function call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toAuthError(error);
    }
  }

  return {
    config,
    serverClock,

    initiateAuth: ({ authFlow, parameters, session }) =>
      call(async () => {
        // With a Session (auto sign-in after ConfirmSignUp) it spends a single-use Session.
        const out = await send<InitiateAuthOutput>(
          session === undefined ? retrying : once,
          'InitiateAuth',
          {
            ClientId: clientId,
            AuthFlow: authFlow,
            AuthParameters: { ...parameters, ...(await hashFor(parameters.USERNAME)) },
            ...(session !== undefined && { Session: session }),
          },
        );
        return toStepResult(out);
      }),

    respondToAuthChallenge: ({ challengeName, responses, session }) =>
      call(async () => {
        const out = await send<RespondToAuthChallengeOutput>(once, 'RespondToAuthChallenge', {
          ClientId: clientId,
          ChallengeName: challengeName,
          ChallengeResponses: { ...responses, ...(await hashFor(responses.USERNAME)) },
          Session: session,
        });
        return toStepResult(out);
      }),

    associateSoftwareToken: ({ session }) =>
      call(async () => {
        const out = await send<AssociateSoftwareTokenOutput>(once, 'AssociateSoftwareToken', {
          Session: session,
        });
        if (!out.SecretCode || !out.Session) throw malformed('AssociateSoftwareToken');
        return { secretCode: out.SecretCode, session: out.Session };
      }),

    verifySoftwareToken: ({ session, code, friendlyDeviceName }) =>
      call(async () => {
        const out = await send<VerifySoftwareTokenOutput>(once, 'VerifySoftwareToken', {
          Session: session,
          UserCode: code,
          ...(friendlyDeviceName !== undefined && { FriendlyDeviceName: friendlyDeviceName }),
        });
        if (out.Status !== 'SUCCESS' || !out.Session) {
          throw new AuthError(
            'EnableSoftwareTokenMFAException',
            'The authenticator code did not match.',
            'Type the current code from your authenticator app.',
          );
        }
        return { session: out.Session };
      }),

    signUp: ({ username, password, attributes }) =>
      call(async () => {
        const out = await send<SignUpOutput>(once, 'SignUp', {
          ClientId: clientId,
          Username: username,
          Password: password,
          UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
          ...(await secretHashField(username)),
        });
        const delivery = toDelivery(out.CodeDeliveryDetails);
        return {
          userConfirmed: out.UserConfirmed === true,
          ...(delivery && { codeDeliveryDetails: delivery }),
          ...(out.Session !== undefined && { session: out.Session }),
        };
      }),

    confirmSignUp: ({ username, code, session }) =>
      call(async () => {
        const out = await send<ConfirmSignUpOutput>(once, 'ConfirmSignUp', {
          ClientId: clientId,
          Username: username,
          ConfirmationCode: code,
          ...(session !== undefined && { Session: session }),
          ...(await secretHashField(username)),
        });
        return out.Session !== undefined ? { session: out.Session } : {};
      }),

    resendConfirmationCode: ({ username }) =>
      call(async () => {
        const out = await send<ResendConfirmationCodeOutput>(once, 'ResendConfirmationCode', {
          ClientId: clientId,
          Username: username,
          ...(await secretHashField(username)),
        });
        return toDelivery(out.CodeDeliveryDetails);
      }),

    forgotPassword: ({ username }) =>
      call(async () => {
        const out = await send<ForgotPasswordOutput>(once, 'ForgotPassword', {
          ClientId: clientId,
          Username: username,
          ...(await secretHashField(username)),
        });
        return toDelivery(out.CodeDeliveryDetails);
      }),

    confirmForgotPassword: ({ username, code, newPassword }) =>
      call(async () => {
        await send<unknown>(once, 'ConfirmForgotPassword', {
          ClientId: clientId,
          Username: username,
          ConfirmationCode: code,
          Password: newPassword,
          ...(await secretHashField(username)),
        });
      }),

    getTokensFromRefreshToken: ({ refreshToken, deviceKey }) =>
      call(async () => {
        const out = await send<GetTokensFromRefreshTokenOutput>(
          retrying,
          'GetTokensFromRefreshToken',
          {
            ClientId: clientId,
            RefreshToken: refreshToken,
            ...(clientSecret !== undefined && { ClientSecret: clientSecret }),
            ...(deviceKey !== undefined && { DeviceKey: deviceKey }),
          },
        );
        return toTokens(out.AuthenticationResult, 'GetTokensFromRefreshToken');
      }),

    refreshTokenAuth: ({ refreshToken, username, deviceKey }) =>
      call(async () => {
        const out = await send<InitiateAuthOutput>(retrying, 'InitiateAuth', {
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: {
            REFRESH_TOKEN: refreshToken,
            ...(deviceKey !== undefined && { DEVICE_KEY: deviceKey }),
            ...(await hashFor(username)),
          },
        });
        return toTokens(out.AuthenticationResult, 'REFRESH_TOKEN_AUTH');
      }),

    revokeToken: ({ refreshToken }) =>
      call(async () => {
        await send<unknown>(once, 'RevokeToken', {
          ClientId: clientId,
          Token: refreshToken,
          ...(clientSecret !== undefined && { ClientSecret: clientSecret }),
        });
      }),

    globalSignOut: ({ accessToken }) =>
      call(async () => {
        await send<unknown>(once, 'GlobalSignOut', { AccessToken: accessToken });
      }),

    confirmDevice: ({ accessToken, deviceKey, deviceName, salt, passwordVerifier }) =>
      call(async () => {
        const out = await send<ConfirmDeviceOutput>(once, 'ConfirmDevice', {
          AccessToken: accessToken,
          DeviceKey: deviceKey,
          DeviceName: deviceName,
          DeviceSecretVerifierConfig: { Salt: salt, PasswordVerifier: passwordVerifier },
        });
        return { userConfirmationNecessary: out.UserConfirmationNecessary === true };
      }),

    updateDeviceStatus: ({ accessToken, deviceKey, remembered }) =>
      call(async () => {
        await send<unknown>(once, 'UpdateDeviceStatus', {
          AccessToken: accessToken,
          DeviceKey: deviceKey,
          DeviceRememberedStatus: remembered ? 'remembered' : 'not_remembered',
        });
      }),

    getUser: ({ accessToken }) =>
      call(async () => {
        const out = await send<GetUserOutput>(once, 'GetUser', { AccessToken: accessToken });
        const attributes: Record<string, string> = {};
        for (const { Name, Value } of out.UserAttributes ?? []) {
          if (Name !== undefined && Value !== undefined) attributes[Name] = Value;
        }
        return { username: out.Username ?? '', attributes };
      }),
  };
}

function malformed(operation: string): AuthError {
  return new AuthError(
    'MalformedResponse',
    `Cognito answered ${operation} with an incomplete response.`,
    'Try again (if you had sent a code, it may have been used: if the next try says the sign-in expired, start again). If it keeps failing, check the endpoint in the account settings.',
  );
}

function toStepResult(out: {
  ChallengeName?: string | undefined;
  ChallengeParameters?: Record<string, string> | undefined;
  Session?: string | undefined;
  AuthenticationResult?: AuthenticationResultType | undefined;
  AvailableChallenges?: string[] | undefined;
}): AuthStepResult {
  if (out.AuthenticationResult) {
    return { kind: 'tokens', tokens: toTokens(out.AuthenticationResult, 'sign-in') };
  }
  if (!out.ChallengeName || !out.Session) throw malformed('the sign-in');
  return {
    kind: 'challenge',
    challengeName: out.ChallengeName,
    parameters: out.ChallengeParameters ?? {},
    session: out.Session,
    ...(out.AvailableChallenges && { availableChallenges: out.AvailableChallenges }),
  };
}

function toTokens(result: AuthenticationResultType | undefined, operation: string): AuthTokens {
  if (!result?.AccessToken || !result.IdToken) throw malformed(operation);
  const device = result.NewDeviceMetadata;
  return {
    accessToken: result.AccessToken,
    idToken: result.IdToken,
    ...(result.RefreshToken !== undefined && { refreshToken: result.RefreshToken }),
    expiresInSeconds: result.ExpiresIn ?? 3600,
    ...(device?.DeviceKey &&
      device.DeviceGroupKey && {
        newDevice: { deviceKey: device.DeviceKey, deviceGroupKey: device.DeviceGroupKey },
      }),
  };
}

function toDelivery(details: CodeDeliveryDetailsType | undefined): CodeDeliveryDetails | undefined {
  if (!details) return undefined;
  const medium = details.DeliveryMedium;
  return {
    ...((medium === 'SMS' || medium === 'EMAIL') && { deliveryMedium: medium }),
    ...(details.Destination !== undefined && { destination: details.Destination }),
    ...(details.AttributeName !== undefined && { attributeName: details.AttributeName }),
  };
}
