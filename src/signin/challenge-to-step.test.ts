import { describe, expect, it } from 'vitest';
import { challengeToStep, totpSetupStep, type ChallengeInput } from './challenge-to-step';

const delivery = {
  CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS',
  CODE_DELIVERY_DESTINATION: '+*******0100',
};

const table: [
  string,
  ChallengeInput,
  ReturnType<typeof challengeToStep> | { errorCode: string },
][] = [
  [
    'SMS_MFA',
    { challengeName: 'SMS_MFA', parameters: delivery },
    {
      kind: 'step',
      step: {
        name: 'CONFIRM_SIGN_IN_WITH_SMS_CODE',
        codeDeliveryDetails: { deliveryMedium: 'SMS', destination: '+*******0100' },
      },
    },
  ],
  [
    'SMS_OTP',
    { challengeName: 'SMS_OTP', parameters: delivery },
    {
      kind: 'step',
      step: {
        name: 'CONFIRM_SIGN_IN_WITH_SMS_CODE',
        codeDeliveryDetails: { deliveryMedium: 'SMS', destination: '+*******0100' },
      },
    },
  ],
  [
    'EMAIL_OTP',
    {
      challengeName: 'EMAIL_OTP',
      parameters: {
        CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
        CODE_DELIVERY_DESTINATION: 'd***@e***',
      },
    },
    {
      kind: 'step',
      step: {
        name: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
        codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'd***@e***' },
      },
    },
  ],
  [
    'EMAIL_OTP without delivery details',
    { challengeName: 'EMAIL_OTP', parameters: {} },
    { kind: 'step', step: { name: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', codeDeliveryDetails: {} } },
  ],
  [
    'SOFTWARE_TOKEN_MFA',
    { challengeName: 'SOFTWARE_TOKEN_MFA', parameters: {} },
    { kind: 'step', step: { name: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' } },
  ],
  [
    'SELECT_MFA_TYPE',
    {
      challengeName: 'SELECT_MFA_TYPE',
      parameters: { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA","EMAIL_OTP"]' },
    },
    {
      kind: 'step',
      step: {
        name: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION',
        allowedMFATypes: ['SMS', 'TOTP', 'EMAIL'],
      },
    },
  ],
  [
    'SELECT_MFA_TYPE with garbage JSON',
    { challengeName: 'SELECT_MFA_TYPE', parameters: { MFAS_CAN_CHOOSE: 'not json' } },
    { kind: 'step', step: { name: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', allowedMFATypes: [] } },
  ],
  [
    'MFA_SETUP with TOTP and EMAIL',
    {
      challengeName: 'MFA_SETUP',
      parameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]' },
    },
    {
      kind: 'step',
      step: {
        name: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION',
        allowedMFATypes: ['TOTP', 'EMAIL'],
      },
    },
  ],
  [
    'MFA_SETUP with SMS, TOTP and EMAIL (SMS cannot be set up while signing in)',
    {
      challengeName: 'MFA_SETUP',
      parameters: { MFAS_CAN_SETUP: '["SMS_MFA","SOFTWARE_TOKEN_MFA","EMAIL_OTP"]' },
    },
    {
      kind: 'step',
      step: {
        name: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION',
        allowedMFATypes: ['TOTP', 'EMAIL'],
      },
    },
  ],
  [
    'MFA_SETUP with TOTP only',
    { challengeName: 'MFA_SETUP', parameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' } },
    { kind: 'associateTotp' },
  ],
  [
    'MFA_SETUP with SMS and TOTP',
    {
      challengeName: 'MFA_SETUP',
      parameters: { MFAS_CAN_SETUP: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]' },
    },
    { kind: 'associateTotp' },
  ],
  [
    'MFA_SETUP with EMAIL only',
    { challengeName: 'MFA_SETUP', parameters: { MFAS_CAN_SETUP: '["EMAIL_OTP"]' } },
    { kind: 'step', step: { name: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' } },
  ],
  [
    'MFA_SETUP with SMS only',
    { challengeName: 'MFA_SETUP', parameters: { MFAS_CAN_SETUP: '["SMS_MFA"]' } },
    { errorCode: 'MfaSetupUnavailable' },
  ],
  [
    'SELECT_CHALLENGE keeps the supported factors in a stable order',
    {
      challengeName: 'SELECT_CHALLENGE',
      parameters: {},
      availableChallenges: ['SMS_OTP', 'WEB_AUTHN', 'PASSWORD', 'EMAIL_OTP', 'PASSWORD_SRP'],
    },
    {
      kind: 'step',
      step: {
        name: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
        availableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'],
      },
    },
  ],
  [
    'WEB_AUTHN carries the request options to the page',
    {
      challengeName: 'WEB_AUTHN',
      parameters: { CREDENTIAL_REQUEST_OPTIONS: '{"challenge":"abc"}' },
    },
    {
      kind: 'step',
      step: {
        name: 'CONFIRM_SIGN_IN_WITH_WEB_AUTHN',
        credentialRequestOptions: '{"challenge":"abc"}',
      },
    },
  ],
  [
    'PASSWORD',
    { challengeName: 'PASSWORD', parameters: {} },
    { kind: 'step', step: { name: 'CONFIRM_SIGN_IN_WITH_PASSWORD' } },
  ],
  [
    'NEW_PASSWORD_REQUIRED keeps current attributes',
    {
      challengeName: 'NEW_PASSWORD_REQUIRED',
      parameters: {
        requiredAttributes: '["userAttributes.name","userAttributes.family_name"]',
        userAttributes:
          '{"email":"frank@example.com","email_verified":"true","sub":"x","userAttributes.locale":"en"}',
        USER_ID_FOR_SRP: 'frank',
      },
    },
    {
      kind: 'step',
      step: {
        name: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED',
        missingAttributes: ['name', 'family_name'],
        currentAttributes: { email: 'frank@example.com', locale: 'en' },
      },
    },
  ],
  [
    'NEW_PASSWORD_REQUIRED without parameters',
    { challengeName: 'NEW_PASSWORD_REQUIRED', parameters: {} },
    {
      kind: 'step',
      step: {
        name: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED',
        missingAttributes: [],
        currentAttributes: {},
      },
    },
  ],
  [
    'CUSTOM_CHALLENGE passes the parameters through',
    {
      challengeName: 'CUSTOM_CHALLENGE',
      parameters: { USERNAME: 'ivan', hint: 'code sent to i***@e***' },
    },
    {
      kind: 'step',
      step: {
        name: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
        parameters: { USERNAME: 'ivan', hint: 'code sent to i***@e***' },
      },
    },
  ],
  [
    'PASSWORD_VERIFIER',
    { challengeName: 'PASSWORD_VERIFIER', parameters: {} },
    { kind: 'internal' },
  ],
  ['DEVICE_SRP_AUTH', { challengeName: 'DEVICE_SRP_AUTH', parameters: {} }, { kind: 'internal' }],
  [
    'DEVICE_PASSWORD_VERIFIER',
    { challengeName: 'DEVICE_PASSWORD_VERIFIER', parameters: {} },
    { kind: 'internal' },
  ],
  [
    'an unknown challenge',
    { challengeName: 'QUANTUM_MFA', parameters: {} },
    { errorCode: 'UnsupportedChallenge' },
  ],
  [
    'WEB_AUTHN (no passkeys in a worker)',
    { challengeName: 'WEB_AUTHN', parameters: {} },
    { errorCode: 'UnsupportedChallenge' },
  ],
  [
    'ADMIN_NO_SRP_AUTH',
    { challengeName: 'ADMIN_NO_SRP_AUTH', parameters: {} },
    { errorCode: 'UnsupportedChallenge' },
  ],
];

describe('challengeToStep', () => {
  it.each(table)('%s', (_name, input, expected) => {
    const mapped = challengeToStep(input);
    if ('errorCode' in expected) {
      expect(mapped.kind).toBe('error');
      if (mapped.kind === 'error') {
        expect(mapped.error.code).toBe(expected.errorCode);
        expect(mapped.error.recovery).not.toBe('');
      }
    } else {
      expect(mapped).toEqual(expected);
    }
  });

  it('names the unknown challenge in the error', () => {
    const mapped = challengeToStep({ challengeName: 'QUANTUM_MFA', parameters: {} });
    expect(mapped.kind === 'error' && mapped.error.message).toContain('QUANTUM_MFA');
  });

  it('builds the TOTP setup step with an otpauth URI for the account name', () => {
    expect(
      totpSetupStep({ secretCode: 'SECRET', issuer: 'Strict pool', account: 'mallory' }),
    ).toEqual({
      name: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP',
      totpSetupDetails: {
        sharedSecret: 'SECRET',
        otpauthUri:
          'otpauth://totp/Strict%20pool:mallory?secret=SECRET&issuer=Strict%20pool&algorithm=SHA1&digits=6&period=30',
      },
    });
  });
});
