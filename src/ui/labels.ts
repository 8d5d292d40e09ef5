/** Human words for Cognito's identifiers: what people read instead of SOFTWARE_TOKEN_MFA. */
import type { FirstFactor, MfaType } from '../signin/steps';

export const MFA_LABELS: Record<MfaType, { label: string; hint: string }> = {
  TOTP: { label: 'Authenticator app', hint: 'A 6-digit code from an app such as Cognito Pass' },
  SMS: { label: 'Text message', hint: 'A code sent to your phone' },
  EMAIL: { label: 'Email', hint: 'A code sent to your email address' },
};

export const FIRST_FACTOR_LABELS: Record<FirstFactor, { label: string; hint: string }> = {
  PASSWORD_SRP: { label: 'Password', hint: 'Your password never leaves this device' },
  PASSWORD: { label: 'Password (sent to the server)', hint: 'For pools that require it' },
  EMAIL_OTP: { label: 'Email', hint: 'A one-time code sent to your email address' },
  SMS_OTP: { label: 'Text message', hint: 'A one-time code sent to your phone' },
  WEB_AUTHN: { label: 'Passkey', hint: 'Your device unlocks a saved passkey' },
};

const STANDARD_ATTRIBUTE_LABELS: Record<string, string> = {
  name: 'Full name',
  given_name: 'First name',
  family_name: 'Last name',
  middle_name: 'Middle name',
  nickname: 'Nickname',
  preferred_username: 'Preferred username',
  email: 'Email',
  phone_number: 'Phone number',
  birthdate: 'Date of birth',
  gender: 'Gender',
  address: 'Address',
  locale: 'Locale',
  zoneinfo: 'Time zone',
  picture: 'Picture URL',
  profile: 'Profile URL',
  website: 'Website',
};

/** "name" → "Full name"; "custom:team_name" → "Team name". */
export function attributeLabel(attribute: string): string {
  const standard = STANDARD_ATTRIBUTE_LABELS[attribute];
  if (standard !== undefined) return standard;
  const words = attribute
    .replace(/^custom:/, '')
    .replace(/[_-]+/g, ' ')
    .trim();
  return words.length === 0 ? attribute : words.charAt(0).toUpperCase() + words.slice(1);
}

/** The input type and autocomplete token that suit a Cognito attribute. */
export function attributeInput(attribute: string): {
  type: 'text' | 'email' | 'tel';
  autocomplete: string;
} {
  switch (attribute) {
    case 'email':
      return { type: 'email', autocomplete: 'email' };
    case 'phone_number':
      return { type: 'tel', autocomplete: 'tel' };
    case 'name':
      return { type: 'text', autocomplete: 'name' };
    case 'given_name':
      return { type: 'text', autocomplete: 'given-name' };
    case 'family_name':
      return { type: 'text', autocomplete: 'family-name' };
    case 'birthdate':
      return { type: 'text', autocomplete: 'bday' };
    default:
      return { type: 'text', autocomplete: 'off' };
  }
}
