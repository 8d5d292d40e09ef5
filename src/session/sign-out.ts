/**
 * Sign-out. Local: revoke the refresh token when the pool supports revocation (the access
 * token carries origin_jti). Global: GlobalSignOut, which ends every session of the user.
 * Either way the tokens are cleared here even if Cognito could not be reached; the remembered
 * device stays (it is not a session).
 */
import type { CognitoGateway } from '../cognito/gateway';
import type { Logger } from '../platform/logger';
import type { Refresher } from './refresh';
import type { TokenVault } from './token-vault';

export async function signOut(input: {
  accountId: string;
  global: boolean;
  gateway: CognitoGateway;
  vault: TokenVault;
  refresher: Refresher;
  logger: Logger;
}): Promise<{ reachedCognito: boolean }> {
  const { accountId, gateway, vault } = input;
  const tokens = await vault.load(accountId);
  const refreshToken = await vault.refreshToken(accountId);
  let reachedCognito = true;
  try {
    if (input.global && tokens) {
      await gateway.globalSignOut({ accessToken: tokens.accessToken });
    } else if (tokens?.originJti !== undefined && refreshToken !== undefined) {
      await gateway.revokeToken({ refreshToken });
    }
  } catch (error) {
    reachedCognito = false;
    input.logger.warn('sign-out call failed; clearing local tokens anyway', error);
  }
  await vault.clear(accountId);
  await input.refresher.cancel(accountId);
  return { reachedCognito };
}
