/* eslint-disable @typescript-eslint/no-deprecated -- amazon-cognito-identity-js is deprecated
   in favour of Amplify v6, but it is one of the AWS clients this suite exists to satisfy. */
/**
 * amazon-cognito-identity-js driven as a black box: its callback API turned into "what happened
 * next" values the tests can assert on, one CognitoUser per sign-in as an app would hold it.
 */
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type IAuthenticationCallback,
  type ICognitoStorage,
} from 'amazon-cognito-identity-js';

export type AcijOutcome =
  | { kind: 'success'; session: CognitoUserSession; userConfirmationNecessary?: boolean }
  | { kind: 'failure'; code: string; message: string }
  | { kind: 'mfaRequired'; challenge: string; parameters: Record<string, string> }
  | { kind: 'totpRequired' }
  | { kind: 'selectMFAType'; parameters: Record<string, string> }
  | { kind: 'mfaSetup'; parameters: Record<string, string> }
  | { kind: 'customChallenge'; parameters: Record<string, string> }
  | { kind: 'newPasswordRequired'; userAttributes: Record<string, string>; required: string[] };

/** A fresh in-memory storage per pool object, so device keys never leak between tests. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    setItem: (key: string, value: string) => void items.set(key, value),
    getItem: (key: string) => items.get(key) ?? null,
    removeItem: (key: string) => void items.delete(key),
    clear: () => {
      items.clear();
    },
  };
}

export interface AcijPool {
  pool: CognitoUserPool;
  storage: ICognitoStorage;
}

export function acijPool(endpoint: string, UserPoolId: string, ClientId: string): AcijPool {
  const storage = memoryStorage();
  return {
    pool: new CognitoUserPool({ UserPoolId, ClientId, endpoint, Storage: storage }),
    storage,
  };
}

export function outcome(run: (callbacks: IAuthenticationCallback) => void): Promise<AcijOutcome> {
  return new Promise((resolve) => {
    run({
      onSuccess: (session, userConfirmationNecessary?: boolean) =>
        resolve({
          kind: 'success',
          session,
          ...(userConfirmationNecessary === undefined ? {} : { userConfirmationNecessary }),
        }),
      onFailure: (error: { code?: string; name?: string; message?: string }) =>
        resolve({
          kind: 'failure',
          code: error.code ?? error.name ?? 'Error',
          message: error.message ?? '',
        }),
      mfaRequired: (challenge: string, parameters: Record<string, string>) =>
        resolve({ kind: 'mfaRequired', challenge, parameters }),
      totpRequired: () => resolve({ kind: 'totpRequired' }),
      selectMFAType: (_challenge: string, parameters: Record<string, string>) =>
        resolve({ kind: 'selectMFAType', parameters }),
      mfaSetup: (_challenge: string, parameters: Record<string, string>) =>
        resolve({ kind: 'mfaSetup', parameters }),
      customChallenge: (parameters: Record<string, string>) =>
        resolve({ kind: 'customChallenge', parameters }),
      newPasswordRequired: (userAttributes: Record<string, string>, required: string[]) =>
        resolve({ kind: 'newPasswordRequired', userAttributes, required }),
    });
  });
}

export function signIn(user: CognitoUser, username: string, password: string) {
  return outcome((callbacks) => {
    user.authenticateUser(
      new AuthenticationDetails({ Username: username, Password: password }),
      callbacks,
    );
  });
}

/** A CognitoUser sharing the pool's storage, as ACIJ's getCurrentUser() would build it. */
export function newUser(acij: AcijPool, username: string) {
  return new CognitoUser({ Username: username, Pool: acij.pool, Storage: acij.storage });
}

export function nodeCallback<T>(
  run: (callback: (error: Error | undefined, result?: T) => void) => void,
) {
  return new Promise<T | undefined>((resolve, reject) => {
    run((error, result) => (error ? reject(error) : resolve(result)));
  });
}

export function tokensOf(session: CognitoUserSession) {
  return {
    idToken: session.getIdToken().getJwtToken(),
    accessToken: session.getAccessToken().getJwtToken(),
    refreshToken: session.getRefreshToken().getToken(),
  };
}
