/**
 * Step + what the person typed → RespondToAuthChallenge input. Pure and table-tested. Answers
 * that need no Cognito call (choosing PASSWORD at first-factor selection, choosing an MFA type
 * to set up) and TOTP setup (VerifySoftwareToken first) are the reducer's business; this map
 * returns `undefined` for them and for every answer that does not fit the step.
 */
import type { StepAnswer } from '../platform/protocol';
import { COGNITO_NAME_BY_MFA } from './challenge-to-step';
import type { SignInStep } from './steps';

export interface ChallengeAnswer {
  challengeName: string;
  responses: Record<string, string>;
  /** PASSWORD_SRP: the runner adds SRP_A and answers the PASSWORD_VERIFIER that follows. */
  srpPassword?: string;
}

export interface AnswerContext {
  step: SignInStep;
  /** The challenge Cognito actually sent (SMS_MFA vs SMS_OTP share a step). */
  challengeName: string;
  /** USERNAME for answers: Cognito's USER_ID_FOR_SRP / USERNAME, not what was typed. */
  username: string;
  /** The first factor chosen at selection, for CONFIRM_SIGN_IN_WITH_PASSWORD. */
  chosenFactor?: 'PASSWORD' | 'PASSWORD_SRP' | undefined;
}

export function answerToResponses(
  context: AnswerContext,
  answer: StepAnswer,
): ChallengeAnswer | undefined {
  const { step, challengeName, username } = context;
  const respond = (name: string, responses: Record<string, string>): ChallengeAnswer => ({
    challengeName: name,
    responses: { USERNAME: username, ...responses },
  });

  switch (step.name) {
    case 'CONFIRM_SIGN_IN_WITH_SMS_CODE':
      if (answer.kind !== 'code') return undefined;
      return challengeName === 'SMS_OTP'
        ? respond('SMS_OTP', { SMS_OTP_CODE: answer.code })
        : respond('SMS_MFA', { SMS_MFA_CODE: answer.code });
    case 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE':
      return answer.kind === 'code'
        ? respond('EMAIL_OTP', { EMAIL_OTP_CODE: answer.code })
        : undefined;
    case 'CONFIRM_SIGN_IN_WITH_TOTP_CODE':
      return answer.kind === 'code'
        ? respond('SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: answer.code })
        : undefined;
    case 'CONFIRM_SIGN_IN_WITH_PASSWORD':
      if (answer.kind !== 'password') return undefined;
      return context.chosenFactor === 'PASSWORD_SRP'
        ? {
            ...respond('SELECT_CHALLENGE', { ANSWER: 'PASSWORD_SRP' }),
            srpPassword: answer.password,
          }
        : respond('SELECT_CHALLENGE', { ANSWER: 'PASSWORD', PASSWORD: answer.password });
    case 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION':
      return answer.kind === 'selectFirstFactor' &&
        (answer.factor === 'EMAIL_OTP' ||
          answer.factor === 'SMS_OTP' ||
          answer.factor === 'WEB_AUTHN') &&
        step.availableChallenges.includes(answer.factor)
        ? respond('SELECT_CHALLENGE', { ANSWER: answer.factor })
        : undefined;
    case 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION':
      return answer.kind === 'selectMfa' && step.allowedMFATypes.includes(answer.mfa)
        ? respond('SELECT_MFA_TYPE', { ANSWER: COGNITO_NAME_BY_MFA[answer.mfa] })
        : undefined;
    case 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP':
      return answer.kind === 'emailSetup'
        ? respond('MFA_SETUP', { EMAIL: answer.email })
        : undefined;
    case 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED': {
      if (answer.kind !== 'newPassword') return undefined;
      const attributes = Object.entries(answer.attributes).filter(([, value]) => value !== '');
      const given = new Set(attributes.map(([name]) => name));
      if (step.missingAttributes.some((name) => !given.has(name))) return undefined;
      return respond('NEW_PASSWORD_REQUIRED', {
        NEW_PASSWORD: answer.newPassword,
        ...Object.fromEntries(attributes.map(([name, value]) => [`userAttributes.${name}`, value])),
      });
    }
    case 'CONFIRM_SIGN_IN_WITH_WEB_AUTHN':
      return answer.kind === 'webAuthnCredential'
        ? respond('WEB_AUTHN', { CREDENTIAL: answer.credential })
        : undefined;
    case 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE':
      return answer.kind === 'customChallenge'
        ? respond('CUSTOM_CHALLENGE', { ANSWER: answer.answer })
        : undefined;
    default:
      return undefined;
  }
}

/** After VerifySoftwareToken succeeded, MFA_SETUP is answered with the username alone. */
export function totpSetupDoneResponses(username: string): ChallengeAnswer {
  return { challengeName: 'MFA_SETUP', responses: { USERNAME: username } };
}

/** Challenges where Cognito expects DEVICE_KEY so a remembered device can skip MFA. */
export const CHALLENGES_TAKING_DEVICE_KEY = new Set([
  'PASSWORD_VERIFIER',
  'SMS_MFA',
  'SOFTWARE_TOKEN_MFA',
  'EMAIL_OTP',
  'CUSTOM_CHALLENGE',
  'SELECT_MFA_TYPE',
  'NEW_PASSWORD_REQUIRED',
]);
