/**
 * Where a pool's passkeys may be used: the RP ID the options carry and the origins whose
 * clientDataJSON the pool accepts. Cognito's RP ID is a web domain, used from `https://` pages of
 * that domain or its subdomains (and `http://localhost` for development). Chromium runs WebAuthn on
 * an extension page only under the page's own origin, hashing `chrome-extension://<id>` as the RP
 * ID, so the local pool also accepts that form (docs/passkeys.md).
 */
import { CognitoError } from '../errors';
import type { WebAuthnConfig } from '../config';

const EXTENSION_PREFIX = 'chrome-extension://';
const EXTENSION_ORIGIN = /^chrome-extension:\/\/[a-p]{32}$/;

export interface RelyingPartyCheck {
  /** The RP ID the authenticator data must hash to. */
  rpId: string;
  /** The clientDataJSON origin, once allowed. */
  origin: string;
}

export function isExtensionRelyingParty(relyingPartyId: string): boolean {
  return relyingPartyId.startsWith(EXTENSION_PREFIX);
}

/**
 * The `rp.id` / `rpId` to put in the options. Absent for extension RPs: the extension page then
 * uses its own origin, which is the only RP ID Chromium lets it claim.
 */
export function optionsRpId(config: WebAuthnConfig): string | undefined {
  return isExtensionRelyingParty(config.relyingPartyId) ? undefined : config.relyingPartyId;
}

function webOriginAllowed(relyingPartyId: string, origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  const host = url.hostname;
  const sameSite = host === relyingPartyId || host.endsWith(`.${relyingPartyId}`);
  if (!sameSite) return false;
  // Browsers allow plain http only for localhost; so does the pool.
  return url.protocol === 'https:' || (url.protocol === 'http:' && relyingPartyId === 'localhost');
}

/**
 * Checks the origin the browser wrote into clientDataJSON against the pool's setting and says
 * which RP ID the authenticator data must be bound to.
 */
export function checkOrigin(config: WebAuthnConfig, origin: string): RelyingPartyCheck {
  const configured = config.relyingPartyId;
  if (isExtensionRelyingParty(configured)) {
    const anyExtension = configured === `${EXTENSION_PREFIX}*`;
    if (EXTENSION_ORIGIN.test(origin) && (anyExtension || origin === configured)) {
      return { rpId: origin, origin };
    }
  } else if (webOriginAllowed(configured, origin)) {
    return { rpId: configured, origin };
  }
  throw new CognitoError(
    'WebAuthnOriginNotAllowedException',
    `The origin ${origin} is not allowed for the relying party ${configured}.`,
  );
}

/** The origin out of a base64url clientDataJSON, or a clear refusal. */
export function clientDataOrigin(clientDataJSON: unknown): string {
  if (typeof clientDataJSON !== 'string') {
    throw new CognitoError(
      'InvalidParameterException',
      'Credential.response.clientDataJSON is missing.',
    );
  }
  try {
    const parsed = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as {
      origin?: unknown;
    };
    if (typeof parsed.origin === 'string') return parsed.origin;
  } catch {
    // fall through to the refusal below
  }
  throw new CognitoError(
    'InvalidParameterException',
    'Credential.response.clientDataJSON is not valid.',
  );
}
