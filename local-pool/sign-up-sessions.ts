/**
 * Sessions that let a new user sign in right after confirming their sign-up, as Cognito does for
 * app clients that allow USER_AUTH: SignUp hands out a "sign-up" Session, ConfirmSignUp a new
 * "auto sign-in" Session, and InitiateAuth USER_AUTH with that Session treats the confirmation
 * code as the first factor. They live in the same store as challenge Sessions (single-use, bound
 * to user and client, expiring with the client's AuthSessionValidity); their purposes are not
 * challenge names, so RespondToAuthChallenge can never answer with one.
 */
import type { ClientScope, PoolContext } from './context';
import { Errors } from './errors';
import type { StoredSession } from './sessions';
import type { FlowData } from './flow-data';
import type { UserRecord } from './state';

export const SIGN_UP_PURPOSE = 'sign-up';
export const AUTO_SIGN_IN_PURPOSE = 'auto sign-in';
export type SignUpPurpose = typeof SIGN_UP_PURPOSE | typeof AUTO_SIGN_IN_PURPOSE;

export function isSignUpPurpose(name: string): boolean {
  return name === SIGN_UP_PURPOSE || name === AUTO_SIGN_IN_PURPOSE;
}

/** Only clients that may use USER_AUTH get these Sessions; others sign in with the password. */
export function offersAutoSignIn(scope: ClientScope): boolean {
  return scope.settings.explicitAuthFlows.includes('ALLOW_USER_AUTH');
}

export function openSignUpSession(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  purpose: SignUpPurpose,
): string {
  return ctx.sessions.create(
    {
      poolId: scope.pool.id,
      clientId: scope.client.id,
      username: user.username,
      challenge: purpose,
    },
    scope.settings.authSessionValidityMinutes * 60_000,
    { flow: 'USER_AUTH', clientMetadata: {} },
  );
}

/**
 * Takes (spends) a sign-up Session of this purpose for this user and client. Another user's,
 * another client's, an expired or a reused Session is "Invalid session for the user.".
 */
export function takeSignUpSession(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  sessionId: string,
  purpose: SignUpPurpose,
): StoredSession<FlowData> {
  const session = ctx.sessions.take(sessionId, {
    poolId: scope.pool.id,
    clientId: scope.client.id,
    challenge: purpose,
  });
  if (session.username !== user.username) throw Errors.invalidSession();
  return session;
}
