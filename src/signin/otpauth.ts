/**
 * The otpauth:// URI shown (as text and QR) on CONTINUE_SIGN_IN_WITH_TOTP_SETUP. One formatter
 * serves the whole product (src/otp/otpauth.ts): label and issuer percent-encoded (a space in
 * the issuer broke Microsoft Authenticator for Amplify users), and the algorithm, digits and
 * period Cognito uses spelled out instead of left to each app's defaults.
 */
import { formatOtpauthUri } from '../otp/otpauth';

export const COGNITO_TOTP = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

export function otpauthUri(input: { secret: string; issuer: string; account: string }): string {
  return formatOtpauthUri({ ...COGNITO_TOTP, ...input });
}
