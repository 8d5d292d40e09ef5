/**
 * The gateway over AWS SDK v3 (`@aws-sdk/client-cognito-identity-provider`, a fixed part of the
 * stack), on the two clients of sdk-clients.ts: the retrying one for InitiateAuth without a
 * Session and refresh, the send-once one for everything that spends a Session or a code.
 */
import {
  AssociateSoftwareTokenCommand,
  ConfirmDeviceCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SignUpCommand,
  UpdateDeviceStatusCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type {
  AuthenticationResultType,
  AuthFlowType,
  ChallengeNameType,
  CodeDeliveryDetailsType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { CodeDeliveryDetails } from '../signin/steps';
import { AuthError, toAuthError } from './auth-error';
import type { AuthStepResult, AuthTokens, CognitoClientConfig, CognitoGateway } from './gateway';
import { secretHash } from './secret-hash';
import { createCognitoClients, type GatewayOptions } from './sdk-clients';

export type { GatewayOptions } from './sdk-clients';

export function createSdkGateway(
  config: CognitoClientConfig,
  options: GatewayOptions = {},
): CognitoGateway {
  const { retrying, once, serverClock } = createCognitoClients(config, options);
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
        const out = await (session === undefined ? retrying : once).send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: authFlow as AuthFlowType,
            AuthParameters: { ...parameters, ...(await hashFor(parameters.USERNAME)) },
            ...(session !== undefined && { Session: session }),
          }),
        );
        return toStepResult(out);
      }),

    respondToAuthChallenge: ({ challengeName, responses, session }) =>
      call(async () => {
        const out = await once.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: challengeName as ChallengeNameType,
            ChallengeResponses: { ...responses, ...(await hashFor(responses.USERNAME)) },
            Session: session,
          }),
        );
        return toStepResult(out);
      }),

    associateSoftwareToken: ({ session }) =>
      call(async () => {
        const out = await once.send(
          new AssociateSoftwareTokenCommand({
            Session: session,
          }),
        );
        if (!out.SecretCode || !out.Session) throw malformed('AssociateSoftwareToken');
        return { secretCode: out.SecretCode, session: out.Session };
      }),

    verifySoftwareToken: ({ session, code, friendlyDeviceName }) =>
      call(async () => {
        const out = await once.send(
          new VerifySoftwareTokenCommand({
            Session: session,
            UserCode: code,
            ...(friendlyDeviceName !== undefined && { FriendlyDeviceName: friendlyDeviceName }),
          }),
        );
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
        const out = await once.send(
          new SignUpCommand({
            ClientId: clientId,
            Username: username,
            Password: password,
            UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
            ...(await secretHashField(username)),
          }),
        );
        const delivery = toDelivery(out.CodeDeliveryDetails);
        return {
          userConfirmed: out.UserConfirmed === true,
          ...(delivery && { codeDeliveryDetails: delivery }),
          ...(out.Session !== undefined && { session: out.Session }),
        };
      }),

    confirmSignUp: ({ username, code, session }) =>
      call(async () => {
        const out = await once.send(
          new ConfirmSignUpCommand({
            ClientId: clientId,
            Username: username,
            ConfirmationCode: code,
            ...(session !== undefined && { Session: session }),
            ...(await secretHashField(username)),
          }),
        );
        return out.Session !== undefined ? { session: out.Session } : {};
      }),

    resendConfirmationCode: ({ username }) =>
      call(async () => {
        const out = await once.send(
          new ResendConfirmationCodeCommand({
            ClientId: clientId,
            Username: username,
            ...(await secretHashField(username)),
          }),
        );
        return toDelivery(out.CodeDeliveryDetails);
      }),

    forgotPassword: ({ username }) =>
      call(async () => {
        const out = await once.send(
          new ForgotPasswordCommand({
            ClientId: clientId,
            Username: username,
            ...(await secretHashField(username)),
          }),
        );
        return toDelivery(out.CodeDeliveryDetails);
      }),

    confirmForgotPassword: ({ username, code, newPassword }) =>
      call(async () => {
        await once.send(
          new ConfirmForgotPasswordCommand({
            ClientId: clientId,
            Username: username,
            ConfirmationCode: code,
            Password: newPassword,
            ...(await secretHashField(username)),
          }),
        );
      }),

    getTokensFromRefreshToken: ({ refreshToken, deviceKey }) =>
      call(async () => {
        const out = await retrying.send(
          new GetTokensFromRefreshTokenCommand({
            ClientId: clientId,
            RefreshToken: refreshToken,
            ...(clientSecret !== undefined && { ClientSecret: clientSecret }),
            ...(deviceKey !== undefined && { DeviceKey: deviceKey }),
          }),
        );
        return toTokens(out.AuthenticationResult, 'GetTokensFromRefreshToken');
      }),

    refreshTokenAuth: ({ refreshToken, username, deviceKey }) =>
      call(async () => {
        const out = await retrying.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: {
              REFRESH_TOKEN: refreshToken,
              ...(deviceKey !== undefined && { DEVICE_KEY: deviceKey }),
              ...(await hashFor(username)),
            },
          }),
        );
        return toTokens(out.AuthenticationResult, 'REFRESH_TOKEN_AUTH');
      }),

    revokeToken: ({ refreshToken }) =>
      call(async () => {
        await once.send(
          new RevokeTokenCommand({
            ClientId: clientId,
            Token: refreshToken,
            ...(clientSecret !== undefined && { ClientSecret: clientSecret }),
          }),
        );
      }),

    globalSignOut: ({ accessToken }) =>
      call(async () => {
        await once.send(new GlobalSignOutCommand({ AccessToken: accessToken }));
      }),

    confirmDevice: ({ accessToken, deviceKey, deviceName, salt, passwordVerifier }) =>
      call(async () => {
        const out = await once.send(
          new ConfirmDeviceCommand({
            AccessToken: accessToken,
            DeviceKey: deviceKey,
            DeviceName: deviceName,
            DeviceSecretVerifierConfig: { Salt: salt, PasswordVerifier: passwordVerifier },
          }),
        );
        return { userConfirmationNecessary: out.UserConfirmationNecessary === true };
      }),

    updateDeviceStatus: ({ accessToken, deviceKey, remembered }) =>
      call(async () => {
        await once.send(
          new UpdateDeviceStatusCommand({
            AccessToken: accessToken,
            DeviceKey: deviceKey,
            DeviceRememberedStatus: remembered ? 'remembered' : 'not_remembered',
          }),
        );
      }),

    getUser: ({ accessToken }) =>
      call(async () => {
        const out = await once.send(new GetUserCommand({ AccessToken: accessToken }));
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
