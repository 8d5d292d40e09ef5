/**
 * What happens when Cognito hands out tokens, before the person sees DONE: store them and schedule
 * the refresh. Confirming a new device is not part of it (see confirm-new-device.ts): the caller
 * starts that afterwards, so DONE costs Cognito's minimum of round trips.
 */
import type { AuthTokens } from '../cognito/gateway';
import type { SignedInUser } from '../signin/steps';
import type { Account } from './accounts';
import { persistTokens } from './persist-tokens';
import type { Refresher } from './refresh';
import type { TokenVault } from './token-vault';

export async function completeSignIn(input: {
  account: Account;
  tokens: AuthTokens;
  vault: TokenVault;
  refresher: Refresher;
  now: number;
}): Promise<{ user: SignedInUser; accessTokenExpiresAt: number }> {
  const session = await persistTokens({
    vault: input.vault,
    accountId: input.account.id,
    tokens: input.tokens,
    stay: input.account.staySignedIn,
    now: input.now,
  });
  await input.refresher.schedule(input.account.id, session);
  return { user: session.user, accessTokenExpiresAt: session.accessTokenExpiresAt };
}
