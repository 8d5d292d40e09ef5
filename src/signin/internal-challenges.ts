/**
 * The challenges nobody sees: PASSWORD_VERIFIER (SRP with the password still in memory for
 * this one request), DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER (SRP with the remembered
 * device's random password). Also the "Device does not exist" rule: forget the device locally
 * and send the same request once more without DEVICE_KEY.
 */
import { isDeviceNotFound, localErrors, toAuthError } from '../cognito/auth-error';
import type { AuthStepResult, CognitoGateway } from '../cognito/gateway';
import { computePasswordClaim, createEphemeral, type SrpEphemeral } from '../cognito/srp/srp';
import { CHALLENGES_TAKING_DEVICE_KEY } from './answer-to-responses';
import { INTERNAL_CHALLENGES } from './challenge-to-step';

export interface RememberedDevice {
  deviceKey: string;
  deviceGroupKey: string;
  devicePassword: string;
}

/** The device remembered for the user now signing in (keyed by the account and login). */
export interface DeviceMemory {
  get(): Promise<RememberedDevice | undefined>;
  forget(): Promise<void>;
}

export interface InternalDeps {
  gateway: CognitoGateway;
  device: DeviceMemory;
  now: () => number;
  /** A fresh SRP ephemeral (or the one computed while the person typed). */
  ephemeral: () => SrpEphemeral | Promise<SrpEphemeral>;
}

/** Calls with DEVICE_KEY get one retry without it when Cognito no longer knows the device. */
export async function withDeviceRetry<T>(
  device: DeviceMemory,
  call: (deviceKey: string | undefined) => Promise<T>,
): Promise<T> {
  const remembered = await device.get();
  try {
    return await call(remembered?.deviceKey);
  } catch (error) {
    const authError = toAuthError(error);
    if (remembered && isDeviceNotFound(authError)) {
      await device.forget();
      return call(undefined);
    }
    throw authError;
  }
}

/** Sends an answer, adding DEVICE_KEY where Cognito expects it. */
export function respondWithDevice(
  deps: InternalDeps,
  input: { challengeName: string; responses: Record<string, string>; session: string },
): Promise<AuthStepResult> {
  if (!CHALLENGES_TAKING_DEVICE_KEY.has(input.challengeName)) {
    return deps.gateway.respondToAuthChallenge(input);
  }
  return withDeviceRetry(deps.device, (deviceKey) =>
    deps.gateway.respondToAuthChallenge({
      ...input,
      responses: { ...input.responses, ...(deviceKey !== undefined && { DEVICE_KEY: deviceKey }) },
    }),
  );
}

/**
 * Answers internal challenges until Cognito asks something a person must answer, or returns
 * tokens. `srp` is the ephemeral whose A was sent and the password it goes with.
 */
export async function settleInternal(
  deps: InternalDeps,
  first: AuthStepResult,
  srp: { ephemeral: SrpEphemeral; password: string } | undefined,
): Promise<AuthStepResult> {
  let result = first;
  let deviceEphemeral: SrpEphemeral | undefined;
  // Bounded: Cognito never chains more than PASSWORD_VERIFIER → DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER.
  for (let round = 0; round < 4; round++) {
    if (result.kind !== 'challenge' || !INTERNAL_CHALLENGES.has(result.challengeName))
      return result;
    const { challengeName, parameters, session } = result;
    const username = parameters.USER_ID_FOR_SRP ?? parameters.USERNAME ?? '';

    if (challengeName === 'PASSWORD_VERIFIER') {
      if (!srp) throw localErrors.passwordRequired();
      const claim = await computePasswordClaim({
        ephemeral: srp.ephemeral,
        poolName: poolName(deps.gateway.config.userPoolId),
        userId: username,
        password: srp.password,
        srpB: parameters.SRP_B ?? '',
        salt: parameters.SALT ?? '',
        secretBlock: parameters.SECRET_BLOCK ?? '',
        now: new Date(deps.now()),
      });
      result = await respondWithDevice(deps, {
        challengeName,
        session,
        responses: { USERNAME: username, ...claim },
      });
      continue;
    }

    const device = await deps.device.get();
    if (!device) throw localErrors.unsupportedChallenge(`${challengeName} (no remembered device)`);
    if (challengeName === 'DEVICE_SRP_AUTH') {
      deviceEphemeral = await deps.ephemeral();
      result = await deps.gateway.respondToAuthChallenge({
        challengeName,
        session,
        responses: {
          USERNAME: username,
          SRP_A: deviceEphemeral.srpA,
          DEVICE_KEY: device.deviceKey,
        },
      });
      continue;
    }
    // DEVICE_PASSWORD_VERIFIER
    if (!deviceEphemeral) throw localErrors.unsupportedChallenge(challengeName);
    const claim = await computePasswordClaim({
      ephemeral: deviceEphemeral,
      poolName: device.deviceGroupKey,
      userId: device.deviceKey,
      password: device.devicePassword,
      srpB: parameters.SRP_B ?? '',
      salt: parameters.SALT ?? '',
      secretBlock: parameters.SECRET_BLOCK ?? '',
      now: new Date(deps.now()),
    });
    result = await deps.gateway.respondToAuthChallenge({
      challengeName,
      session,
      responses: { USERNAME: username, DEVICE_KEY: device.deviceKey, ...claim },
    });
  }
  return result;
}

/** The pool id after "_": SRP's "pool name". */
export function poolName(userPoolId: string): string {
  return userPoolId.slice(userPoolId.indexOf('_') + 1);
}

export function newEphemeral(): SrpEphemeral {
  return createEphemeral();
}
