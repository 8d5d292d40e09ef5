/**
 * The steps between a verified first factor and the tokens: new password, remembered device,
 * MFA (choice, setup, codes), and the helpers that open a challenge Session. Shared by
 * InitiateAuth and RespondToAuthChallenge (auth-flow.ts).
 */
import type { MfaKind } from './config';
import type { ClientScope, PoolContext } from './context';
import { issueCode } from './codes';
import { CognitoError } from './errors';
import type { FlowData } from './flow-data';
import { completeSignIn } from './issue-tokens';
import { codeDeliveryDetails } from './outbox';
import type { UserRecord } from './state';

export interface ChallengeResponse {
  ChallengeName: string;
  ChallengeParameters: Record<string, string>;
  Session: string;
  AvailableChallenges?: string[];
}

export type FlowResult = ChallengeResponse | Awaited<ReturnType<typeof completeSignIn>>;

export const MFA_CHALLENGE: Record<MfaKind, string> = {
  SMS: 'SMS_MFA',
  TOTP: 'SOFTWARE_TOKEN_MFA',
  EMAIL: 'EMAIL_OTP',
};

/** Cognito's own order for MFAS_CAN_CHOOSE / MFAS_CAN_SETUP. */
const MFA_ORDER: MfaKind[] = ['SMS', 'TOTP', 'EMAIL'];

export function openChallenge(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  challenge: string,
  parameters: Record<string, string>,
  data: FlowData,
): ChallengeResponse {
  const Session = ctx.sessions.create(
    { poolId: scope.pool.id, clientId: scope.client.id, username: user.username, challenge },
    scope.settings.authSessionValidityMinutes * 60_000,
    data,
  );
  return {
    ChallengeName: challenge,
    ChallengeParameters: { USER_ID_FOR_SRP: user.username, ...parameters },
    Session,
  };
}

/** Sends a one-time code by SMS or email and remembers it in the flow data. */
export function sendFlowCode(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  medium: 'SMS' | 'EMAIL',
  data: FlowData,
  purpose: string,
  destination?: string,
): { data: FlowData; parameters: Record<string, string> } {
  const to =
    destination ?? (medium === 'SMS' ? user.attributes.phone_number : user.attributes.email);
  if (to === undefined) {
    throw new CognitoError(
      'InvalidParameterException',
      `User has no ${medium === 'SMS' ? 'phone number' : 'email address'} to send a code to.`,
    );
  }
  const code = issueCode(
    ctx.now(),
    scope.settings.authSessionValidityMinutes * 60_000,
    ctx.randomDigit,
  );
  ctx.outbox.send({
    to,
    medium,
    username: user.username,
    code: code.code,
    message: `Your ${purpose} code is ${code.code}`,
  });
  const details = codeDeliveryDetails(medium, to);
  return {
    data: { ...data, code: { ...code, medium } },
    parameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: details.DeliveryMedium,
      CODE_DELIVERY_DESTINATION: details.Destination,
    },
  };
}

export function startMfaChallenge(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  kind: MfaKind,
  data: FlowData,
): ChallengeResponse {
  const base: FlowData = { ...data };
  delete base.choices;
  if (kind === 'TOTP') return openChallenge(ctx, scope, user, 'SOFTWARE_TOKEN_MFA', {}, base);
  const medium = kind === 'SMS' ? 'SMS' : 'EMAIL';
  const sent = sendFlowCode(ctx, scope, user, medium, base, 'authentication');
  return openChallenge(ctx, scope, user, MFA_CHALLENGE[kind], sent.parameters, sent.data);
}

/** MFA factors the user has enabled that the pool offers (and that have a destination). */
export function enabledMfa(scope: ClientScope, user: UserRecord): MfaKind[] {
  return MFA_ORDER.filter((kind) => {
    if (!scope.poolSettings.mfaTypes.includes(kind)) return false;
    if (kind === 'SMS') return user.mfa.sms && user.attributes.phone_number !== undefined;
    if (kind === 'TOTP') return user.mfa.totp && user.totpSecret !== undefined;
    return user.mfa.email && user.attributes.email !== undefined;
  });
}

function rememberedDevice(scope: ClientScope, user: UserRecord, deviceKey: string | undefined) {
  if (deviceKey === undefined) return undefined;
  const device = scope.data.devices[deviceKey];
  if (device?.username !== user.username || !device.confirmed || !device.verifier) return undefined;
  const remembered = scope.poolSettings.deviceTracking === 'ALWAYS' || device.remembered;
  return remembered ? device : undefined;
}

export function missingRequiredAttributes(scope: ClientScope, user: UserRecord): string[] {
  return scope.poolSettings.requiredAttributes.filter(
    (name) => (user.attributes[name] ?? '') === '',
  );
}

/**
 * After the password (or custom challenge, or OTP) was accepted: what Cognito asks next, in its
 * order: confirmation, a forced new password, a remembered device, MFA, then tokens.
 */
export async function afterFirstFactor(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  data: FlowData,
): Promise<FlowResult> {
  if (user.status === 'UNCONFIRMED') {
    throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
  }
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    const attributes: Record<string, string> = { ...user.attributes };
    return openChallenge(
      ctx,
      scope,
      user,
      'NEW_PASSWORD_REQUIRED',
      {
        requiredAttributes: JSON.stringify(
          missingRequiredAttributes(scope, user).map((name) => `userAttributes.${name}`),
        ),
        userAttributes: JSON.stringify(attributes),
      },
      data,
    );
  }
  if (rememberedDevice(scope, user, data.deviceKey)) {
    return openChallenge(ctx, scope, user, 'DEVICE_SRP_AUTH', {}, data);
  }
  if (data.passwordless === true || scope.poolSettings.mfa === 'OFF') {
    return completeSignIn(ctx, scope, user, data.deviceKey);
  }
  const enabled = enabledMfa(scope, user);
  if (enabled.length === 0) {
    if (scope.poolSettings.mfa !== 'ON') return completeSignIn(ctx, scope, user, data.deviceKey);
    const canSetup = MFA_ORDER.filter((kind) => scope.poolSettings.mfaTypes.includes(kind)).map(
      (kind) => MFA_CHALLENGE[kind],
    );
    return openChallenge(
      ctx,
      scope,
      user,
      'MFA_SETUP',
      { MFAS_CAN_SETUP: JSON.stringify(canSetup) },
      { ...data, choices: canSetup },
    );
  }
  const preferred = user.mfa.preferred;
  if (preferred !== undefined && enabled.includes(preferred)) {
    return startMfaChallenge(ctx, scope, user, preferred, data);
  }
  const [only] = enabled;
  if (enabled.length === 1 && only !== undefined) {
    return startMfaChallenge(ctx, scope, user, only, data);
  }
  const canChoose = enabled.map((kind) => MFA_CHALLENGE[kind]);
  return openChallenge(
    ctx,
    scope,
    user,
    'SELECT_MFA_TYPE',
    { MFAS_CAN_CHOOSE: JSON.stringify(canChoose) },
    { ...data, choices: canChoose },
  );
}
