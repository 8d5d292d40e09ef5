/**
 * What happens when Cognito hands out tokens: store them, confirm the new device (and remember
 * it when the account stays signed in, so the next sign-in skips MFA), schedule the refresh.
 * A failed device confirmation never fails the sign-in: the person is signed in either way.
 */
import type { AuthTokens, CognitoGateway } from '../cognito/gateway';
import { createDeviceVerifier } from '../cognito/srp/device';
import type { Logger } from '../platform/logger';
import type { SignedInUser } from '../signin/steps';
import type { Account } from './accounts';
import { persistTokens } from './persist-tokens';
import type { Refresher } from './refresh';
import type { TokenVault } from './token-vault';

export const DEVICE_NAME = 'Cognito Pass';

export async function completeSignIn(input: {
  account: Account;
  tokens: AuthTokens;
  /** The login typed (device keys are found by it on the next sign-in). */
  login: string | undefined;
  gateway: CognitoGateway;
  vault: TokenVault;
  refresher: Refresher;
  now: number;
  logger: Logger;
}): Promise<{ user: SignedInUser; accessTokenExpiresAt: number }> {
  const { account, tokens, vault } = input;
  const session = await persistTokens({
    vault,
    accountId: account.id,
    tokens,
    stay: account.staySignedIn,
    now: input.now,
  });
  if (tokens.newDevice) {
    try {
      const { deviceKey, deviceGroupKey } = tokens.newDevice;
      const verifier = await createDeviceVerifier({ deviceGroupKey, deviceKey });
      const confirmed = await input.gateway.confirmDevice({
        accessToken: tokens.accessToken,
        deviceKey,
        deviceName: DEVICE_NAME,
        salt: verifier.salt,
        passwordVerifier: verifier.passwordVerifier,
      });
      if (confirmed.userConfirmationNecessary && account.staySignedIn) {
        await input.gateway.updateDeviceStatus({
          accessToken: tokens.accessToken,
          deviceKey,
          remembered: true,
        });
      }
      const device = { deviceKey, deviceGroupKey, devicePassword: verifier.devicePassword };
      const names = new Set([
        session.user.username,
        ...(input.login !== undefined ? [input.login] : []),
      ]);
      for (const name of names)
        await vault.saveDevice(account.id, name, device, account.staySignedIn);
    } catch (error) {
      input.logger.warn('device confirmation failed; signed in without a remembered device', error);
    }
  }
  await input.refresher.schedule(account.id, session);
  return { user: session.user, accessTokenExpiresAt: session.accessTokenExpiresAt };
}
