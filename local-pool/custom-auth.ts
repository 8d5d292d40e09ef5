/**
 * CUSTOM_AUTH: the define / create / verify triggers from the pool's configuration, driven the
 * way Cognito drives its Lambda triggers. `failAuthentication` ends the flow with
 * NotAuthorizedException.
 */
import { randomDigits } from './codes';
import type { ChallengeResult, TriggerContext, TriggerTools } from './config';
import type { ClientScope, PoolContext } from './context';
import { CognitoError, Errors } from './errors';
import type { FlowData } from './flow-data';
import { afterFirstFactor, openChallenge, type FlowResult } from './auth-challenges';
import type { UserRecord } from './state';
import { serverEphemeral } from './srp-verifier';

export function triggersOf(scope: ClientScope) {
  const triggers = scope.pool.customAuth;
  if (!triggers) {
    throw new CognitoError(
      'InvalidParameterException',
      'Custom auth lambda trigger is not configured for the user pool.',
    );
  }
  return triggers;
}

export function triggerContext(
  scope: ClientScope,
  user: UserRecord,
  data: FlowData,
): TriggerContext {
  return {
    userName: user.username,
    userAttributes: { sub: user.sub, ...user.attributes },
    clientId: scope.client.id,
    clientMetadata: data.clientMetadata,
  };
}

function tools(ctx: PoolContext, user: UserRecord): TriggerTools {
  return {
    sendEmail: (to, code, message) =>
      ctx.outbox.send({ to, medium: 'EMAIL', username: user.username, code, message }),
    sendSms: (to, code, message) =>
      ctx.outbox.send({ to, medium: 'SMS', username: user.username, code, message }),
    randomDigits: (length) => randomDigits(length, ctx.randomDigit),
  };
}

export async function srpPasswordVerifierChallenge(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  A: string,
  data: FlowData,
) {
  const ephemeral = await serverEphemeral(user.password.verifier, ctx.randomBytes);
  const secretBlock = Buffer.from(ctx.randomBytes(64)).toString('base64');
  return openChallenge(
    ctx,
    scope,
    user,
    'PASSWORD_VERIFIER',
    {
      SALT: user.password.salt,
      SECRET_BLOCK: secretBlock,
      SRP_B: ephemeral.B,
      USERNAME: user.username,
    },
    { ...data, srp: { A, ephemeral, secretBlock } },
  );
}

/** Asks the define trigger what comes next, given the history so far. */
export async function nextCustomStep(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  data: FlowData,
  history: ChallengeResult[],
): Promise<FlowResult> {
  const triggers = triggersOf(scope);
  const context = triggerContext(scope, user, data);
  const decision = await triggers.defineAuthChallenge({ ...context, session: history });
  const base: FlowData = { ...data, custom: { history, privateParameters: {} } };
  if (decision.failAuthentication) throw Errors.badCredentials();
  if (decision.issueTokens) return afterFirstFactor(ctx, scope, user, base);
  if (decision.challengeName === 'PASSWORD_VERIFIER') {
    if (data.pendingSrpA === undefined) {
      throw new CognitoError(
        'InvalidParameterException',
        'SRP_A is required for PASSWORD_VERIFIER.',
      );
    }
    return srpPasswordVerifierChallenge(ctx, scope, user, data.pendingSrpA, base);
  }
  if (decision.challengeName === 'CUSTOM_CHALLENGE') {
    const created = await triggers.createAuthChallenge(
      { ...context, challengeName: 'CUSTOM_CHALLENGE', session: history },
      tools(ctx, user),
    );
    return openChallenge(
      ctx,
      scope,
      user,
      'CUSTOM_CHALLENGE',
      { ...created.publicChallengeParameters, USERNAME: user.username },
      {
        ...base,
        custom: {
          history,
          privateParameters: created.privateChallengeParameters,
          ...(created.challengeMetadata === undefined
            ? {}
            : { metadata: created.challengeMetadata }),
        },
      },
    );
  }
  throw new CognitoError(
    'InvalidParameterException',
    'DefineAuthChallenge returned neither a challenge, tokens nor failure.',
  );
}

export async function answerCustomChallenge(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  data: FlowData,
  answer: string,
): Promise<FlowResult> {
  const custom = data.custom ?? { history: [], privateParameters: {} };
  const { answerCorrect } = await triggersOf(scope).verifyAuthChallengeResponse({
    ...triggerContext(scope, user, data),
    privateChallengeParameters: custom.privateParameters,
    challengeAnswer: answer,
  });
  const history: ChallengeResult[] = [
    ...custom.history,
    {
      challengeName: 'CUSTOM_CHALLENGE',
      challengeResult: answerCorrect,
      ...(custom.metadata === undefined ? {} : { challengeMetadata: custom.metadata }),
    },
  ];
  return nextCustomStep(ctx, scope, user, data, history);
}
