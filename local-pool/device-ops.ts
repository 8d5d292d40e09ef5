/**
 * Devices: ConfirmDevice (stores the device's SRP verifier), UpdateDeviceStatus, ListDevices,
 * GetDevice and ForgetDevice. A remembered device later signs in with DEVICE_SRP_AUTH and skips
 * MFA (auth-challenges.ts).
 */
import { findPool, type PoolContext } from './context';
import { CognitoError, Errors } from './errors';
import { objectField, optionalString, requiredString, type Json } from './input';
import { authenticate, type Authenticated } from './refresh';
import { bytesToBigInt, base64ToBytes } from '../src/cognito/srp/bytes';
import type { DeviceRecord } from './state';
import { poolSettings } from './config';

function ownDevice(auth: Authenticated, key: string): DeviceRecord {
  const device = auth.data.devices[key];
  if (device?.username !== auth.user.username) throw Errors.deviceNotFound();
  return device;
}

const seconds = (ms: number) => ms / 1000;

function describeDevice(device: DeviceRecord) {
  return {
    DeviceKey: device.key,
    DeviceAttributes: [
      { Name: 'device_status', Value: device.remembered ? 'valid' : 'not_remembered' },
      ...(device.name === undefined ? [] : [{ Name: 'device_name', Value: device.name }]),
    ],
    DeviceCreateDate: seconds(device.createdAt),
    DeviceLastModifiedDate: seconds(device.lastModifiedAt),
    DeviceLastAuthenticatedDate: seconds(device.lastAuthenticatedAt),
  };
}

function base64Hex(value: string | undefined, field: string): string {
  if (value === undefined || value === '') throw Errors.missing(field);
  const number = bytesToBigInt(base64ToBytes(value));
  if (number === 0n) throw new CognitoError('InvalidParameterException', `${field} is empty`);
  return number.toString(16);
}

export async function confirmDevice(ctx: PoolContext, body: Json) {
  const auth = await authenticate(ctx, body);
  const device = ownDevice(auth, requiredString(body, 'DeviceKey'));
  const config = objectField(body, 'DeviceSecretVerifierConfig') ?? {};
  device.verifier = {
    salt: base64Hex(optionalString(config, 'Salt'), 'deviceSecretVerifierConfig.salt'),
    verifier: base64Hex(
      optionalString(config, 'PasswordVerifier'),
      'deviceSecretVerifierConfig.passwordVerifier',
    ),
  };
  const name = optionalString(body, 'DeviceName');
  if (name !== undefined) device.name = name;
  device.confirmed = true;
  const tracking = poolSettings(findPool(ctx, auth.poolId).pool).deviceTracking;
  device.remembered = tracking === 'ALWAYS';
  device.lastModifiedAt = ctx.now();
  ctx.changed();
  return { UserConfirmationNecessary: tracking === 'USER_OPT_IN' };
}

export async function updateDeviceStatus(ctx: PoolContext, body: Json) {
  const auth = await authenticate(ctx, body);
  const device = ownDevice(auth, requiredString(body, 'DeviceKey'));
  const status = optionalString(body, 'DeviceRememberedStatus');
  if (status !== 'remembered' && status !== 'not_remembered') {
    throw new CognitoError(
      'InvalidParameterException',
      "DeviceRememberedStatus must be 'remembered' or 'not_remembered'",
    );
  }
  device.remembered = status === 'remembered';
  device.lastModifiedAt = ctx.now();
  ctx.changed();
  return {};
}

export async function listDevices(ctx: PoolContext, body: Json) {
  const auth = await authenticate(ctx, body);
  const limit = typeof body.Limit === 'number' ? Math.min(Math.max(body.Limit, 1), 60) : 60;
  const start = Number(optionalString(body, 'PaginationToken') ?? '0') || 0;
  const devices = Object.values(auth.data.devices)
    .filter((device) => device.username === auth.user.username && device.confirmed)
    .sort((a, b) => a.createdAt - b.createdAt || a.key.localeCompare(b.key));
  const page = devices.slice(start, start + limit);
  const next = start + limit < devices.length ? String(start + limit) : undefined;
  return {
    Devices: page.map(describeDevice),
    ...(next === undefined ? {} : { PaginationToken: next }),
  };
}

export async function getDevice(ctx: PoolContext, body: Json) {
  const auth = await authenticate(ctx, body);
  return { Device: describeDevice(ownDevice(auth, requiredString(body, 'DeviceKey'))) };
}

export async function forgetDevice(ctx: PoolContext, body: Json) {
  const auth = await authenticate(ctx, body);
  const key = optionalString(body, 'DeviceKey') ?? auth.deviceKey;
  if (key === undefined) throw Errors.missing('deviceKey');
  ownDevice(auth, key);
  Reflect.deleteProperty(auth.data.devices, key);
  ctx.changed();
  return {};
}
