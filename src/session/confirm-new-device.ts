/**
 * Confirms the device Cognito just issued (and marks it remembered when the account stays signed
 * in, so the next sign-in skips MFA). It runs after the person already sees DONE: the two calls
 * and the verifier's modular exponentiation are bookkeeping for the *next* sign-in, and none of it
 * can change this one. A failure only means there is no remembered device next time.
 */
import type { AuthTokens, CognitoGateway } from '../cognito/gateway';
import { createDeviceVerifier } from '../cognito/srp/device';
import type { Logger } from '../platform/logger';
import type { Account } from './accounts';
import type { TokenVault } from './token-vault';

export const DEVICE_NAME = 'Cognito Pass';

export async function confirmNewDevice(input: {
  account: Pick<Account, 'id' | 'staySignedIn'>;
  accessToken: string;
  newDevice: NonNullable<AuthTokens['newDevice']>;
  /** Every name the device is found by on the next sign-in: the username and the login typed. */
  names: readonly string[];
  gateway: Pick<CognitoGateway, 'confirmDevice' | 'updateDeviceStatus'>;
  vault: Pick<TokenVault, 'saveDevice'>;
  logger: Logger;
}): Promise<void> {
  const { account, accessToken, newDevice } = input;
  try {
    const { deviceKey, deviceGroupKey } = newDevice;
    const verifier = await createDeviceVerifier({ deviceGroupKey, deviceKey });
    const confirmed = await input.gateway.confirmDevice({
      accessToken,
      deviceKey,
      deviceName: DEVICE_NAME,
      salt: verifier.salt,
      passwordVerifier: verifier.passwordVerifier,
    });
    if (confirmed.userConfirmationNecessary && account.staySignedIn) {
      await input.gateway.updateDeviceStatus({ accessToken, deviceKey, remembered: true });
    }
    const device = { deviceKey, deviceGroupKey, devicePassword: verifier.devicePassword };
    for (const name of new Set(input.names))
      await input.vault.saveDevice(account.id, name, device, account.staySignedIn);
  } catch (error) {
    input.logger.warn('device confirmation failed; signed in without a remembered device', error);
  }
}
