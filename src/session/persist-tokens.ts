/**
 * Turns a Cognito AuthenticationResult into what the vault keeps: the tokens, the expiry on the
 * local clock (Cognito's exp minus the drift measured from iat) and who is signed in.
 */
import type { AuthTokens } from '../cognito/gateway';
import { readTokenFacts } from './jwt-claims';
import type { SessionTokens, TokenVault } from './token-vault';

export async function persistTokens(input: {
  vault: TokenVault;
  accountId: string;
  tokens: AuthTokens;
  stay: boolean;
  now: number;
}): Promise<SessionTokens> {
  const { tokens } = input;
  const facts = readTokenFacts(tokens.idToken, tokens.accessToken, input.now);
  const session: SessionTokens = {
    idToken: tokens.idToken,
    accessToken: tokens.accessToken,
    accessTokenExpiresAt: facts.expiresAtServer - facts.clockDriftMs,
    clockDriftMs: facts.clockDriftMs,
    receivedAt: input.now,
    user: facts.user,
    ...(facts.originJti !== undefined && { originJti: facts.originJti }),
  };
  await input.vault.save(input.accountId, session, tokens.refreshToken, input.stay);
  return session;
}
