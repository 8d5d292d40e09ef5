/**
 * Cognito challenge → public step. Pure and table-tested. Some challenges are answered by the
 * runner without asking anyone (SRP and device SRP); MFA_SETUP for TOTP first needs
 * AssociateSoftwareToken before there is anything to show.
 */
import { localErrors, type AuthError } from '../cognito/auth-error';
import { otpauthUri } from './otpauth';
import type { CodeDeliveryDetails, FirstFactor, MfaType, SignInStep } from './steps';

export interface ChallengeInput {
  challengeName: string;
  parameters: Record<string, string>;
  availableChallenges?: string[];
}

export type ChallengeMapping =
  | { kind: 'step'; step: SignInStep }
  /** MFA_SETUP where the only choice is TOTP: call AssociateSoftwareToken(Session) first. */
  | { kind: 'associateTotp' }
  /** Answered by the runner itself (password and device SRP). */
  | { kind: 'internal' }
  | { kind: 'error'; error: AuthError };

export const INTERNAL_CHALLENGES = new Set([
  'PASSWORD_VERIFIER',
  'DEVICE_SRP_AUTH',
  'DEVICE_PASSWORD_VERIFIER',
]);

const MFA_BY_COGNITO_NAME: Record<string, MfaType> = {
  SMS_MFA: 'SMS',
  SOFTWARE_TOKEN_MFA: 'TOTP',
  EMAIL_OTP: 'EMAIL',
};

export const COGNITO_NAME_BY_MFA: Record<MfaType, string> = {
  SMS: 'SMS_MFA',
  TOTP: 'SOFTWARE_TOKEN_MFA',
  EMAIL: 'EMAIL_OTP',
};

/**
 * WEB_AUTHN is offered too: the popup runs the passkey ceremony (an extension page has
 * `navigator.credentials`; which relying parties it can serve is in docs/passkeys.md) and falls
 * back to this selection when it cannot.
 */
const SUPPORTED_FIRST_FACTORS: readonly FirstFactor[] = [
  'PASSWORD',
  'PASSWORD_SRP',
  'EMAIL_OTP',
  'SMS_OTP',
  'WEB_AUTHN',
];

export function challengeToStep(challenge: ChallengeInput): ChallengeMapping {
  const { challengeName, parameters } = challenge;
  if (INTERNAL_CHALLENGES.has(challengeName)) return { kind: 'internal' };
  switch (challengeName) {
    case 'SMS_MFA':
    case 'SMS_OTP':
      return step({
        name: 'CONFIRM_SIGN_IN_WITH_SMS_CODE',
        codeDeliveryDetails: delivery(parameters),
      });
    case 'EMAIL_OTP':
      return step({
        name: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
        codeDeliveryDetails: delivery(parameters),
      });
    case 'SOFTWARE_TOKEN_MFA':
      return step({ name: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' });
    case 'SELECT_MFA_TYPE':
      return step({
        name: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION',
        allowedMFATypes: mfaTypes(parameters.MFAS_CAN_CHOOSE),
      });
    case 'MFA_SETUP':
      return mfaSetup(mfaTypes(parameters.MFAS_CAN_SETUP));
    case 'SELECT_CHALLENGE':
      return step({
        name: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
        availableChallenges: SUPPORTED_FIRST_FACTORS.filter((factor) =>
          (challenge.availableChallenges ?? []).includes(factor),
        ),
      });
    case 'PASSWORD':
    case 'PASSWORD_SRP':
      return step({ name: 'CONFIRM_SIGN_IN_WITH_PASSWORD' });
    case 'WEB_AUTHN': {
      const options = parameters.CREDENTIAL_REQUEST_OPTIONS;
      if (options === undefined || options === '') {
        return { kind: 'error', error: localErrors.unsupportedChallenge(challengeName) };
      }
      return step({ name: 'CONFIRM_SIGN_IN_WITH_WEB_AUTHN', credentialRequestOptions: options });
    }
    case 'NEW_PASSWORD_REQUIRED':
      return step({
        name: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED',
        missingAttributes: jsonStrings(parameters.requiredAttributes).map(stripAttributePrefix),
        currentAttributes: editableAttributes(parameters.userAttributes),
      });
    case 'CUSTOM_CHALLENGE':
      return step({ name: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', parameters: { ...parameters } });
    default:
      return { kind: 'error', error: localErrors.unsupportedChallenge(challengeName) };
  }
}

/**
 * SMS is never offered for setup during sign-in: MFA_SETUP only accepts a TOTP verification or
 * an EMAIL address, and adding a phone number needs UpdateUserAttributes with an access token,
 * which does not exist before the sign-in finishes. A pool whose only setup option is SMS gets
 * a clear error instead of a form that could never work.
 */
function mfaSetup(canSetUp: MfaType[]): ChallengeMapping {
  const possible = canSetUp.filter((type) => type !== 'SMS');
  if (possible.length === 0) return { kind: 'error', error: localErrors.mfaSetupUnavailable() };
  if (possible.length > 1) {
    return step({ name: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION', allowedMFATypes: possible });
  }
  return possible[0] === 'TOTP'
    ? { kind: 'associateTotp' }
    : step({ name: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' });
}

/** The TOTP setup step once AssociateSoftwareToken returned the shared secret. */
export function totpSetupStep(input: {
  secretCode: string;
  issuer: string;
  account: string;
}): SignInStep {
  return {
    name: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP',
    totpSetupDetails: {
      sharedSecret: input.secretCode,
      otpauthUri: otpauthUri({
        secret: input.secretCode,
        issuer: input.issuer,
        account: input.account,
      }),
    },
  };
}

function step(value: SignInStep): ChallengeMapping {
  return { kind: 'step', step: value };
}

function delivery(parameters: Record<string, string>): CodeDeliveryDetails {
  const medium = parameters.CODE_DELIVERY_DELIVERY_MEDIUM;
  const destination = parameters.CODE_DELIVERY_DESTINATION;
  return {
    ...((medium === 'SMS' || medium === 'EMAIL') && { deliveryMedium: medium }),
    ...(destination !== undefined && { destination }),
  };
}

function mfaTypes(json: string | undefined): MfaType[] {
  const types: MfaType[] = [];
  for (const name of jsonStrings(json)) {
    const type = MFA_BY_COGNITO_NAME[name];
    if (type && !types.includes(type)) types.push(type);
  }
  return types;
}

function jsonStrings(json: string | undefined): string[] {
  if (json === undefined || json === '') return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function stripAttributePrefix(name: string): string {
  return name.startsWith('userAttributes.') ? name.slice('userAttributes.'.length) : name;
}

/**
 * Cognito's current attributes, for pre-filling. `sub` and the `*_verified` flags are dropped:
 * Cognito refuses them in the answer, so offering them for editing would only produce errors.
 */
function editableAttributes(json: string | undefined): Record<string, string> {
  if (json === undefined || json === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    const key = stripAttributePrefix(name);
    if (typeof value === 'string' && key !== 'sub' && !key.endsWith('_verified')) out[key] = value;
  }
  return out;
}
