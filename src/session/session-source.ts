/**
 * The vault seen by session sharing (src/sites): one account's current tokens with the facts a
 * site's library needs (iat claims, when we received them). The refresh token is left out unless
 * the caller asks for it, which src/sites does only for a site set to hold it: by default the
 * extension is the single refresher (DESIGN.md, "Sites").
 */
import { decodeJwt } from 'jose';
import type { AuthFlow } from '../platform/protocol';
import type { AccountSession, SessionRequest, SessionSource } from '../sites/session-source';
import type { Account } from './accounts';
import type { TokenVault } from './token-vault';

export function createSessionSource(deps: {
  account: (accountId: string) => Promise<Account | undefined>;
  vault: TokenVault;
  /** The login typed and the flow used, for Amplify's signInDetails. */
  signIn: (accountId: string) => Promise<{ username?: string; authFlow?: AuthFlow } | undefined>;
  /** Waits for a refresh in flight (or the one a browser restart needs), so readers get fresh tokens. */
  settle?: (accountId: string) => Promise<void>;
}): SessionSource {
  return {
    async getAccountSession(
      accountId: string,
      request?: SessionRequest,
    ): Promise<AccountSession | undefined> {
      const account = await deps.account(accountId);
      if (!account) return undefined;
      await deps.settle?.(accountId);
      const tokens = await deps.vault.load(accountId);
      if (!tokens) return { clientId: account.clientId, tokens: undefined };
      const iat = (jwt: string) => {
        const value = decodeJwt(jwt).iat;
        return typeof value === 'number' ? value : Math.floor(tokens.receivedAt / 1000);
      };
      const signIn = await deps.signIn(accountId);
      const refreshToken =
        request?.includeRefreshToken === true
          ? await deps.vault.refreshToken(accountId)
          : undefined;
      return {
        clientId: account.clientId,
        tokens: {
          username: tokens.user.username,
          idToken: tokens.idToken,
          accessToken: tokens.accessToken,
          idTokenIat: iat(tokens.idToken),
          accessTokenIat: iat(tokens.accessToken),
          receivedAt: tokens.receivedAt,
          ...(refreshToken !== undefined && { refreshToken }),
          signInDetails: {
            loginId: signIn?.username ?? tokens.user.username,
            ...(signIn?.authFlow !== undefined && { authFlowType: signIn.authFlow }),
          },
        },
      };
    },
  };
}
