/**
 * What session sharing needs from the token vault, as an interface so this folder does not
 * depend on how the vault stores tokens. The background wires the real vault in.
 */
export interface SignInDetails {
  loginId?: string;
  authFlowType?: string;
}

/** One account's current tokens, as a site may receive them. */
export interface SiteTokens {
  /** The Cognito username (`cognito:username`), the key segment Amplify calls LastAuthUser. */
  username: string;
  idToken: string;
  accessToken: string;
  refreshToken?: string;
  /** `iat` claims, in seconds. */
  idTokenIat: number;
  accessTokenIat: number;
  /**
   * When the extension received these tokens from Cognito (epoch ms, local clock). Amplify v6's
   * clockDrift is `iat·1000 − now` taken at that moment; taking "now" at injection time instead
   * would turn the tokens' age into a fake clock skew.
   */
  receivedAt: number;
  signInDetails?: SignInDetails;
}

export interface AccountSession {
  /** The account's app client id: the key namespace, needed even to remove a session. */
  clientId: string;
  /** Undefined while the account is signed out. */
  tokens: SiteTokens | undefined;
}

export interface SessionRequest {
  /**
   * Only for a site whose person ticked "share the refresh token": the token leaves the vault
   * for nobody else (least privilege: the other formats and sites never see it).
   */
  includeRefreshToken?: boolean;
}

export interface SessionSource {
  /** Undefined when no such account exists. */
  getAccountSession(
    accountId: string,
    request?: SessionRequest,
  ): Promise<AccountSession | undefined>;
}

/** What a site's session request must say, from its settings. */
export function sessionRequestFor(site: { shareRefreshToken: boolean }): SessionRequest {
  return { includeRefreshToken: site.shareRefreshToken };
}
