/**
 * The otpauth:// URI authenticator apps scan. Label and issuer are percent-encoded (a space in
 * the issuer broke Microsoft Authenticator for Amplify users), and the algorithm, digits and
 * period Cognito uses are spelled out instead of left to each app's defaults.
 */
export const COGNITO_TOTP = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

export function otpauthUri(input: { secret: string; issuer: string; account: string }): string {
  const issuer = encodeURIComponent(input.issuer);
  const label = `${issuer}:${encodeURIComponent(input.account)}`;
  const query = [
    `secret=${encodeURIComponent(input.secret)}`,
    `issuer=${issuer}`,
    `algorithm=${COGNITO_TOTP.algorithm}`,
    `digits=${String(COGNITO_TOTP.digits)}`,
    `period=${String(COGNITO_TOTP.period)}`,
  ].join('&');
  return `otpauth://totp/${label}?${query}`;
}
