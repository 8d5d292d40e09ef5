/**
 * `otpauth://totp/...` key URIs (the format authenticator QR codes carry), parsed strictly with
 * the platform `URL` and formatted back. Each defect gets its own error so the person learns
 * what is wrong with what they pasted, not just that it failed.
 *
 * Shape: otpauth://totp/[Issuer:]Account?secret=BASE32&issuer=Issuer&algorithm=SHA1&digits=6&period=30
 */
import { failure, type Result } from './errors';
import {
  DEFAULT_ALGORITHM,
  DEFAULT_DIGITS,
  DEFAULT_PERIOD,
  normalizeSecret,
  parseAlgorithm,
  parseDigits,
  parsePeriod,
  type TotpParameters,
} from './totp-parameters';

export interface OtpauthKey extends TotpParameters {
  /** Empty when neither the label nor the `issuer` parameter names one. */
  readonly issuer: string;
  readonly account: string;
}

// Long enough for any real key URI (64-byte secret, long names), short enough to refuse junk.
const MAX_URI_LENGTH = 2048;
const KNOWN_PARAMETERS = ['secret', 'issuer', 'algorithm', 'digits', 'period'] as const;

export function parseOtpauthUri(text: string): Result<OtpauthKey> {
  const trimmed = text.trim();
  if (trimmed.length > MAX_URI_LENGTH) {
    return failure(
      'OTPAUTH_TOO_LONG',
      `The link is longer than ${MAX_URI_LENGTH} characters, more than any authenticator link.`,
      'Paste only the otpauth:// link.',
    );
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return failure(
      'OTPAUTH_NOT_A_URI',
      'This is not a link.',
      'Paste the whole otpauth://totp/... link, or enter the secret by hand.',
    );
  }
  if (url.protocol !== 'otpauth:') {
    return failure(
      'OTPAUTH_WRONG_SCHEME',
      `The link starts with "${url.protocol}" instead of "otpauth:".`,
      'Paste the otpauth://totp/... link the site shows (often behind "can’t scan the code?").',
    );
  }
  // Without "//" the type would land in the path and the URL would not mean what it says.
  if (!trimmed.slice('otpauth:'.length).startsWith('//')) {
    return failure(
      'OTPAUTH_MALFORMED',
      'The link is missing the "//" after "otpauth:".',
      'The link must look like otpauth://totp/Issuer:account?secret=...',
    );
  }
  const type = url.host.toLowerCase();
  if (type === 'hotp') {
    return failure(
      'OTPAUTH_HOTP_UNSUPPORTED',
      'This is a counter-based (HOTP) key; only time-based (TOTP) keys are supported.',
      'Ask the site for an authenticator-app (TOTP) setup instead.',
    );
  }
  if (type !== 'totp') {
    return failure(
      'OTPAUTH_UNKNOWN_TYPE',
      `The key type "${type.slice(0, 16)}" is unknown.`,
      'The link must start with otpauth://totp/.',
    );
  }
  if (url.username !== '' || url.password !== '' || url.port !== '' || url.hash !== '') {
    return failure(
      'OTPAUTH_MALFORMED',
      'The link has parts an otpauth link never has (user info, port or #fragment).',
      'Copy the link again; it may have been altered.',
    );
  }

  const label = decodeComponent(url.pathname.slice(1));
  if (label === undefined) {
    return failure(
      'OTPAUTH_BAD_ENCODING',
      'The account name in the link has broken percent-encoding.',
      'Copy the link again; it may have been cut or altered.',
    );
  }
  const colon = label.indexOf(':');
  const labelIssuer = colon >= 0 ? label.slice(0, colon).trim() : undefined;
  const account = (colon >= 0 ? label.slice(colon + 1) : label).trim();
  if (account === '') {
    return failure(
      'OTPAUTH_MISSING_ACCOUNT',
      'The link names no account.',
      'Copy the link again, or enter the secret by hand with an account name.',
    );
  }

  const params = url.searchParams;
  for (const name of KNOWN_PARAMETERS) {
    if (params.getAll(name).length > 1) {
      return failure(
        'OTPAUTH_DUPLICATE_PARAMETER',
        `The link gives "${name}" more than once, so it is ambiguous.`,
        'Copy the link again from the site.',
      );
    }
  }

  const rawSecret = params.get('secret');
  if (rawSecret === null || rawSecret === '') {
    return failure(
      'OTPAUTH_MISSING_SECRET',
      'The link carries no secret.',
      'Copy the whole link; the secret is the part after "secret=".',
    );
  }
  const secret = normalizeSecret(rawSecret);
  if (!secret.ok) return secret;

  const parameterIssuer = params.get('issuer')?.trim();
  if (
    labelIssuer !== undefined &&
    parameterIssuer !== undefined &&
    labelIssuer !== '' &&
    parameterIssuer !== '' &&
    labelIssuer !== parameterIssuer
  ) {
    return failure(
      'OTPAUTH_ISSUER_MISMATCH',
      `The link names two different issuers ("${labelIssuer.slice(0, 64)}" and "${parameterIssuer.slice(0, 64)}").`,
      'Copy the link again from the site; if it really says this, enter the secret by hand.',
    );
  }

  const algorithm = parseAlgorithm(params.get('algorithm') ?? DEFAULT_ALGORITHM);
  if (!algorithm.ok) return algorithm;
  const digits = parseDigits(params.get('digits') ?? DEFAULT_DIGITS);
  if (!digits.ok) return digits;
  const period = parsePeriod(params.get('period') ?? DEFAULT_PERIOD);
  if (!period.ok) return period;

  return {
    ok: true,
    value: {
      issuer: parameterIssuer || labelIssuer || '',
      account,
      secret: secret.value,
      algorithm: algorithm.value,
      digits: digits.value,
      period: period.value,
    },
  };
}

/** The canonical URI for a key: every parameter spelled out, issuer in label and parameter. */
export function formatOtpauthUri(key: OtpauthKey): string {
  // The label's first colon separates issuer from account, so an issuer that contains one can
  // only travel in the parameter, and an account with one needs an explicit empty prefix.
  const issuerFitsLabel = key.issuer !== '' && !key.issuer.includes(':');
  const prefix = issuerFitsLabel
    ? `${encodeURIComponent(key.issuer)}:`
    : key.account.includes(':')
      ? ':'
      : '';
  const label = `${prefix}${encodeURIComponent(key.account)}`;
  const query = [
    `secret=${key.secret}`,
    ...(key.issuer === '' ? [] : [`issuer=${encodeURIComponent(key.issuer)}`]),
    `algorithm=${key.algorithm}`,
    `digits=${key.digits}`,
    `period=${key.period}`,
  ].join('&');
  return `otpauth://totp/${label}?${query}`;
}

function decodeComponent(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}
