/**
 * The hosted UI's server-side memory: authorization requests waiting on the login page,
 * authorization codes (single-use, 5 minutes as on Cognito), and hosted sessions (the cookie
 * that lets a second /oauth2/authorize skip the login page until /logout).
 */

export interface AuthorizationRequest {
  poolId: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state?: string;
  codeChallenge?: string;
  nonce?: string;
}

export interface IssuedCode extends AuthorizationRequest {
  username: string;
  authTime: number;
  expiresAt: number;
}

export interface HostedSession {
  poolId: string;
  username: string;
  authTime: number;
  expiresAt: number;
}

export interface OAuthStoreDeps {
  now: () => number;
  randomBytes: (length: number) => Uint8Array;
}

export const CODE_VALIDITY_MS = 5 * 60_000;
/** How long the login page may stay open before its form is refused. */
export const LOGIN_REQUEST_VALIDITY_MS = 15 * 60_000;
/** Cognito's managed-login session cookie lasts one hour. */
export const HOSTED_SESSION_VALIDITY_MS = 60 * 60_000;

export class OAuthStore {
  private readonly requests = new Map<string, AuthorizationRequest & { expiresAt: number }>();
  private readonly codes = new Map<string, IssuedCode>();
  private readonly hosted = new Map<string, HostedSession>();

  constructor(private readonly deps: OAuthStoreDeps) {}

  private id(bytes: number): string {
    return Buffer.from(this.deps.randomBytes(bytes)).toString('base64url');
  }

  saveRequest(request: AuthorizationRequest): string {
    const id = this.id(24);
    this.requests.set(id, { ...request, expiresAt: this.deps.now() + LOGIN_REQUEST_VALIDITY_MS });
    return id;
  }

  /** A login-page request, still usable (not consumed: a wrong password re-shows the page). */
  request(id: string): AuthorizationRequest | undefined {
    const found = this.requests.get(id);
    if (!found) return undefined;
    if (found.expiresAt <= this.deps.now()) {
      this.requests.delete(id);
      return undefined;
    }
    const { expiresAt: _expires, ...request } = found;
    return request;
  }

  dropRequest(id: string): void {
    this.requests.delete(id);
  }

  issueCode(request: AuthorizationRequest, username: string, authTime: number): string {
    const code = this.id(32);
    this.codes.set(code, {
      ...request,
      username,
      authTime,
      expiresAt: this.deps.now() + CODE_VALIDITY_MS,
    });
    return code;
  }

  /** Removes the code whatever happens next: a code is good for one token request only. */
  takeCode(code: string): IssuedCode | undefined {
    const found = this.codes.get(code);
    this.codes.delete(code);
    if (!found || found.expiresAt <= this.deps.now()) return undefined;
    return found;
  }

  startHostedSession(poolId: string, username: string, authTime: number): string {
    const id = this.id(32);
    this.hosted.set(id, {
      poolId,
      username,
      authTime,
      expiresAt: this.deps.now() + HOSTED_SESSION_VALIDITY_MS,
    });
    return id;
  }

  hostedSession(id: string | undefined, poolId: string): HostedSession | undefined {
    if (id === undefined) return undefined;
    const found = this.hosted.get(id);
    if (!found || found.poolId !== poolId || found.expiresAt <= this.deps.now()) return undefined;
    return found;
  }

  endHostedSession(id: string | undefined): void {
    if (id !== undefined) this.hosted.delete(id);
  }

  clear(): void {
    this.requests.clear();
    this.codes.clear();
    this.hosted.clear();
  }
}
