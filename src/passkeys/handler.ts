/**
 * The background side of the passkeys section: finds the account's access token, calls Cognito
 * and answers with the current list. Nothing here keeps state between requests: the registration
 * challenge lives in Cognito until CompleteWebAuthnRegistration spends it.
 */
import { AuthError } from '../cognito/auth-error';
import { passkeyError } from './passkey-errors';
import type { CognitoClientConfig } from '../cognito/gateway';
import type { PasskeyRequest, PasskeyResponse } from './messages';
import type { PasskeyGateway } from './passkey-gateway';

export interface PasskeyHandlerDeps {
  /** The account's pool and client; undefined when there is no such account. */
  account(accountId: string): Promise<CognitoClientConfig | undefined>;
  /** The account's current access token; undefined when nobody is signed in. */
  accessToken(accountId: string): Promise<string | undefined>;
  gatewayFor(config: CognitoClientConfig): PasskeyGateway;
}

const notSignedIn = new AuthError(
  'NotSignedIn',
  'Passkeys can be managed only while you are signed in.',
  'Sign in to this account first.',
);
const noAccount = new AuthError(
  'UnknownAccount',
  'That account does not exist any more.',
  'Reload the popup.',
);

export function createPasskeyHandler(deps: PasskeyHandlerDeps) {
  return async (request: PasskeyRequest): Promise<PasskeyResponse> => {
    try {
      const config = await deps.account(request.accountId);
      if (config === undefined) throw noAccount;
      const token = await deps.accessToken(request.accountId);
      if (token === undefined) throw notSignedIn;
      const gateway = deps.gatewayFor(config);
      switch (request.type) {
        case 'passkeys:list':
          return { ok: true, passkeys: await gateway.list(token) };
        case 'passkeys:startRegistration': {
          const creationOptions = await gateway.startRegistration(token);
          return { ok: true, passkeys: await gateway.list(token), creationOptions };
        }
        case 'passkeys:completeRegistration':
          await gateway.completeRegistration(token, request.credential);
          return { ok: true, passkeys: await gateway.list(token) };
        case 'passkeys:delete':
          await gateway.remove(token, request.credentialId);
          return { ok: true, passkeys: await gateway.list(token) };
      }
    } catch (error) {
      return { ok: false, error: passkeyError(error).toView() };
    }
  };
}
