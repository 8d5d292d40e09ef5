/**
 * Adapts the token vault and the accounts (src/session) to the `SessionSource` session sharing
 * needs. Typed structurally so this folder does not import the vault's module; `createBackground`'s
 * `vault.load` / `vault.refreshToken` and `accounts.get` fit as they are.
 */
import type { SessionSource, SiteTokens } from './session-source';

export interface VaultView {
  load(accountId: string): Promise<{
    idToken: string;
    accessToken: string;
    receivedAt: number;
    user: { username: string };
  } | null>;
  refreshToken(accountId: string): Promise<string | undefined>;
}

export interface AccountsView {
  get(accountId: string): Promise<{ clientId: string } | undefined>;
}

/** The `iat` claim (seconds) of a JWT, 0 when it cannot be read. */
export function issuedAt(jwt: string): number {
  try {
    const payload = jwt.split('.')[1] ?? '';
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='))) as {
      iat?: unknown;
    };
    return typeof claims.iat === 'number' ? claims.iat : 0;
  } catch {
    return 0;
  }
}

export function sessionSourceFromVault(vault: VaultView, accounts: AccountsView): SessionSource {
  return {
    async getAccountSession(accountId) {
      const account = await accounts.get(accountId);
      if (!account) return undefined;
      const stored = await vault.load(accountId);
      if (!stored) return { clientId: account.clientId, tokens: undefined };
      const refreshToken = await vault.refreshToken(accountId);
      const tokens: SiteTokens = {
        username: stored.user.username,
        idToken: stored.idToken,
        accessToken: stored.accessToken,
        ...(refreshToken !== undefined && { refreshToken }),
        idTokenIat: issuedAt(stored.idToken),
        accessTokenIat: issuedAt(stored.accessToken),
        receivedAt: stored.receivedAt,
      };
      return { clientId: account.clientId, tokens };
    },
  };
}
