/**
 * Sign-up, confirmation, forgotten passwords and the signed-in user's own operations (GetUser,
 * attributes, password, MFA preference). Codes go to the outbox.
 */
import { randomUUID } from 'node:crypto';
import { poolSettings, srpPoolName, type MfaKind } from './config';
import {
  assertSecretHash,
  attributeList,
  findPool,
  requireUser,
  resolveClient,
  type ClientScope,
  type PoolContext,
} from './context';
import { assertCodeOk, checkCode, issueCode } from './codes';
import { CognitoError, Errors } from './errors';
import {
  nameValueList,
  objectField,
  optionalBoolean,
  optionalString,
  requiredString,
  type Json,
} from './input';
import { codeDeliveryDetails } from './outbox';
import { assertPasswordPolicy } from './password-policy';
import { authenticate } from './refresh';
import {
  AUTO_SIGN_IN_PURPOSE,
  SIGN_UP_PURPOSE,
  offersAutoSignIn,
  openSignUpSession,
  takeSignUpSession,
} from './sign-up-sessions';
import { createVerifier, passwordMatches } from './srp-verifier';
import type { UserRecord } from './state';

const DAY_MS = 24 * 60 * 60_000;
const HOUR_MS = 60 * 60_000;

function sendAccountCode(
  ctx: PoolContext,
  user: UserRecord,
  medium: 'SMS' | 'EMAIL',
  purpose: string,
): { code: string; details: ReturnType<typeof codeDeliveryDetails> } {
  const to = medium === 'SMS' ? user.attributes.phone_number : user.attributes.email;
  if (to === undefined) {
    throw new CognitoError(
      'InvalidParameterException',
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    );
  }
  const issued = issueCode(ctx.now(), 0, ctx.randomDigit);
  ctx.outbox.send({
    to,
    medium,
    username: user.username,
    code: issued.code,
    message: `Your ${purpose} code is ${issued.code}`,
  });
  return { code: issued.code, details: codeDeliveryDetails(medium, to) };
}

function preferredMedium(user: UserRecord): 'SMS' | 'EMAIL' {
  return user.attributes.email === undefined && user.attributes.phone_number !== undefined
    ? 'SMS'
    : 'EMAIL';
}

function sendSignUpCode(ctx: PoolContext, user: UserRecord) {
  const medium = preferredMedium(user);
  const sent = sendAccountCode(ctx, user, medium, 'verification');
  user.codes.signUp = { code: sent.code, expiresAt: ctx.now() + DAY_MS, attempts: 0 };
  ctx.changed();
  return sent.details;
}

function scoped(ctx: PoolContext, body: Json) {
  const scope = resolveClient(ctx, requiredString(body, 'ClientId'));
  const username = requiredString(body, 'Username');
  return { scope, username };
}

function checkedUser(scope: ClientScope, body: Json, username: string): UserRecord {
  const found = scope.data.users[username.toLowerCase()];
  assertSecretHash(scope, optionalString(body, 'SecretHash'), username, found);
  return requireUser(scope.data, username);
}

export async function signUp(ctx: PoolContext, body: Json) {
  const { scope, username } = scoped(ctx, body);
  assertSecretHash(scope, optionalString(body, 'SecretHash'), username);
  const password = requiredString(body, 'Password');
  if (scope.data.users[username.toLowerCase()]) {
    throw new CognitoError('UsernameExistsException', 'User already exists');
  }
  assertPasswordPolicy(password, scope.poolSettings.passwordPolicy);
  const attributes = nameValueList(body, 'UserAttributes');
  const missing = scope.poolSettings.requiredAttributes.filter((name) => !attributes[name]);
  if (missing.length > 0) {
    throw new CognitoError(
      'InvalidParameterException',
      `Attributes did not conform to the schema: ${missing.map((name) => `${name}: The attribute ${name} is required`).join(', ')}`,
    );
  }
  delete attributes.sub;
  const now = ctx.now();
  const user: UserRecord = {
    username,
    sub: randomUUID(),
    status: 'UNCONFIRMED',
    enabled: true,
    attributes,
    password: await createVerifier(srpPoolName(scope.pool.id), username, password, ctx.randomBytes),
    mfa: { sms: false, totp: false, email: false },
    createdAt: now,
    updatedAt: now,
    codes: {},
  };
  scope.data.users[username.toLowerCase()] = user;
  const details = sendSignUpCode(ctx, user);
  return {
    UserConfirmed: false,
    UserSub: user.sub,
    CodeDeliveryDetails: details,
    ...(offersAutoSignIn(scope) && {
      Session: openSignUpSession(ctx, scope, user, SIGN_UP_PURPOSE),
    }),
  };
}

export function confirmSignUp(ctx: PoolContext, body: Json) {
  const { scope, username } = scoped(ctx, body);
  const user = checkedUser(scope, body, username);
  const code = requiredString(body, 'ConfirmationCode');
  if (user.status !== 'UNCONFIRMED') {
    throw new CognitoError(
      'NotAuthorizedException',
      'User cannot be confirmed. Current status is CONFIRMED',
    );
  }
  // The SignUp Session is optional (Amplify does not send it); one that is sent must be valid.
  const sessionId = optionalString(body, 'Session');
  const signUpSession =
    sessionId === undefined || sessionId === ''
      ? undefined
      : takeSignUpSession(ctx, scope, user, sessionId, SIGN_UP_PURPOSE);
  const result = checkCode(user.codes.signUp, code, ctx.now());
  if (result === 'mismatch' && user.codes.signUp) user.codes.signUp.attempts += 1;
  // A mistyped code keeps the Session so the person can retype it.
  if (result !== 'ok' && signUpSession) ctx.sessions.retry(signUpSession, Number.POSITIVE_INFINITY);
  assertCodeOk(result);
  delete user.codes.signUp;
  user.status = 'CONFIRMED';
  const verified = preferredMedium(user) === 'SMS' ? 'phone_number_verified' : 'email_verified';
  user.attributes[verified] = 'true';
  user.updatedAt = ctx.now();
  ctx.changed();
  // Returned with or without a SignUp Session, as Amplify's autoSignIn relies on it.
  return offersAutoSignIn(scope)
    ? { Session: openSignUpSession(ctx, scope, user, AUTO_SIGN_IN_PURPOSE) }
    : {};
}

export function resendConfirmationCode(ctx: PoolContext, body: Json) {
  const { scope, username } = scoped(ctx, body);
  const user = checkedUser(scope, body, username);
  if (user.status !== 'UNCONFIRMED') {
    throw new CognitoError('InvalidParameterException', 'User is already confirmed.');
  }
  return { CodeDeliveryDetails: sendSignUpCode(ctx, user) };
}

export function forgotPassword(ctx: PoolContext, body: Json) {
  const { scope, username } = scoped(ctx, body);
  const user = checkedUser(scope, body, username);
  if (!user.enabled) throw Errors.userDisabled();
  const sent = sendAccountCode(ctx, user, preferredMedium(user), 'password reset');
  user.codes.forgotPassword = { code: sent.code, expiresAt: ctx.now() + HOUR_MS, attempts: 0 };
  ctx.changed();
  return { CodeDeliveryDetails: sent.details };
}

export async function confirmForgotPassword(ctx: PoolContext, body: Json) {
  const { scope, username } = scoped(ctx, body);
  const user = checkedUser(scope, body, username);
  const code = requiredString(body, 'ConfirmationCode');
  const password = requiredString(body, 'Password');
  const result = checkCode(user.codes.forgotPassword, code, ctx.now());
  if (result === 'mismatch' && user.codes.forgotPassword) user.codes.forgotPassword.attempts += 1;
  assertCodeOk(result);
  assertPasswordPolicy(password, scope.poolSettings.passwordPolicy);
  delete user.codes.forgotPassword;
  user.password = await createVerifier(
    srpPoolName(scope.pool.id),
    user.username,
    password,
    ctx.randomBytes,
  );
  if (user.status === 'RESET_REQUIRED' || user.status === 'FORCE_CHANGE_PASSWORD')
    user.status = 'CONFIRMED';
  user.updatedAt = ctx.now();
  ctx.changed();
  return {};
}

function mfaSettingList(user: UserRecord): string[] {
  return [
    ...(user.mfa.sms ? ['SMS_MFA'] : []),
    ...(user.mfa.totp ? ['SOFTWARE_TOKEN_MFA'] : []),
    ...(user.mfa.email ? ['EMAIL_OTP'] : []),
  ];
}

const PREFERRED_NAME: Record<MfaKind, string> = {
  SMS: 'SMS_MFA',
  TOTP: 'SOFTWARE_TOKEN_MFA',
  EMAIL: 'EMAIL_OTP',
};

export function describeUser(user: UserRecord) {
  const list = mfaSettingList(user);
  return {
    Username: user.username,
    UserAttributes: attributeList(user),
    ...(list.length > 0 ? { UserMFASettingList: list } : {}),
    ...(user.mfa.preferred ? { PreferredMfaSetting: PREFERRED_NAME[user.mfa.preferred] } : {}),
  };
}

export async function getUser(ctx: PoolContext, body: Json) {
  const auth = await authenticate(ctx, body);
  return describeUser(auth.user);
}

export async function updateUserAttributes(ctx: PoolContext, body: Json) {
  const auth = await authenticate(ctx, body);
  const updates = nameValueList(body, 'UserAttributes');
  const deliveries: ReturnType<typeof codeDeliveryDetails>[] = [];
  for (const [name, value] of Object.entries(updates)) {
    if (name === 'sub' || name.endsWith('_verified')) {
      throw new CognitoError(
        'NotAuthorizedException',
        `A client attempted to write unauthorized attribute ${name}`,
      );
    }
    auth.user.attributes[name] = value;
    if (name === 'email' || name === 'phone_number') {
      auth.user.attributes[`${name}_verified`] = 'false';
      const sent = sendAccountCode(
        ctx,
        auth.user,
        name === 'email' ? 'EMAIL' : 'SMS',
        'verification',
      );
      auth.user.codes[name] = { code: sent.code, expiresAt: ctx.now() + DAY_MS, attempts: 0 };
      deliveries.push(sent.details);
    }
  }
  auth.user.updatedAt = ctx.now();
  ctx.changed();
  return { CodeDeliveryDetailsList: deliveries };
}

function attributeName(body: Json): 'email' | 'phone_number' {
  const name = requiredString(body, 'AttributeName');
  if (name !== 'email' && name !== 'phone_number') {
    throw new CognitoError('InvalidParameterException', `Attribute ${name} cannot be verified`);
  }
  return name;
}

export async function getUserAttributeVerificationCode(ctx: PoolContext, body: Json) {
  const auth = await authenticate(ctx, body);
  const name = attributeName(body);
  const sent = sendAccountCode(ctx, auth.user, name === 'email' ? 'EMAIL' : 'SMS', 'verification');
  auth.user.codes[name] = { code: sent.code, expiresAt: ctx.now() + DAY_MS, attempts: 0 };
  ctx.changed();
  return { CodeDeliveryDetails: sent.details };
}

export async function verifyUserAttribute(ctx: PoolContext, body: Json) {
  const auth = await authenticate(ctx, body);
  const name = attributeName(body);
  const issued = auth.user.codes[name];
  const result = checkCode(issued, requiredString(body, 'Code'), ctx.now());
  if (result === 'mismatch' && issued) issued.attempts += 1;
  assertCodeOk(result);
  auth.user.codes = Object.fromEntries(
    Object.entries(auth.user.codes).filter(([purpose]) => purpose !== name),
  );
  auth.user.attributes[`${name}_verified`] = 'true';
  ctx.changed();
  return {};
}

export async function changePassword(ctx: PoolContext, body: Json) {
  const auth = await authenticate(ctx, body);
  const { pool } = findPool(ctx, auth.poolId);
  const previous = requiredString(body, 'PreviousPassword');
  const proposed = requiredString(body, 'ProposedPassword');
  const poolName = srpPoolName(pool.id);
  if (!(await passwordMatches(auth.user.password, poolName, auth.user.username, previous))) {
    throw Errors.badCredentials();
  }
  assertPasswordPolicy(proposed, poolSettings(pool).passwordPolicy);
  auth.user.password = await createVerifier(
    poolName,
    auth.user.username,
    proposed,
    ctx.randomBytes,
  );
  auth.user.updatedAt = ctx.now();
  ctx.changed();
  return {};
}

/** Applies SMSMfaSettings / SoftwareTokenMfaSettings / EmailMfaSettings to a user. */
export function applyMfaPreference(user: UserRecord, body: Json): void {
  const settings: [string, MfaKind][] = [
    ['SMSMfaSettings', 'SMS'],
    ['SoftwareTokenMfaSettings', 'TOTP'],
    ['EmailMfaSettings', 'EMAIL'],
  ];
  for (const [field, kind] of settings) {
    const setting = objectField(body, field);
    if (!setting) continue;
    const enabled = optionalBoolean(setting, 'Enabled');
    const preferred = optionalBoolean(setting, 'PreferredMfa');
    if (kind === 'TOTP' && enabled === true && user.totpSecret === undefined) {
      throw new CognitoError(
        'InvalidParameterException',
        'User has not verified software token mfa',
      );
    }
    const key = kind === 'SMS' ? 'sms' : kind === 'TOTP' ? 'totp' : 'email';
    if (enabled !== undefined) user.mfa[key] = enabled;
    if (preferred === true) user.mfa.preferred = kind;
    if ((preferred === false || enabled === false) && user.mfa.preferred === kind)
      delete user.mfa.preferred;
  }
}

export async function setUserMfaPreference(ctx: PoolContext, body: Json) {
  const auth = await authenticate(ctx, body);
  applyMfaPreference(auth.user, body);
  auth.user.updatedAt = ctx.now();
  ctx.changed();
  return {};
}
