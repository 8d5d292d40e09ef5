/**
 * AssociateSoftwareToken and VerifySoftwareToken, both by AccessToken (a signed-in user adding
 * TOTP) and by Session (MFA_SETUP during sign-in, where each call hands back a new Session).
 */
import { resolveClient, requireUser, type PoolContext } from './context';
import { CognitoError } from './errors';
import { optionalString, requiredString, type Json } from './input';
import { authenticate } from './refresh';
import type { StoredSession } from './sessions';
import type { FlowData } from './flow-data';
import { checkTotp, newTotpSecret } from './totp';

/** Sessions carry no client id in the request, so find the MFA_SETUP Session's own client. */
function takeSetupSession(ctx: PoolContext, sessionId: string): StoredSession<FlowData> {
  const found = ctx.sessions.find((candidate) => candidate.id === sessionId);
  return ctx.sessions.take(sessionId, {
    poolId: found?.poolId ?? '',
    clientId: found?.clientId ?? '',
    challenge: 'MFA_SETUP',
  });
}

function reopen(ctx: PoolContext, session: StoredSession<FlowData>, data: FlowData): string {
  const scope = resolveClient(ctx, session.clientId);
  return ctx.sessions.create(
    {
      poolId: session.poolId,
      clientId: session.clientId,
      username: session.username,
      challenge: 'MFA_SETUP',
    },
    scope.settings.authSessionValidityMinutes * 60_000,
    data,
  );
}

export async function associateSoftwareToken(ctx: PoolContext, body: Json) {
  const sessionId = optionalString(body, 'Session');
  const secret = newTotpSecret();
  if (sessionId !== undefined && sessionId !== '') {
    const session = takeSetupSession(ctx, sessionId);
    if (!(session.data.choices ?? []).includes('SOFTWARE_TOKEN_MFA')) {
      throw new CognitoError(
        'InvalidParameterException',
        'The pool does not offer software token MFA.',
      );
    }
    const Session = reopen(ctx, session, {
      ...session.data,
      totpSecret: secret,
      totpVerified: false,
    });
    return { SecretCode: secret, Session };
  }
  const auth = await authenticate(ctx, body);
  auth.user.pendingTotpSecret = secret;
  ctx.changed();
  return { SecretCode: secret };
}

export async function verifySoftwareToken(ctx: PoolContext, body: Json) {
  const code = requiredString(body, 'UserCode');
  const sessionId = optionalString(body, 'Session');
  if (sessionId !== undefined && sessionId !== '') {
    const session = takeSetupSession(ctx, sessionId);
    const secret = session.data.totpSecret;
    const check =
      secret === undefined ? { valid: false } : await checkTotp(secret, code, ctx.now(), undefined);
    if (!check.valid || secret === undefined) {
      ctx.sessions.retry(session, 3);
      throw new CognitoError('EnableSoftwareTokenMFAException', 'Code mismatch');
    }
    const scope = resolveClient(ctx, session.clientId);
    const user = requireUser(scope.data, session.username);
    enroll(ctx, user, secret, check.timeStep);
    const Session = reopen(ctx, session, { ...session.data, totpVerified: true });
    return { Status: 'SUCCESS', Session };
  }
  const auth = await authenticate(ctx, body);
  const secret = auth.user.pendingTotpSecret;
  if (secret === undefined) {
    throw new CognitoError('InvalidParameterException', 'Call AssociateSoftwareToken first.');
  }
  const check = await checkTotp(secret, code, ctx.now(), undefined);
  if (!check.valid) throw new CognitoError('EnableSoftwareTokenMFAException', 'Code mismatch');
  enroll(ctx, auth.user, secret, check.timeStep);
  return { Status: 'SUCCESS' };
}

function enroll(
  ctx: PoolContext,
  user: {
    totpSecret?: string;
    pendingTotpSecret?: string;
    totpLastTimeStep?: number;
    mfa: { totp: boolean };
  },
  secret: string,
  timeStep: number | undefined,
) {
  user.totpSecret = secret;
  delete user.pendingTotpSecret;
  user.mfa.totp = true;
  if (timeStep !== undefined) user.totpLastTimeStep = timeStep;
  ctx.changed();
}
