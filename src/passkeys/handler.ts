/**
 * The background side of the passkeys section: finds the account's access token, calls Cognito
 * and answers with the current list. The registration challenge lives in Cognito until
 * CompleteWebAuthnRegistration spends it. The list is remembered per account and access token, so
 * opening the popup again (or many pages at once) does not ask Cognito again; a change made here,
 * a new token or a worker restart asks afresh. The last registration start is kept for a few
 * seconds too: a web-domain RP ID is known only from the start's options, and the tab ceremony
 * that follows takes that start (`reuseRecent`) rather than replacing its challenge.
 */
import { AuthError } from '../cognito/auth-error';
import { passkeyError } from './passkey-errors';
import type { CognitoClientConfig } from '../cognito/gateway';
import type { PasskeyRequest, PasskeyResponse } from './messages';
import type { PasskeyGateway, PasskeyView } from './passkey-gateway';
import type { Json } from './webauthn-json';

export interface PasskeyHandlerDeps {
  /** The account's pool and client; undefined when there is no such account. */
  account(accountId: string): Promise<CognitoClientConfig | undefined>;
  /** The account's current access token; undefined when nobody is signed in. */
  accessToken(accountId: string): Promise<string | undefined>;
  gatewayFor(config: CognitoClientConfig): PasskeyGateway;
  now?: () => number;
}

/** How long a start may be taken again: the popup hands over to the tab ceremony at once. */
export const REUSE_START_MS = 30_000;

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

  const now = deps.now ?? Date.now;
  // The last start per account, for one `reuseRecent` taker with the same token.
  const starts = new Map<string, { token: string; at: number; options: Json }>();
  const start = async (
    accountId: string,
    token: string,
    gateway: PasskeyGateway,
    reuse: boolean,
  ) => {
    const recent = starts.get(accountId);
    starts.delete(accountId);
    if (reuse && recent?.token === token && now() - recent.at < REUSE_START_MS) {
      return recent.options;
    }
    const options = await gateway.startRegistration(token);
    starts.set(accountId, { token, at: now(), options });
    return options;
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
          const reuse = request.reuseRecent === true;
          const creationOptions = await start(accountId, token, gateway, reuse);
          return { ok: true, passkeys: await current(accountId, token, gateway), creationOptions };
        }
        case 'passkeys:completeRegistration':
          known.delete(accountId);
          starts.delete(accountId);
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
