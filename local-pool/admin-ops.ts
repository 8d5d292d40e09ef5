/**
 * The admin calls tests and seeds need. Real Cognito requires IAM credentials for these; the
 * local pool accepts them unsigned because it only listens on loopback for development.
 */
import { randomUUID } from 'node:crypto';
import { poolSettings, srpPoolName } from './config';
import { findPool, requireUser, type PoolContext } from './context';
import { CognitoError } from './errors';
import { nameValueList, optionalBoolean, optionalString, requiredString, type Json } from './input';
import { assertPasswordPolicy } from './password-policy';
import { applyMfaPreference, describeUser } from './account-ops';
import { createVerifier } from './srp-verifier';
import type { UserRecord } from './state';

function target(ctx: PoolContext, body: Json) {
  const { pool, data } = findPool(ctx, requiredString(body, 'UserPoolId'));
  return { pool, data, user: requireUser(data, requiredString(body, 'Username')) };
}

function adminView(user: UserRecord) {
  return {
    ...describeUser(user),
    UserStatus: user.status,
    Enabled: user.enabled,
    UserCreateDate: user.createdAt / 1000,
    UserLastModifiedDate: user.updatedAt / 1000,
  };
}

export async function adminCreateUser(ctx: PoolContext, body: Json) {
  const { pool, data } = findPool(ctx, requiredString(body, 'UserPoolId'));
  const username = requiredString(body, 'Username');
  if (data.users[username.toLowerCase()]) {
    throw new CognitoError('UsernameExistsException', 'User account already exists');
  }
  const settings = poolSettings(pool);
  const temporary = optionalString(body, 'TemporaryPassword') ?? `Tmp-${randomUUID()}Aa1!`;
  assertPasswordPolicy(temporary, settings.passwordPolicy);
  const now = ctx.now();
  const attributes = nameValueList(body, 'UserAttributes');
  delete attributes.sub;
  const user: UserRecord = {
    username,
    sub: randomUUID(),
    status: 'FORCE_CHANGE_PASSWORD',
    enabled: true,
    attributes,
    password: await createVerifier(srpPoolName(pool.id), username, temporary, ctx.randomBytes),
    mfa: { sms: false, totp: false, email: false },
    createdAt: now,
    updatedAt: now,
    codes: {},
  };
  data.users[username.toLowerCase()] = user;
  if (optionalString(body, 'MessageAction') !== 'SUPPRESS' && attributes.email !== undefined) {
    ctx.outbox.send({
      to: attributes.email,
      medium: 'EMAIL',
      username,
      code: temporary,
      message: `Your username is ${username} and temporary password is ${temporary}`,
    });
  }
  ctx.changed();
  return { User: { ...adminView(user), Attributes: adminView(user).UserAttributes } };
}

export function adminGetUser(ctx: PoolContext, body: Json) {
  return adminView(target(ctx, body).user);
}

export function adminSetUserMfaPreference(ctx: PoolContext, body: Json) {
  const { user } = target(ctx, body);
  applyMfaPreference(user, body);
  user.updatedAt = ctx.now();
  ctx.changed();
  return {};
}

export function adminResetUserPassword(ctx: PoolContext, body: Json) {
  const { user } = target(ctx, body);
  user.status = 'RESET_REQUIRED';
  user.updatedAt = ctx.now();
  ctx.changed();
  return {};
}

export function adminSetEnabled(enabled: boolean) {
  return (ctx: PoolContext, body: Json) => {
    const { user } = target(ctx, body);
    user.enabled = enabled;
    user.updatedAt = ctx.now();
    ctx.changed();
    return {};
  };
}

export function adminConfirmSignUp(ctx: PoolContext, body: Json) {
  const { user } = target(ctx, body);
  if (user.status === 'UNCONFIRMED') user.status = 'CONFIRMED';
  delete user.codes.signUp;
  ctx.changed();
  return {};
}

export async function adminSetUserPassword(ctx: PoolContext, body: Json) {
  const { pool, user } = target(ctx, body);
  const password = requiredString(body, 'Password');
  assertPasswordPolicy(password, poolSettings(pool).passwordPolicy);
  user.password = await createVerifier(
    srpPoolName(pool.id),
    user.username,
    password,
    ctx.randomBytes,
  );
  user.status = optionalBoolean(body, 'Permanent') === true ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
  user.updatedAt = ctx.now();
  ctx.changed();
  return {};
}

export function adminUpdateUserAttributes(ctx: PoolContext, body: Json) {
  const { user } = target(ctx, body);
  const updates = nameValueList(body, 'UserAttributes');
  delete updates.sub;
  Object.assign(user.attributes, updates);
  user.updatedAt = ctx.now();
  ctx.changed();
  return {};
}

export function adminDeleteUser(ctx: PoolContext, body: Json) {
  const { data, user } = target(ctx, body);
  Reflect.deleteProperty(data.users, user.username.toLowerCase());
  ctx.changed();
  return {};
}

export function listUsers(ctx: PoolContext, body: Json) {
  const { data } = findPool(ctx, requiredString(body, 'UserPoolId'));
  return {
    Users: Object.values(data.users).map((user) => {
      const view = adminView(user);
      return {
        Username: view.Username,
        Attributes: view.UserAttributes,
        UserStatus: view.UserStatus,
        Enabled: view.Enabled,
        UserCreateDate: view.UserCreateDate,
        UserLastModifiedDate: view.UserLastModifiedDate,
      };
    }),
  };
}
