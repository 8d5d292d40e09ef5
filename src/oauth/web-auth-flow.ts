/**
 * The browser's sign-in window for extensions: `identity.launchWebAuthFlow` (Chrome; Firefox's
 * implementation behaves the same through the polyfill). The identity API is passed in; its
 * refusals become our errors here, because each browser words them differently.
 */
import { HostedUiErrors } from './errors';

export interface WebAuthFlow {
  /** `https://<extension-id>.chromiumapp.org/` (Chrome) or `https://<id>.extensions.allizom.org/`. */
  redirectUrl(): string;
  /** Resolves with the URL the window reached (the redirect URL with its query). */
  launch(url: string, interactive: boolean): Promise<string>;
}

export interface IdentityApi {
  getRedirectURL(path?: string): string;
  launchWebAuthFlow(details: { url: string; interactive?: boolean }): Promise<string | undefined>;
}

/** Chrome: "The user did not approve access."; Firefox: "User cancelled or denied access." */
const CLOSED = /did not approve|cancel+ed|denied access|closed/i;

export function toWebAuthError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (CLOSED.test(message)) return HostedUiErrors.windowClosed();
  return HostedUiErrors.pageUnavailable(message.slice(0, 200));
}

export function webAuthFlowFrom(identity: IdentityApi | undefined): WebAuthFlow | undefined {
  if (!identity) return undefined;
  return {
    redirectUrl: () => identity.getRedirectURL(),
    async launch(url, interactive) {
      let reached: string | undefined;
      try {
        reached = await identity.launchWebAuthFlow({ url, interactive });
      } catch (error) {
        throw toWebAuthError(error);
      }
      if (reached === undefined) throw HostedUiErrors.windowClosed();
      return reached;
    },
  };
}
