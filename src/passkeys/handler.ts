/**
 * The background side of the passkeys section: finds the account's access token, calls Cognito
 * and answers with the current list. The registration challenge lives in Cognito until
 * CompleteWebAuthnRegistration spends it. The list is remembered per account and access token, so
 * opening the popup again (or many pages at once) does not ask Cognito again; a change made here,
 * a new token or a worker restart asks afresh.
 */
import { AuthError } from '../cognito/auth-error';
import { passkeyError } from './passkey-errors';
import type { CognitoClientConfig } from '../cognito/gateway';
import type { PasskeyRequest, PasskeyResponse } from './messages';
import type { PasskeyGateway, PasskeyView } from './passkey-gateway';

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
  // The list in flight or last received, per account: concurrent readers share one request.
  const known = new Map<string, { token: string; passkeys: Promise<PasskeyView[]> }>();
  const listed = (accountId: string, token: string, gateway: PasskeyGateway) => {
    const passkeys = gateway.list(token);
    known.set(accountId, { token, passkeys });
    passkeys.catch(() => {
      if (known.get(accountId)?.passkeys === passkeys) known.delete(accountId);
    });
    return passkeys;
  };
  const current = (accountId: string, token: string, gateway: PasskeyGateway) => {
    const remembered = known.get(accountId);
    return remembered?.token === token ? remembered.passkeys : listed(accountId, token, gateway);
  };

  return async (request: PasskeyRequest): Promise<PasskeyResponse> => {
    const { accountId } = request;
    try {
      const config = await deps.account(accountId);
      if (config === undefined) throw noAccount;
      const token = await deps.accessToken(accountId);
      if (token === undefined) throw notSignedIn;
      const gateway = deps.gatewayFor(config);
      switch (request.type) {
        case 'passkeys:list':
          return { ok: true, passkeys: await current(accountId, token, gateway) };
        case 'passkeys:startRegistration': {
          const creationOptions = await gateway.startRegistration(token);
          return { ok: true, passkeys: await current(accountId, token, gateway), creationOptions };
        }
        case 'passkeys:completeRegistration':
          known.delete(accountId);
          await gateway.completeRegistration(token, request.credential);
          return { ok: true, passkeys: await listed(accountId, token, gateway) };
        case 'passkeys:delete':
          known.delete(accountId);
          await gateway.remove(token, request.credentialId);
          return { ok: true, passkeys: await listed(accountId, token, gateway) };
      }
    } catch (error) {
      return { ok: false, error: passkeyError(error).toView() };
    }
  };
}
