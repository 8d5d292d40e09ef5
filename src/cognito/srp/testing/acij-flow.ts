/**
 * Runs amazon-cognito-identity-js's real CognitoUser.authenticateUser against a scripted mock of
 * the Cognito API, with `a` and the clock fixed, and records what it sends: SRP_A, the HKDF key
 * (captured from its AuthenticationHelper) and the PASSWORD_VERIFIER challenge responses. With a
 * remembered device it continues through DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER.
 */
import type { Acij, AcijHelper, JsbnBigInteger } from './reference-libraries';

export interface ServerChallenge {
  SRP_B: string;
  SALT: string;
  SECRET_BLOCK: string;
}

export interface AcijFlowInput {
  acij: Acij;
  poolName: string;
  /** The alias typed; the server answers with userIdForSrp, which the library must switch to. */
  alias: string;
  userIdForSrp: string;
  password: string;
  /** One `a` per helper the library creates (user SRP, then device SRP). */
  smallA: bigint[];
  user: ServerChallenge;
  device?: {
    deviceKey: string;
    deviceGroupKey: string;
    devicePassword: string;
    challenge: ServerChallenge;
  };
}

export interface AcijRecorded {
  srpA: string[];
  keysHex: string[];
  responses: Record<string, string>[];
}

class MemoryStorage {
  private readonly items = new Map<string, string>();
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

interface Request {
  AuthParameters?: Record<string, string>;
  ChallengeName?: string;
  ChallengeResponses?: Record<string, string>;
}

export function runAcijFlow(input: AcijFlowInput): Promise<AcijRecorded> {
  const { acij } = input;
  const proto = acij.AuthenticationHelper.prototype;
  const originalSmallA = Object.getOwnPropertyDescriptor(proto, 'generateRandomSmallA');
  const originalKey = Object.getOwnPropertyDescriptor(proto, 'getPasswordAuthenticationKey');
  const recorded: AcijRecorded = { srpA: [], keysHex: [], responses: [] };
  const queue = [...input.smallA];
  const restore = () => {
    if (originalSmallA) Object.defineProperty(proto, 'generateRandomSmallA', originalSmallA);
    if (originalKey) Object.defineProperty(proto, 'getPasswordAuthenticationKey', originalKey);
  };

  proto.generateRandomSmallA = function fixedSmallA(): JsbnBigInteger {
    const a = queue.shift();
    if (a === undefined) throw new Error('the library asked for more `a` values than scripted');
    return new acij.BigInteger(a.toString(16), 16);
  };
  const realKey = originalKey?.value as AcijHelper['getPasswordAuthenticationKey'];
  proto.getPasswordAuthenticationKey = function capture(
    this: AcijHelper,
    username,
    password,
    B,
    salt,
    callback,
  ) {
    realKey.call(this, username, password, B, salt, (error, key) => {
      recorded.keysHex.push(Buffer.from(key).toString('hex'));
      callback(error, key);
    });
  };

  const clientId = 'testclient';
  const pool = new acij.CognitoUserPool({
    UserPoolId: `us-east-1_${input.poolName}`,
    ClientId: clientId,
  });
  const storage = new MemoryStorage();
  if (input.device) {
    const prefix = `CognitoIdentityServiceProvider.${clientId}.${input.userIdForSrp}`;
    storage.setItem(`${prefix}.deviceKey`, input.device.deviceKey);
    storage.setItem(`${prefix}.randomPasswordKey`, input.device.devicePassword);
    storage.setItem(`${prefix}.deviceGroupKey`, input.device.deviceGroupKey);
  }

  return new Promise<AcijRecorded>((resolve, reject) => {
    const finish = (error?: unknown) => {
      restore();
      if (error) reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
      else resolve(recorded);
    };
    pool.client.request = (operation, params, callback) => {
      const request = params as Request;
      if (operation === 'InitiateAuth') {
        recorded.srpA.push(request.AuthParameters?.SRP_A ?? '');
        callback(null, {
          ChallengeName: 'PASSWORD_VERIFIER',
          Session: 'session-1',
          ChallengeParameters: {
            ...input.user,
            USER_ID_FOR_SRP: input.userIdForSrp,
            USERNAME: input.userIdForSrp,
          },
        });
        return;
      }
      if (operation === 'RespondToAuthChallenge' && request.ChallengeName === 'PASSWORD_VERIFIER') {
        recorded.responses.push({ ...request.ChallengeResponses });
        if (input.device)
          callback(null, { ChallengeName: 'DEVICE_SRP_AUTH', Session: 'session-2' });
        else finishWith(callback);
        return;
      }
      if (
        operation === 'RespondToAuthChallenge' &&
        request.ChallengeName === 'DEVICE_SRP_AUTH' &&
        input.device
      ) {
        recorded.srpA.push(request.ChallengeResponses?.SRP_A ?? '');
        callback(null, {
          ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
          Session: 'session-3',
          ChallengeParameters: { ...input.device.challenge, USERNAME: input.userIdForSrp },
        });
        return;
      }
      if (
        operation === 'RespondToAuthChallenge' &&
        request.ChallengeName === 'DEVICE_PASSWORD_VERIFIER'
      ) {
        recorded.responses.push({ ...request.ChallengeResponses });
        finishWith(callback);
        return;
      }
      callback({ code: 'UnexpectedCall', message: `unexpected ${operation}` }, null);
    };
    // The scripted server stops the flow here: tokens are out of scope for these vectors.
    const finishWith = (callback: (error: unknown, data: unknown) => void) =>
      callback({ code: 'ScriptEnd', name: 'ScriptEnd', message: 'end of script' }, null);

    const user = new acij.CognitoUser({ Username: input.alias, Pool: pool, Storage: storage });
    user.authenticateUser(
      new acij.AuthenticationDetails({ Username: input.alias, Password: input.password }),
      {
        onSuccess: () => finish(new Error('the scripted flow cannot succeed')),
        onFailure: (error: unknown) =>
          (error as { code?: string }).code === 'ScriptEnd' ? finish() : finish(error),
      },
    );
  });
}
