/**
 * Performs the reducer's effects against Cognito and feeds the results back, persisting every
 * state before moving on. The password of a start or PASSWORD_SRP answer lives only inside the
 * one effect that needs it.
 */
import { toAuthError } from '../cognito/auth-error';
import { serverNow } from '../cognito/server-clock';
import type { AuthStepResult, AuthTokens } from '../cognito/gateway';
import type { SrpEphemeral } from '../cognito/srp/srp';
import type { Effect, FlowEvent, ReduceContext, ResultEvent } from './effects';
import type { FlowState } from './flow-state';
import {
  respondWithDevice,
  settleInternal,
  withDeviceRetry,
  type InternalDeps,
} from './internal-challenges';
import { reduce } from './machine';
import { totpSetupDoneResponses } from './answer-to-responses';
import type { SignedInUser } from './steps';

export interface RunnerDeps extends InternalDeps {
  /** Stores tokens, confirms a new device, schedules the refresh. */
  completeSignIn: (
    tokens: AuthTokens,
  ) => Promise<{ user: SignedInUser; accessTokenExpiresAt: number }>;
}

export async function runEffect(effect: Effect, deps: RunnerDeps): Promise<ResultEvent> {
  try {
    return await perform(effect, deps);
  } catch (error) {
    return {
      type: 'failed',
      effect: effect.type,
      ...(effect.type === 'initiateAuth' && effect.session !== undefined && { autoSignIn: true }),
      error: toAuthError(error).toView(),
    };
  }
}

async function perform(effect: Effect, local: RunnerDeps): Promise<ResultEvent> {
  // SRP TIMESTAMPs must be in Cognito's time, or a machine with a wrong clock cannot sign in.
  const deps = { ...local, now: serverNow(local.gateway.serverClock, local.now) };
  const { gateway } = deps;
  switch (effect.type) {
    case 'initiateAuth':
      return { type: 'authResult', result: await initiate(effect, deps) };
    case 'respond': {
      let srp: { ephemeral: SrpEphemeral; password: string } | undefined;
      let responses = effect.responses;
      if (effect.srpPassword !== undefined) {
        const ephemeral = await deps.ephemeral();
        srp = { ephemeral, password: effect.srpPassword };
        responses = { ...responses, SRP_A: ephemeral.srpA };
      }
      const first = await respondWithDevice(deps, {
        challengeName: effect.challengeName,
        responses,
        session: effect.session,
      });
      return { type: 'authResult', result: await settleInternal(deps, first, srp) };
    }
    case 'associateTotp': {
      const out = await gateway.associateSoftwareToken({ session: effect.session });
      return { type: 'totpAssociated', secretCode: out.secretCode, session: out.session };
    }
    case 'verifyTotp': {
      const verified = await gateway.verifySoftwareToken({
        session: effect.session,
        code: effect.code,
        ...(effect.friendlyDeviceName !== undefined && {
          friendlyDeviceName: effect.friendlyDeviceName,
        }),
      });
      const done = totpSetupDoneResponses(effect.username);
      const first = await gateway.respondToAuthChallenge({ ...done, session: verified.session });
      return { type: 'authResult', result: await settleInternal(deps, first, undefined) };
    }
    case 'signUp': {
      const out = await gateway.signUp(effect);
      return {
        type: 'codeSent',
        purpose: 'signUp',
        userConfirmed: out.userConfirmed,
        ...(out.codeDeliveryDetails && { codeDeliveryDetails: out.codeDeliveryDetails }),
        ...(out.session !== undefined && { session: out.session }),
      };
    }
    case 'confirmSignUp': {
      const out = await gateway.confirmSignUp(effect);
      return {
        type: 'signUpConfirmed',
        ...(out.session !== undefined && { session: out.session }),
      };
    }
    case 'resendSignUpCode': {
      const details = await gateway.resendConfirmationCode(effect);
      return {
        type: 'codeSent',
        purpose: 'signUp',
        ...(details && { codeDeliveryDetails: details }),
      };
    }
    case 'forgotPassword': {
      const details = await gateway.forgotPassword(effect);
      return {
        type: 'codeSent',
        purpose: 'reset',
        ...(details && { codeDeliveryDetails: details }),
      };
    }
    case 'confirmForgotPassword':
      await gateway.confirmForgotPassword(effect);
      return { type: 'passwordReset' };
    case 'completeSignIn':
      return { type: 'signedIn', ...(await deps.completeSignIn(effect.tokens)) };
  }
}

async function initiate(
  effect: Extract<Effect, { type: 'initiateAuth' }>,
  deps: RunnerDeps,
): Promise<AuthStepResult> {
  const { gateway } = deps;
  const { authFlow, username, password, preferredChallenge, session } = effect;
  const usesSrp =
    authFlow === 'USER_SRP_AUTH' ||
    authFlow === 'CUSTOM_WITH_SRP' ||
    (authFlow === 'USER_AUTH' && preferredChallenge === 'PASSWORD_SRP');

  if (usesSrp) {
    if (password === undefined) throw new Error('unreachable: the reducer checks the password');
    const ephemeral = await deps.ephemeral();
    const parameters: Record<string, string> = { USERNAME: username, SRP_A: ephemeral.srpA };
    if (authFlow === 'CUSTOM_WITH_SRP') parameters.CHALLENGE_NAME = 'SRP_A';
    if (authFlow === 'USER_AUTH') parameters.PREFERRED_CHALLENGE = 'PASSWORD_SRP';
    const first = await gateway.initiateAuth({
      authFlow: authFlow === 'CUSTOM_WITH_SRP' ? 'CUSTOM_AUTH' : authFlow,
      parameters,
    });
    return settleInternal(deps, first, { ephemeral, password });
  }

  if (authFlow === 'USER_AUTH') {
    // No DEVICE_KEY in USER_AUTH's InitiateAuth: Cognito asks for the device later if at all.
    const parameters: Record<string, string> = { USERNAME: username };
    if (preferredChallenge !== undefined) parameters.PREFERRED_CHALLENGE = preferredChallenge;
    if (preferredChallenge === 'PASSWORD' && password !== undefined) parameters.PASSWORD = password;
    const first = await gateway.initiateAuth({
      authFlow,
      parameters,
      ...(session !== undefined && { session }),
    });
    return settleInternal(deps, first, undefined);
  }

  // USER_PASSWORD_AUTH and CUSTOM_AUTH take DEVICE_KEY up front.
  const first = await withDeviceRetry(deps.device, (deviceKey) =>
    gateway.initiateAuth({
      authFlow,
      parameters: {
        USERNAME: username,
        ...(authFlow === 'USER_PASSWORD_AUTH' && password !== undefined && { PASSWORD: password }),
        ...(deviceKey !== undefined && { DEVICE_KEY: deviceKey }),
      },
    }),
  );
  return settleInternal(deps, first, undefined);
}

/**
 * Reduces an event, persists, performs the effects one by one (each result is reduced and
 * persisted too). Returns the final state.
 */
export async function dispatch(input: {
  state: FlowState;
  event: FlowEvent;
  context: () => ReduceContext;
  deps: RunnerDeps;
  persist: (state: FlowState) => Promise<void>;
}): Promise<FlowState> {
  let transition = reduce(input.state, input.event, input.context());
  await input.persist(transition.state);
  const queue = [...transition.effects];
  for (let effect = queue.shift(); effect; effect = queue.shift()) {
    const result = await runEffect(effect, input.deps);
    transition = reduce(transition.state, result, input.context());
    await input.persist(transition.state);
    queue.push(...transition.effects);
  }
  return transition.state;
}
