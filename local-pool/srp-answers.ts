/**
 * The SRP answers of RespondToAuthChallenge: PASSWORD_VERIFIER (users) and DEVICE_SRP_AUTH ->
 * DEVICE_PASSWORD_VERIFIER (remembered devices), with Cognito's TIMESTAMP rules.
 */
import { parseCognitoTimestamp } from '../src/cognito/srp/primitives';
import { afterFirstFactor, openChallenge, type FlowResult } from './auth-challenges';
import { srpPoolName } from './config';
import type { ClientScope, PoolContext } from './context';
import { nextCustomStep } from './custom-auth';
import { CognitoError, Errors } from './errors';
import type { FlowData } from './flow-data';
import { completeSignIn } from './issue-tokens';
import type { StoredSession } from './sessions';
import { parseSrpA, serverEphemeral, verifyPasswordClaim } from './srp-verifier';
import type { UserRecord } from './state';

/** Cognito rejects PASSWORD_VERIFIER answers whose TIMESTAMP is too far from its clock. */
export const TIMESTAMP_SKEW_MS = 5 * 60_000;
/** TIMESTAMP must be Cognito's format (day not zero-padded) and close to the server's clock. */
function assertTimestamp(ctx: PoolContext, timestamp: string): void {
  const signedAt = parseCognitoTimestamp(timestamp);
  if (signedAt === undefined) {
    throw new CognitoError(
      'InvalidParameterException',
      'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.',
    );
  }
  if (Math.abs(signedAt - ctx.wallNow()) > TIMESTAMP_SKEW_MS) throw Errors.badCredentials();
}

export function srpA(params: Record<string, string>): string {
  const A = requiredSrpA(params);
  if (parseSrpA(A) === undefined)
    throw new CognitoError('InvalidParameterException', 'Invalid SRP_A.');
  return A;
}

function requiredSrpA(params: Record<string, string>): string {
  const A = params.SRP_A;
  if (A === undefined || A === '')
    throw new CognitoError('InvalidParameterException', 'Missing required parameter SRP_A');
  return A;
}

export async function answerPasswordVerifier(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  session: StoredSession<FlowData>,
  responses: Record<string, string>,
): Promise<FlowResult> {
  const srp = session.data.srp;
  if (!srp || responses.PASSWORD_CLAIM_SECRET_BLOCK !== srp.secretBlock)
    throw Errors.invalidSession();
  const timestamp = responses.TIMESTAMP ?? '';
  assertTimestamp(ctx, timestamp);
  const valid = await verifyPasswordClaim({
    A: srp.A,
    ephemeral: srp.ephemeral,
    verifierHex: user.password.verifier,
    poolName: srpPoolName(scope.pool.id),
    userId: user.username,
    secretBlock: srp.secretBlock,
    timestamp,
    signature: responses.PASSWORD_CLAIM_SIGNATURE ?? '',
  });
  if (!valid) throw Errors.badCredentials();
  const deviceKey = session.data.deviceKey ?? responses.DEVICE_KEY;
  const data: FlowData = { ...session.data, ...(deviceKey ? { deviceKey } : {}) };
  delete data.srp;
  if (data.flow === 'CUSTOM_AUTH') {
    const history = [
      ...(data.custom?.history ?? []),
      { challengeName: 'PASSWORD_VERIFIER' as const, challengeResult: true },
    ];
    return nextCustomStep(ctx, scope, user, data, history);
  }
  return afterFirstFactor(ctx, scope, user, data);
}

export async function answerDeviceSrp(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  session: StoredSession<FlowData>,
  responses: Record<string, string>,
): Promise<FlowResult> {
  const key = responses.DEVICE_KEY ?? session.data.deviceKey;
  const device = key === undefined ? undefined : scope.data.devices[key];
  if (!device?.verifier || device.username !== user.username) throw Errors.deviceNotFound();
  const A = srpA(responses);
  const ephemeral = await serverEphemeral(device.verifier.verifier, ctx.randomBytes);
  const secretBlock = Buffer.from(ctx.randomBytes(64)).toString('base64');
  return openChallenge(
    ctx,
    scope,
    user,
    'DEVICE_PASSWORD_VERIFIER',
    {
      SRP_B: ephemeral.B,
      SALT: device.verifier.salt,
      SECRET_BLOCK: secretBlock,
      USERNAME: user.username,
      DEVICE_KEY: device.key,
    },
    { ...session.data, deviceKey: device.key, srp: { A, ephemeral, secretBlock } },
  );
}

export async function answerDevicePasswordVerifier(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  session: StoredSession<FlowData>,
  responses: Record<string, string>,
): Promise<FlowResult> {
  const srp = session.data.srp;
  const device =
    session.data.deviceKey === undefined ? undefined : scope.data.devices[session.data.deviceKey];
  if (!srp || !device?.verifier || responses.PASSWORD_CLAIM_SECRET_BLOCK !== srp.secretBlock) {
    throw Errors.invalidSession();
  }
  const timestamp = responses.TIMESTAMP ?? '';
  assertTimestamp(ctx, timestamp);
  const valid = await verifyPasswordClaim({
    A: srp.A,
    ephemeral: srp.ephemeral,
    verifierHex: device.verifier.verifier,
    poolName: device.groupKey,
    userId: device.key,
    secretBlock: srp.secretBlock,
    timestamp,
    signature: responses.PASSWORD_CLAIM_SIGNATURE ?? '',
  });
  if (!valid) throw Errors.badCredentials();
  return completeSignIn(ctx, scope, user, device.key);
}
