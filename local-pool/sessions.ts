/**
 * Challenge Sessions: opaque random strings that name server-side state bound to one user, one
 * app client and one challenge. A Session is taken (removed) when it is answered, so it cannot be
 * replayed; only a wrong one-time code puts it back, with an attempt counted, so the person can
 * retype the code as Cognito allows.
 */
import { Errors } from './errors';

export interface SessionBinding {
  poolId: string;
  clientId: string;
  /** Canonical username. */
  username: string;
  challenge: string;
}

export interface StoredSession<T> extends SessionBinding {
  id: string;
  expiresAt: number;
  attempts: number;
  data: T;
}

export interface SessionStoreDeps {
  now: () => number;
  randomBytes: (length: number) => Uint8Array;
}

export class SessionStore<T> {
  private readonly sessions = new Map<string, StoredSession<T>>();

  constructor(private readonly deps: SessionStoreDeps) {}

  create(binding: SessionBinding, validityMs: number, data: T): string {
    this.sweep();
    const id = Buffer.from(this.deps.randomBytes(192)).toString('base64');
    this.sessions.set(id, {
      ...binding,
      id,
      expiresAt: this.deps.now() + validityMs,
      attempts: 0,
      data,
    });
    return id;
  }

  /**
   * Removes and returns the Session if it exists, is fresh and matches the client and challenge.
   * Unknown, forged, reused and mismatched Sessions all fail the same way, as on Cognito.
   */
  take(id: string | undefined, expect: { poolId: string; clientId: string; challenge?: string }) {
    if (id === undefined) throw Errors.invalidSession();
    const session = this.sessions.get(id);
    if (!session) throw Errors.invalidSession();
    if (session.poolId !== expect.poolId || session.clientId !== expect.clientId) {
      throw Errors.invalidSession();
    }
    if (expect.challenge !== undefined && session.challenge !== expect.challenge) {
      throw Errors.invalidSession();
    }
    this.sessions.delete(id);
    if (session.expiresAt <= this.deps.now()) throw Errors.expiredSession();
    return session;
  }

  /** Puts a Session back after a wrong code, or drops it when the attempts are used up. */
  retry(session: StoredSession<T>, maxAttempts: number): boolean {
    const attempts = session.attempts + 1;
    if (attempts >= maxAttempts) return false;
    this.sessions.set(session.id, { ...session, attempts });
    return true;
  }

  find(predicate: (session: StoredSession<T>) => boolean): StoredSession<T> | undefined {
    for (const session of this.sessions.values()) if (predicate(session)) return session;
    return undefined;
  }

  clear(): void {
    this.sessions.clear();
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    const now = this.deps.now();
    for (const [id, session] of this.sessions)
      if (session.expiresAt <= now) this.sessions.delete(id);
  }
}
