import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGuardrails, generate } from 'otplib';
import { startLocalPool, type LocalPool } from './server';
import { DEMO_POOL_ID, DEMO_PUBLIC_CLIENT_ID } from './seed';
import { callJson } from './srp-client';

let pool: LocalPool;
beforeAll(async () => {
  pool = await startLocalPool({ port: 0, quiet: true });
});
afterAll(() => pool.close());
beforeEach(async () => {
  await fetch(`${pool.url}/_local/reset`, { method: 'POST' });
});

const call = (operation: string, body: Record<string, unknown>) =>
  callJson(pool.url, operation, body);
const lastCode = () => pool.outbox().at(-1)?.code ?? '';

async function passwordSignIn(username: string, password = 'Passw0rd!') {
  const result = await call('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: DEMO_PUBLIC_CLIENT_ID,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  return result;
}

async function accessTokenOf(username: string, password = 'Passw0rd!') {
  const result = await passwordSignIn(username, password);
  const tokens = result.body.AuthenticationResult as { AccessToken: string } | undefined;
  if (!tokens) throw new Error(`no tokens: ${JSON.stringify(result.body)}`);
  return tokens.AccessToken;
}

describe('sign-up', () => {
  const signUp = (username: string, extra: Record<string, unknown> = {}) =>
    call('SignUp', {
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      Username: username,
      Password: 'Passw0rd!',
      UserAttributes: [
        { Name: 'email', Value: `${username}@example.com` },
        { Name: 'name', Value: 'Pat' },
      ],
      ...extra,
    });

  it('creates an unconfirmed user, emails a code, and confirms it', async () => {
    const result = await signUp('pat');
    expect(result.body).toMatchObject({
      UserConfirmed: false,
      CodeDeliveryDetails: {
        DeliveryMedium: 'EMAIL',
        Destination: 'p***@e***',
        AttributeName: 'email',
      },
    });
    expect((await passwordSignIn('pat')).body.__type).toBe('UserNotConfirmedException');
    expect(
      (
        await call('ConfirmSignUp', {
          ClientId: DEMO_PUBLIC_CLIENT_ID,
          Username: 'pat',
          ConfirmationCode: lastCode(),
        })
      ).ok,
    ).toBe(true);
    expect((await passwordSignIn('pat')).ok).toBe(true);
  });

  it('refuses existing usernames, weak passwords and missing required attributes', async () => {
    expect((await signUp('ALICE')).body.__type).toBe('UsernameExistsException');
    expect((await signUp('pat', { Password: 'weak' })).body.__type).toBe(
      'InvalidPasswordException',
    );
    expect(
      (await signUp('pat', { UserAttributes: [{ Name: 'email', Value: 'p@example.com' }] })).body,
    ).toMatchObject({
      __type: 'InvalidParameterException',
      message: expect.stringContaining('name') as unknown,
    });
  });

  it('a wrong code is CodeMismatchException; after too many tries LimitExceededException', async () => {
    await signUp('pat');
    const code = lastCode();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await call('ConfirmSignUp', {
            ClientId: DEMO_PUBLIC_CLIENT_ID,
            Username: 'pat',
            ConfirmationCode: wrong,
          })
        ).body.__type,
      ).toBe('CodeMismatchException');
    }
    expect(
      (
        await call('ConfirmSignUp', {
          ClientId: DEMO_PUBLIC_CLIENT_ID,
          Username: 'pat',
          ConfirmationCode: code,
        })
      ).body.__type,
    ).toBe('LimitExceededException');
  });
});

describe('signed-in user', () => {
  it('GetUser, UpdateUserAttributes and VerifyUserAttribute', async () => {
    const token = await accessTokenOf('alice');
    const user = await call('GetUser', { AccessToken: token });
    expect(user.body.Username).toBe('alice');
    expect(user.body.UserAttributes).toContainEqual({ Name: 'email', Value: 'alice@example.com' });
    const update = await call('UpdateUserAttributes', {
      AccessToken: token,
      UserAttributes: [{ Name: 'email', Value: 'alice@new.example' }],
    });
    expect(update.body.CodeDeliveryDetailsList).toEqual([
      { Destination: 'a***@n***', DeliveryMedium: 'EMAIL', AttributeName: 'email' },
    ]);
    const attributes = async () =>
      (await call('GetUser', { AccessToken: token })).body.UserAttributes;
    expect(await attributes()).toContainEqual({ Name: 'email_verified', Value: 'false' });
    expect(
      (
        await call('VerifyUserAttribute', {
          AccessToken: token,
          AttributeName: 'email',
          Code: lastCode(),
        })
      ).ok,
    ).toBe(true);
    expect(await attributes()).toContainEqual({ Name: 'email_verified', Value: 'true' });
  });

  it('ChangePassword needs the previous password and honours the policy', async () => {
    const token = await accessTokenOf('alice');
    expect(
      (
        await call('ChangePassword', {
          AccessToken: token,
          PreviousPassword: 'nope',
          ProposedPassword: 'N3w-Passw0rd!',
        })
      ).body.__type,
    ).toBe('NotAuthorizedException');
    expect(
      (
        await call('ChangePassword', {
          AccessToken: token,
          PreviousPassword: 'Passw0rd!',
          ProposedPassword: 'weak',
        })
      ).body.__type,
    ).toBe('InvalidPasswordException');
    expect(
      (
        await call('ChangePassword', {
          AccessToken: token,
          PreviousPassword: 'Passw0rd!',
          ProposedPassword: 'N3w-Passw0rd!',
        })
      ).ok,
    ).toBe(true);
    expect((await passwordSignIn('alice')).body.__type).toBe('NotAuthorizedException');
    expect((await passwordSignIn('alice', 'N3w-Passw0rd!')).ok).toBe(true);
  });

  it('adds TOTP with AssociateSoftwareToken(AccessToken) + VerifySoftwareToken, then prefers it', async () => {
    const token = await accessTokenOf('alice');
    const { body } = await call('AssociateSoftwareToken', { AccessToken: token });
    const secret = body.SecretCode as string;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(
      (await call('VerifySoftwareToken', { AccessToken: token, UserCode: '000000' })).body.__type,
    ).toBe('EnableSoftwareTokenMFAException');
    const code = await generate({ secret, guardrails: createGuardrails({ MIN_SECRET_BYTES: 10 }) });
    expect(
      (await call('VerifySoftwareToken', { AccessToken: token, UserCode: code })).body,
    ).toEqual({ Status: 'SUCCESS' });
    await call('SetUserMFAPreference', {
      AccessToken: token,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    const user = await call('GetUser', { AccessToken: token });
    expect(user.body).toMatchObject({
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
    });
    expect((await passwordSignIn('alice')).body.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('SetUserMFAPreference cannot enable TOTP without a verified token', async () => {
    const token = await accessTokenOf('alice');
    const result = await call('SetUserMFAPreference', {
      AccessToken: token,
      SoftwareTokenMfaSettings: { Enabled: true },
    });
    expect(result.body.__type).toBe('InvalidParameterException');
  });

  it('ForgotPassword + ConfirmForgotPassword with the emailed code', async () => {
    const sent = await call('ForgotPassword', {
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      Username: 'alice',
    });
    expect(sent.body.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL' });
    const confirm = (code: string) =>
      call('ConfirmForgotPassword', {
        ClientId: DEMO_PUBLIC_CLIENT_ID,
        Username: 'alice',
        ConfirmationCode: code,
        Password: 'Fresh-Passw0rd!',
      });
    const code = lastCode();
    expect((await confirm(code === '000000' ? '111111' : '000000')).body.__type).toBe(
      'CodeMismatchException',
    );
    expect((await confirm(code)).ok).toBe(true);
    expect((await confirm(code)).body.__type).toBe('ExpiredCodeException');
    expect((await passwordSignIn('alice', 'Fresh-Passw0rd!')).ok).toBe(true);
  });
});

describe('devices', () => {
  it('ConfirmDevice, ListDevices, UpdateDeviceStatus, GetDevice and ForgetDevice', async () => {
    const result = await passwordSignIn('alice');
    const auth = result.body.AuthenticationResult as {
      AccessToken: string;
      NewDeviceMetadata: { DeviceKey: string };
    };
    const token = auth.AccessToken;
    const key = auth.NewDeviceMetadata.DeviceKey;
    const config = {
      Salt: Buffer.from('0011223344556677', 'hex').toString('base64'),
      PasswordVerifier: Buffer.from('0abcdef0', 'hex').toString('base64'),
    };
    expect((await call('ListDevices', { AccessToken: token })).body).toEqual({ Devices: [] });
    expect(
      (
        await call('ConfirmDevice', {
          AccessToken: token,
          DeviceKey: key,
          DeviceName: 'laptop',
          DeviceSecretVerifierConfig: config,
        })
      ).body,
    ).toEqual({
      UserConfirmationNecessary: true,
    });
    const listed = (await call('ListDevices', { AccessToken: token })).body.Devices as {
      DeviceKey: string;
      DeviceAttributes: unknown[];
    }[];
    expect(listed).toHaveLength(1);
    expect(listed[0]?.DeviceAttributes).toContainEqual({ Name: 'device_name', Value: 'laptop' });
    expect(listed[0]?.DeviceAttributes).toContainEqual({
      Name: 'device_status',
      Value: 'not_remembered',
    });
    await call('UpdateDeviceStatus', {
      AccessToken: token,
      DeviceKey: key,
      DeviceRememberedStatus: 'remembered',
    });
    const device = (await call('GetDevice', { AccessToken: token, DeviceKey: key })).body
      .Device as { DeviceAttributes: unknown[] };
    expect(device.DeviceAttributes).toContainEqual({ Name: 'device_status', Value: 'valid' });
    expect((await call('ForgetDevice', { AccessToken: token, DeviceKey: key })).ok).toBe(true);
    expect((await call('GetDevice', { AccessToken: token, DeviceKey: key })).body).toEqual({
      __type: 'ResourceNotFoundException',
      message: 'Device does not exist.',
    });
  });

  it('another user cannot touch my device', async () => {
    const mine = await passwordSignIn('alice');
    const key = (mine.body.AuthenticationResult as { NewDeviceMetadata: { DeviceKey: string } })
      .NewDeviceMetadata.DeviceKey;
    const judy = await accessTokenOf('judy');
    expect((await call('ForgetDevice', { AccessToken: judy, DeviceKey: key })).body.__type).toBe(
      'ResourceNotFoundException',
    );
  });
});

describe('admin calls', () => {
  it('AdminCreateUser makes a FORCE_CHANGE_PASSWORD user; disable/enable; reset', async () => {
    const created = await call('AdminCreateUser', {
      UserPoolId: DEMO_POOL_ID,
      Username: 'newbie',
      TemporaryPassword: 'Temp-Passw0rd!',
      UserAttributes: [{ Name: 'email', Value: 'newbie@example.com' }],
    });
    expect(created.body.User).toMatchObject({
      Username: 'newbie',
      UserStatus: 'FORCE_CHANGE_PASSWORD',
      Enabled: true,
    });
    expect(pool.outbox().at(-1)).toMatchObject({ to: 'newbie@example.com', medium: 'EMAIL' });
    expect((await passwordSignIn('newbie', 'Temp-Passw0rd!')).body.ChallengeName).toBe(
      'NEW_PASSWORD_REQUIRED',
    );

    await call('AdminDisableUser', { UserPoolId: DEMO_POOL_ID, Username: 'alice' });
    expect((await passwordSignIn('alice')).body.message).toBe('User is disabled.');
    await call('AdminEnableUser', { UserPoolId: DEMO_POOL_ID, Username: 'alice' });
    expect((await passwordSignIn('alice')).ok).toBe(true);

    await call('AdminResetUserPassword', { UserPoolId: DEMO_POOL_ID, Username: 'alice' });
    expect(
      (await call('AdminGetUser', { UserPoolId: DEMO_POOL_ID, Username: 'alice' })).body.UserStatus,
    ).toBe('RESET_REQUIRED');
    expect((await passwordSignIn('alice')).body.__type).toBe('PasswordResetRequiredException');
  });

  it('AdminSetUserMFAPreference changes the next sign-in', async () => {
    await call('AdminSetUserMFAPreference', {
      UserPoolId: DEMO_POOL_ID,
      Username: 'judy',
      SMSMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    expect((await passwordSignIn('judy')).body.ChallengeName).toBe('SMS_MFA');
  });
});
