/**
 * InitiateAuth and RespondToAuthChallenge: every flow and challenge the issue lists, with the
 * checks Cognito makes (allowed flows, SECRET_HASH, user state, SRP signature, codes, Sessions).
 */
import { srpPoolName, type MfaKind } from './config';
import {
  assertFlowAllowed,
  assertSecretHash,
  requireUser,
  resolveClient,
  type ClientScope,
  type PoolContext,
} from './context';
import {
  MFA_CHALLENGE,
  afterFirstFactor,
  enabledMfa,
  missingRequiredAttributes,
  openChallenge,
  sendFlowCode,
  startMfaChallenge,
  type FlowResult,
} from './auth-challenges';
import { checkCode } from './codes';
import {
  answerCustomChallenge,
  nextCustomStep,
  srpPasswordVerifierChallenge,
  triggersOf,
} from './custom-auth';
import { CognitoError, Errors } from './errors';
import type { FlowData } from './flow-data';
import { completeSignIn } from './issue-tokens';
import { requiredString, stringMap, optionalString, type Json } from './input';
import { assertPasswordPolicy } from './password-policy';
import { refreshWithInitiateAuth } from './refresh';
import type { StoredSession } from './sessions';
import { AUTO_SIGN_IN_PURPOSE, isSignUpPurpose, takeSignUpSession } from './sign-up-sessions';
import {
  answerDevicePasswordVerifier,
  answerDeviceSrp,
  answerPasswordVerifier,
  srpA,
} from './srp-answers';
import { createVerifier, passwordMatches } from './srp-verifier';
import type { UserRecord } from './state';
import { checkTotp } from './totp';
import {
  startWebAuthnChallenge,
  verifyWebAuthnAnswer,
  webAuthnAvailable,
} from './webauthn/sign-in';

const MAX_CHALLENGE_ATTEMPTS = 3;

function assertUsable(user: UserRecord): void {
  if (!user.enabled) throw Errors.userDisabled();
  if (user.status === 'RESET_REQUIRED') throw Errors.resetRequired();
}

/** A DEVICE_KEY must name one of this user's devices; clients drop it and retry otherwise. */
function deviceOf(scope: ClientScope, user: UserRecord, key: string | undefined) {
  if (key === undefined || key === '') return undefined;
  const device = scope.data.devices[key];
  if (device?.username !== user.username) throw Errors.deviceNotFound();
  return key;
}

async function checkPassword(scope: ClientScope, user: UserRecord, password: string) {
  if (
    !(await passwordMatches(user.password, srpPoolName(scope.pool.id), user.username, password))
  ) {
    throw Errors.badCredentials();
  }
}

function usernameParam(params: Record<string, string>): string {
  const username = params.USERNAME;
  if (username === undefined || username === '') {
    throw new CognitoError('InvalidParameterException', 'Missing required parameter USERNAME');
  }
  return username;
}

function availableFirstFactors(scope: ClientScope, user: UserRecord): string[] {
  return scope.poolSettings.firstFactors.filter((factor) => {
    if (factor === 'EMAIL_OTP') return user.attributes.email !== undefined;
    if (factor === 'SMS_OTP') return user.attributes.phone_number !== undefined;
    if (factor === 'WEB_AUTHN') return webAuthnAvailable(scope, user);
    return true;
  });
}

async function startFirstFactor(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  factor: string,
  params: Record<string, string>,
  data: FlowData,
): Promise<FlowResult> {
  if (factor === 'PASSWORD') {
    const password = params.PASSWORD;
    if (password === undefined)
      throw new CognitoError('InvalidParameterException', 'Missing required parameter PASSWORD');
    await checkPassword(scope, user, password);
    return afterFirstFactor(ctx, scope, user, data);
  }
  if (factor === 'PASSWORD_SRP') {
    return srpPasswordVerifierChallenge(ctx, scope, user, srpA(params), data);
  }
  if (factor === 'WEB_AUTHN') return startWebAuthnChallenge(ctx, scope, user, data);
  const medium = factor === 'SMS_OTP' ? 'SMS' : 'EMAIL';
  const sent = sendFlowCode(ctx, scope, user, medium, { ...data, passwordless: true }, 'sign-in');
  return openChallenge(ctx, scope, user, factor, sent.parameters, sent.data);
}

export async function initiateAuth(ctx: PoolContext, body: Json): Promise<unknown> {
  const flow = requiredString(body, 'AuthFlow');
  const scope = resolveClient(ctx, requiredString(body, 'ClientId'));
  const params = stringMap(body, 'AuthParameters');
  const clientMetadata = stringMap(body, 'ClientMetadata');

  if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
    assertFlowAllowed(scope, 'REFRESH_TOKEN_AUTH');
    return refreshWithInitiateAuth(ctx, scope, params);
  }
  if (flow === 'ADMIN_NO_SRP_AUTH' || flow === 'ADMIN_USER_PASSWORD_AUTH') {
    throw new CognitoError('InvalidParameterException', 'Initiate Auth method not supported.');
  }
  if (!['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'CUSTOM_AUTH', 'USER_AUTH'].includes(flow)) {
    throw new CognitoError(
      'InvalidParameterException',
      `1 validation error detected: Value '${flow}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, USER_PASSWORD_AUTH, USER_AUTH]`,
    );
  }
  assertFlowAllowed(scope, flow);
  const username = usernameParam(params);
  const found = scope.data.users[username.toLowerCase()];
  assertSecretHash(scope, params.SECRET_HASH, username, found);
  const user = requireUser(scope.data, username);
  assertUsable(user);
  const data: FlowData = { flow: flow as FlowData['flow'], clientMetadata };

  if (flow === 'USER_SRP_AUTH') {
    return srpPasswordVerifierChallenge(ctx, scope, user, srpA(params), data);
  }
  if (flow === 'USER_PASSWORD_AUTH') {
    const password = params.PASSWORD;
    if (password === undefined)
      throw new CognitoError('InvalidParameterException', 'Missing required parameter PASSWORD');
    const deviceKey = deviceOf(scope, user, params.DEVICE_KEY);
    await checkPassword(scope, user, password);
    return afterFirstFactor(ctx, scope, user, {
      ...data,
      ...(deviceKey === undefined ? {} : { deviceKey }),
    });
  }
  if (flow === 'CUSTOM_AUTH') {
    triggersOf(scope);
    const deviceKey = deviceOf(scope, user, params.DEVICE_KEY);
    const withDevice = { ...data, ...(deviceKey === undefined ? {} : { deviceKey }) };
    if (params.CHALLENGE_NAME === 'SRP_A' || params.SRP_A !== undefined) {
      const A = srpA(params);
      return nextCustomStep(ctx, scope, user, { ...withDevice, pendingSrpA: A }, [
        { challengeName: 'SRP_A', challengeResult: true },
      ]);
    }
    return nextCustomStep(ctx, scope, user, withDevice, []);
  }
  // USER_AUTH
  const autoSignInSession = optionalString(body, 'Session');
  if (autoSignInSession !== undefined && autoSignInSession !== '') {
    // The confirmation code of ConfirmSignUp was the first factor; MFA still applies.
    takeSignUpSession(ctx, scope, user, autoSignInSession, AUTO_SIGN_IN_PURPOSE);
    return afterFirstFactor(ctx, scope, user, data);
  }
  const available = availableFirstFactors(scope, user);
  const preferred = params.PREFERRED_CHALLENGE;
  if (preferred !== undefined && available.includes(preferred)) {
    return startFirstFactor(ctx, scope, user, preferred, params, data);
  }
  const Session = ctx.sessions.create(
    {
      poolId: scope.pool.id,
      clientId: scope.client.id,
      username: user.username,
      challenge: 'SELECT_CHALLENGE',
    },
    scope.settings.authSessionValidityMinutes * 60_000,
    { ...data, choices: available },
  );
  return {
    ChallengeName: 'SELECT_CHALLENGE',
    ChallengeParameters: {},
    Session,
    AvailableChallenges: available,
  };
}

/** A wrong code keeps the Session for another try (up to a limit), as Cognito does. */
function wrongCode(ctx: PoolContext, session: StoredSession<FlowData>): never {
  ctx.sessions.retry(session, MAX_CHALLENGE_ATTEMPTS);
  throw Errors.mfaCodeMismatch();
}

function checkFlowCode(
  ctx: PoolContext,
  session: StoredSession<FlowData>,
  given: string | undefined,
) {
  if (given === undefined || given === '') throw Errors.missing('challengeResponses');
  const result = checkCode(session.data.code, given, ctx.now());
  if (result === 'expired') throw Errors.codeExpired();
  if (result !== 'ok') wrongCode(ctx, session);
}

async function answerNewPassword(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  session: StoredSession<FlowData>,
  responses: Record<string, string>,
): Promise<FlowResult> {
  const password = responses.NEW_PASSWORD;
  if (password === undefined || password === '') {
    throw new CognitoError('InvalidParameterException', 'Missing required parameter NEW_PASSWORD');
  }
  assertPasswordPolicy(password, scope.poolSettings.passwordPolicy);
  const updates: Record<string, string> = {};
  for (const [name, value] of Object.entries(responses)) {
    if (name.startsWith('userAttributes.') && value !== '')
      updates[name.slice('userAttributes.'.length)] = value;
  }
  const missing = missingRequiredAttributes(scope, {
    ...user,
    attributes: { ...user.attributes, ...updates },
  });
  if (missing.length > 0) {
    throw new CognitoError(
      'InvalidParameterException',
      `Invalid attributes given, ${missing.join(', ')} is missing`,
    );
  }
  user.password = await createVerifier(
    srpPoolName(scope.pool.id),
    user.username,
    password,
    ctx.randomBytes,
  );
  Object.assign(user.attributes, updates);
  user.status = 'CONFIRMED';
  user.updatedAt = ctx.now();
  ctx.changed();
  return afterFirstFactor(ctx, scope, user, session.data);
}

async function answerMfaSetup(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  session: StoredSession<FlowData>,
  responses: Record<string, string>,
): Promise<FlowResult> {
  const choices = session.data.choices ?? [];
  if (session.data.totpVerified === true)
    return completeSignIn(ctx, scope, user, session.data.deviceKey);
  const email = responses.EMAIL;
  if (email !== undefined && email !== '' && choices.includes('EMAIL_OTP')) {
    const sent = sendFlowCode(ctx, scope, user, 'EMAIL', session.data, 'authentication', email);
    return openChallenge(ctx, scope, user, 'EMAIL_OTP', sent.parameters, {
      ...sent.data,
      setupEmail: email,
    });
  }
  throw new CognitoError(
    'InvalidParameterException',
    'MFA_SETUP needs a verified software token (AssociateSoftwareToken, VerifySoftwareToken) or an EMAIL.',
  );
}

function findPasswordVerifierSession(
  ctx: PoolContext,
  scope: ClientScope,
  secretBlock: string | undefined,
) {
  if (secretBlock === undefined) return undefined;
  return ctx.sessions.find(
    (candidate) =>
      candidate.clientId === scope.client.id &&
      candidate.challenge === 'PASSWORD_VERIFIER' &&
      candidate.data.srp?.secretBlock === secretBlock,
  )?.id;
}

export async function respondToAuthChallenge(ctx: PoolContext, body: Json): Promise<unknown> {
  const challenge = requiredString(body, 'ChallengeName');
  const scope = resolveClient(ctx, requiredString(body, 'ClientId'));
  const responses = stringMap(body, 'ChallengeResponses');
  // Sign-up Sessions are spent only by ConfirmSignUp and InitiateAuth.
  if (isSignUpPurpose(challenge)) throw Errors.invalidSession();
  let sessionId = optionalString(body, 'Session');
  if (challenge === 'PASSWORD_VERIFIER' && (sessionId === undefined || sessionId === '')) {
    // Cognito's PASSWORD_VERIFIER can be answered by SECRET_BLOCK alone.
    sessionId = findPasswordVerifierSession(ctx, scope, responses.PASSWORD_CLAIM_SECRET_BLOCK);
  }
  const session = ctx.sessions.take(sessionId, {
    poolId: scope.pool.id,
    clientId: scope.client.id,
    challenge,
  });
  const user = requireUser(scope.data, session.username);
  try {
    const given = responses.USERNAME;
    if (given === undefined || given === '') throw Errors.missing('challengeResponses.USERNAME');
    assertSecretHash(scope, responses.SECRET_HASH, given, user);
    if (given.toLowerCase() !== user.username.toLowerCase() && given !== user.sub)
      throw Errors.invalidSession();
    if (!user.enabled) throw Errors.userDisabled();
    if (challenge === 'PASSWORD_VERIFIER' && session.data.deviceKey === undefined) {
      deviceOf(scope, user, responses.DEVICE_KEY);
    }
  } catch (error) {
    // Input mistakes do not burn the Session: clients fix them and resend (e.g. drop DEVICE_KEY).
    ctx.sessions.retry(session, Number.POSITIVE_INFINITY);
    throw error;
  }
  try {
    return await answer(ctx, scope, user, session, responses);
  } catch (error) {
    // A rejected input (weak new password, missing attribute, unknown choice) can be corrected
    // and resent with the same Session, as on Cognito; wrong codes are counted in wrongCode.
    if (
      error instanceof CognitoError &&
      (error.type === 'InvalidPasswordException' || error.type === 'InvalidParameterException')
    ) {
      ctx.sessions.retry(session, MAX_CHALLENGE_ATTEMPTS);
    }
    throw error;
  }
}

async function answer(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  session: StoredSession<FlowData>,
  responses: Record<string, string>,
): Promise<FlowResult> {
  switch (session.challenge) {
    case 'PASSWORD_VERIFIER':
      return answerPasswordVerifier(ctx, scope, user, session, responses);
    case 'SMS_MFA':
      checkFlowCode(ctx, session, responses.SMS_MFA_CODE);
      return completeSignIn(ctx, scope, user, session.data.deviceKey);
    case 'SMS_OTP':
      checkFlowCode(ctx, session, responses.SMS_OTP_CODE);
      return afterFirstFactor(ctx, scope, user, { ...session.data, passwordless: true });
    case 'EMAIL_OTP': {
      checkFlowCode(ctx, session, responses.EMAIL_OTP_CODE);
      const setupEmail = session.data.setupEmail;
      if (setupEmail !== undefined) {
        user.attributes.email = setupEmail;
        user.attributes.email_verified = 'true';
        user.mfa.email = true;
        user.updatedAt = ctx.now();
        ctx.changed();
      }
      if (session.data.passwordless === true)
        return afterFirstFactor(ctx, scope, user, session.data);
      return completeSignIn(ctx, scope, user, session.data.deviceKey);
    }
    case 'SOFTWARE_TOKEN_MFA': {
      const secret = user.totpSecret;
      const code = responses.SOFTWARE_TOKEN_MFA_CODE ?? '';
      const result =
        secret === undefined
          ? { valid: false }
          : await checkTotp(secret, code, ctx.now(), user.totpLastTimeStep);
      if (!result.valid || result.timeStep === undefined) wrongCode(ctx, session);
      user.totpLastTimeStep = result.timeStep;
      ctx.changed();
      return completeSignIn(ctx, scope, user, session.data.deviceKey);
    }
    case 'WEB_AUTHN':
      await verifyWebAuthnAnswer(ctx, scope, user, session.data, responses.CREDENTIAL);
      return afterFirstFactor(ctx, scope, user, session.data);
    case 'SELECT_MFA_TYPE': {
      const choice = responses.ANSWER ?? '';
      const kind = Object.entries(MFA_CHALLENGE).find(([, name]) => name === choice)?.[0] as
        MfaKind | undefined;
      if (
        kind === undefined ||
        !(session.data.choices ?? []).includes(choice) ||
        !enabledMfa(scope, user).includes(kind)
      ) {
        throw new CognitoError('InvalidParameterException', `Invalid MFA type ${choice}`);
      }
      return startMfaChallenge(ctx, scope, user, kind, session.data);
    }
    case 'SELECT_CHALLENGE': {
      const choice = responses.ANSWER ?? '';
      if (!(session.data.choices ?? []).includes(choice)) {
        throw new CognitoError('InvalidParameterException', `Invalid challenge ${choice}`);
      }
      return startFirstFactor(ctx, scope, user, choice, responses, session.data);
    }
    case 'MFA_SETUP':
      return answerMfaSetup(ctx, scope, user, session, responses);
    case 'NEW_PASSWORD_REQUIRED':
      return answerNewPassword(ctx, scope, user, session, responses);
    case 'CUSTOM_CHALLENGE':
      return answerCustomChallenge(ctx, scope, user, session.data, responses.ANSWER ?? '');
    case 'DEVICE_SRP_AUTH':
      return answerDeviceSrp(ctx, scope, user, session, responses);
    case 'DEVICE_PASSWORD_VERIFIER':
      return answerDevicePasswordVerifier(ctx, scope, user, session, responses);
    default:
      throw new CognitoError(
        'InvalidParameterException',
        `Unsupported challenge ${session.challenge}`,
      );
  }
}
