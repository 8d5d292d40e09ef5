/**
 * The ConfirmDevice verifier (DeviceSecretVerifierConfig), as amazon-cognito-identity-js's
 * generateHashDevice builds it. Later device sign-ins (DEVICE_SRP_AUTH) feed `devicePassword`
 * into computePasswordClaim with poolName := DeviceGroupKey and userId := DeviceKey.
 */
import { bytesToBase64, bytesToBigInt, hexToBytes, padHex } from './bytes';
import { sharedSrpEngine, type SrpEngine } from './engine';
import { privateKeyX } from './primitives';
import { cryptoRandomBytes, type RandomBytes } from './srp';

export interface DeviceVerifier {
  /** base64(40 random bytes): the device's password, to be stored with the device key. */
  devicePassword: string;
  /** base64 of the padHex(16 random bytes) bytes (a 00 prefix when the top bit is set). */
  salt: string;
  /** base64 of the padHex(g^x) bytes. */
  passwordVerifier: string;
}

export async function createDeviceVerifier(
  input: { deviceGroupKey: string; deviceKey: string; randomBytes?: RandomBytes },
  engine: SrpEngine = sharedSrpEngine(),
): Promise<DeviceVerifier> {
  const randomBytes = input.randomBytes ?? cryptoRandomBytes;
  const devicePassword = bytesToBase64(randomBytes(40));
  const salt = bytesToBigInt(randomBytes(16));
  const x = await privateKeyX(salt, input.deviceGroupKey, input.deviceKey, devicePassword);
  const verifier = engine.powG(x);
  return {
    devicePassword,
    salt: bytesToBase64(hexToBytes(padHex(salt))),
    passwordVerifier: bytesToBase64(hexToBytes(padHex(verifier))),
  };
}
