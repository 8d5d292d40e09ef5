import { describe, expect, it } from 'vitest';
import type { StepAnswer } from '../platform/protocol';
import {
  answerToResponses,
  totpSetupDoneResponses,
  type AnswerContext,
} from './answer-to-responses';
import type { SignInStep } from './steps';

const U = 'internal-user-id';
const ctx = (
  step: SignInStep,
  challengeName: string,
  extra: Partial<AnswerContext> = {},
): AnswerContext => ({
  step,
  challengeName,
  username: U,
  ...extra,
});
const sms: SignInStep = { name: 'CONFIRM_SIGN_IN_WITH_SMS_CODE', codeDeliveryDetails: {} };
const firstFactor: SignInStep = {
  name: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
  availableChallenges: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'],
};
const mfaSelection: SignInStep = {
  name: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION',
  allowedMFATypes: ['SMS', 'TOTP'],
};
const newPassword: SignInStep = {
  name: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED',
  missingAttributes: ['name'],
  currentAttributes: { email: 'frank@example.com' },
};

const cases: [string, AnswerContext, StepAnswer, ReturnType<typeof answerToResponses>][] = [
  [
    'SMS MFA code',
    ctx(sms, 'SMS_MFA'),
    { kind: 'code', code: '123456' },
    { challengeName: 'SMS_MFA', responses: { USERNAME: U, SMS_MFA_CODE: '123456' } },
  ],
  [
    'SMS OTP code',
    ctx(sms, 'SMS_OTP'),
    { kind: 'code', code: '123456' },
    { challengeName: 'SMS_OTP', responses: { USERNAME: U, SMS_OTP_CODE: '123456' } },
  ],
  [
    'email code',
    ctx({ name: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', codeDeliveryDetails: {} }, 'EMAIL_OTP'),
    { kind: 'code', code: '99' },
    { challengeName: 'EMAIL_OTP', responses: { USERNAME: U, EMAIL_OTP_CODE: '99' } },
  ],
  [
    'TOTP code',
    ctx({ name: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' }, 'SOFTWARE_TOKEN_MFA'),
    { kind: 'code', code: '000111' },
    {
      challengeName: 'SOFTWARE_TOKEN_MFA',
      responses: { USERNAME: U, SOFTWARE_TOKEN_MFA_CODE: '000111' },
    },
  ],
  [
    'password after choosing PASSWORD',
    ctx({ name: 'CONFIRM_SIGN_IN_WITH_PASSWORD' }, 'SELECT_CHALLENGE', {
      chosenFactor: 'PASSWORD',
    }),
    { kind: 'password', password: 'pw' },
    {
      challengeName: 'SELECT_CHALLENGE',
      responses: { USERNAME: U, ANSWER: 'PASSWORD', PASSWORD: 'pw' },
    },
  ],
  [
    'password after choosing PASSWORD_SRP',
    ctx({ name: 'CONFIRM_SIGN_IN_WITH_PASSWORD' }, 'SELECT_CHALLENGE', {
      chosenFactor: 'PASSWORD_SRP',
    }),
    { kind: 'password', password: 'pw' },
    {
      challengeName: 'SELECT_CHALLENGE',
      responses: { USERNAME: U, ANSWER: 'PASSWORD_SRP' },
      srpPassword: 'pw',
    },
  ],
  [
    'first factor EMAIL_OTP',
    ctx(firstFactor, 'SELECT_CHALLENGE'),
    { kind: 'selectFirstFactor', factor: 'EMAIL_OTP' },
    { challengeName: 'SELECT_CHALLENGE', responses: { USERNAME: U, ANSWER: 'EMAIL_OTP' } },
  ],
  [
    'first factor SMS_OTP',
    ctx(firstFactor, 'SELECT_CHALLENGE'),
    { kind: 'selectFirstFactor', factor: 'SMS_OTP' },
    { challengeName: 'SELECT_CHALLENGE', responses: { USERNAME: U, ANSWER: 'SMS_OTP' } },
  ],
  [
    'first factor not offered',
    ctx(firstFactor, 'SELECT_CHALLENGE'),
    { kind: 'selectFirstFactor', factor: 'WEB_AUTHN' },
    undefined,
  ],
  [
    'first factor PASSWORD is local, not a response',
    ctx(firstFactor, 'SELECT_CHALLENGE'),
    { kind: 'selectFirstFactor', factor: 'PASSWORD' },
    undefined,
  ],
  [
    'MFA selection TOTP',
    ctx(mfaSelection, 'SELECT_MFA_TYPE'),
    { kind: 'selectMfa', mfa: 'TOTP' },
    { challengeName: 'SELECT_MFA_TYPE', responses: { USERNAME: U, ANSWER: 'SOFTWARE_TOKEN_MFA' } },
  ],
  [
    'MFA selection SMS',
    ctx(mfaSelection, 'SELECT_MFA_TYPE'),
    { kind: 'selectMfa', mfa: 'SMS' },
    { challengeName: 'SELECT_MFA_TYPE', responses: { USERNAME: U, ANSWER: 'SMS_MFA' } },
  ],
  [
    'MFA selection not allowed',
    ctx(mfaSelection, 'SELECT_MFA_TYPE'),
    { kind: 'selectMfa', mfa: 'EMAIL' },
    undefined,
  ],
  [
    'email setup',
    ctx({ name: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' }, 'MFA_SETUP'),
    { kind: 'emailSetup', email: 'm@example.com' },
    { challengeName: 'MFA_SETUP', responses: { USERNAME: U, EMAIL: 'm@example.com' } },
  ],
  [
    'new password with required attribute',
    ctx(newPassword, 'NEW_PASSWORD_REQUIRED'),
    { kind: 'newPassword', newPassword: 'N3w!pass', attributes: { name: 'Frank', locale: '' } },
    {
      challengeName: 'NEW_PASSWORD_REQUIRED',
      responses: { USERNAME: U, NEW_PASSWORD: 'N3w!pass', 'userAttributes.name': 'Frank' },
    },
  ],
  [
    'new password missing a required attribute',
    ctx(newPassword, 'NEW_PASSWORD_REQUIRED'),
    { kind: 'newPassword', newPassword: 'N3w!pass', attributes: { name: '' } },
    undefined,
  ],
  [
    'custom challenge answer',
    ctx({ name: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', parameters: {} }, 'CUSTOM_CHALLENGE'),
    { kind: 'customChallenge', answer: '4242' },
    { challengeName: 'CUSTOM_CHALLENGE', responses: { USERNAME: U, ANSWER: '4242' } },
  ],
  [
    'code at the password step',
    ctx({ name: 'CONFIRM_SIGN_IN_WITH_PASSWORD' }, 'SELECT_CHALLENGE'),
    { kind: 'code', code: '1' },
    undefined,
  ],
  ['password at a code step', ctx(sms, 'SMS_MFA'), { kind: 'password', password: 'x' }, undefined],
  ['anything at SIGN_IN', ctx({ name: 'SIGN_IN' }, ''), { kind: 'code', code: '1' }, undefined],
  [
    'TOTP setup is not a direct response',
    ctx(
      {
        name: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP',
        totpSetupDetails: { sharedSecret: 's', otpauthUri: 'u' },
      },
      'MFA_SETUP',
    ),
    { kind: 'totpSetup', code: '123456' },
    undefined,
  ],
];

describe('answerToResponses', () => {
  it.each(cases)('%s', (_name, context, answer, expected) => {
    expect(answerToResponses(context, answer)).toEqual(expected);
  });

  it('answers MFA_SETUP after a verified TOTP with USERNAME only', () => {
    expect(totpSetupDoneResponses(U)).toEqual({
      challengeName: 'MFA_SETUP',
      responses: { USERNAME: U },
    });
  });
});
