/**
 * The background's side of the hosted UI: runs the sign-in window for an account, remembers that
 * the account's session came from the hosted UI, and on sign-out also ends the hosted session
 * (Cognito's /logout), so the next "Sign in with …" asks for credentials again.
 */
import type { AuthTokens } from '../cognito/gateway';
import type { Logger } from '../platform/logger';
import type { StorageArea } from '../platform/storage-area';
import { hostedSignIn, hostedSignOut, type HostedClient } from './hosted-sign-in';
import { webCryptoRandom, type RandomBytes } from './pkce';
import type { Fetch } from './token-exchange';
import type { WebAuthFlow } from './web-auth-flow';

export interface HostedUiServiceDeps {
  /** storage.local: the marker must outlive the browser when the account stays signed in. */
  local: StorageArea;
  webAuth: WebAuthFlow | undefined;
  fetch: Fetch;
  random?: RandomBytes;
  logger: Logger;
}

export interface HostedUiService {
  signIn(account: HostedClient, provider: string | undefined): Promise<AuthTokens>;
  /** Marks the account's current session as one from the hosted UI. */
  signedIn(accountId: string): Promise<void>;
  /** Ends the hosted session when the account's session came from it; never throws. */
  signOut(account: HostedClient & { id: string }): Promise<void>;
  forget(accountId: string): Promise<void>;
}

const markerKey = (accountId: string) => `hostedUi.${accountId}`;

export function createHostedUi(deps: HostedUiServiceDeps): HostedUiService {
  const hostedDeps = () => ({
    webAuth: deps.webAuth,
    fetch: deps.fetch,
    random: deps.random ?? webCryptoRandom,
  });
  return {
    signIn: (account, provider) => hostedSignIn(hostedDeps(), account, provider),
    async signedIn(accountId) {
      await deps.local.set(markerKey(accountId), { since: Date.now() });
    },
    async signOut(account) {
      if ((await deps.local.get(markerKey(account.id))) === null) return;
      await deps.local.remove(markerKey(account.id));
      try {
        await hostedSignOut(hostedDeps(), account);
      } catch (error) {
        // The tokens are already gone; only the domain's cookie may outlive this sign-out.
        deps.logger.warn(
          'hosted UI sign-out failed; the next hosted sign-in may skip the password',
          error,
        );
      }
    },
    async forget(accountId) {
      await deps.local.remove(markerKey(accountId));
    },
  };
}
