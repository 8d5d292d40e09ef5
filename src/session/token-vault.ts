/**
 * Where tokens live (DESIGN.md, "Storage"): id and access tokens in `storage.session`; the
 * refresh token and the remembered device's keys in `storage.local`, AES-GCM sealed, only when
 * the account says "stay signed in" (otherwise in `storage.session`, gone with the browser).
 */
import type { StorageArea } from '../platform/storage-area';
import type { SecretBox } from '../platform/secret-box';
import type { RememberedDevice } from '../signin/internal-challenges';
import type { SignedInUser } from '../signin/steps';

export interface SessionTokens {
  idToken: string;
  accessToken: string;
  /** Local-clock epoch ms when the access token expires (Cognito's exp corrected by the drift). */
  accessTokenExpiresAt: number;
  clockDriftMs: number;
  /** Local epoch ms when Cognito issued these tokens to us. */
  receivedAt: number;
  user: SignedInUser;
  originJti?: string;
}

export interface TokenVault {
  save(
    accountId: string,
    tokens: SessionTokens,
    refreshToken: string | undefined,
    stay: boolean,
  ): Promise<void>;
  load(accountId: string): Promise<SessionTokens | null>;
  refreshToken(accountId: string): Promise<string | undefined>;
  /** Who is signed in, kept next to a persisted refresh token (needed after a browser restart). */
  user(accountId: string): Promise<SignedInUser | undefined>;
  clear(accountId: string): Promise<void>;
  device(accountId: string, username: string): Promise<RememberedDevice | undefined>;
  saveDevice(
    accountId: string,
    username: string,
    device: RememberedDevice,
    stay: boolean,
  ): Promise<void>;
  forgetDevice(accountId: string, username: string): Promise<void>;
}

interface Sealed {
  sealed: string;
}

export function createTokenVault(deps: {
  session: StorageArea;
  local: StorageArea;
  box: SecretBox;
}): TokenVault {
  const { session, local, box } = deps;
  const deviceKey = (accountId: string, username: string) =>
    `device.${accountId}.${username.toLowerCase()}`;

  async function readSecret(key: string): Promise<string | undefined> {
    // Both areas at once: each read is a round trip to the browser process, on the sign-in path.
    const [plain, stored] = await Promise.all([session.get<string>(key), local.get<Sealed>(key)]);
    if (plain !== null) return plain;
    if (stored === null) return undefined;
    try {
      return await box.open(stored.sealed);
    } catch {
      // The key is gone (profile reset) or the data is damaged: treat as absent.
      await local.remove(key);
      return undefined;
    }
  }

  /**
   * The new copy and the removal of the other area's copy, issued together: the browser applies
   * an extension's storage calls in the order they were made, so the new copy lands first.
   */
  async function writeSecret(key: string, value: string, stay: boolean): Promise<void> {
    if (stay) {
      const sealed: Sealed = { sealed: await box.seal(value) };
      await Promise.all([local.set(key, sealed), session.remove(key)]);
    } else {
      await Promise.all([session.set(key, value), local.remove(key)]);
    }
  }

  return {
    async save(accountId, tokens, refreshToken, stay) {
      // Independent keys: written side by side instead of four round trips in a row.
      await Promise.all([
        session.set(`tokens.${accountId}`, tokens),
        ...(refreshToken === undefined
          ? []
          : [writeSecret(`refresh.${accountId}`, refreshToken, stay)]),
        ...(stay ? [local.set(`user.${accountId}`, tokens.user)] : []),
      ]);
    },
    load: (accountId) => session.get<SessionTokens>(`tokens.${accountId}`),
    refreshToken: (accountId) => readSecret(`refresh.${accountId}`),
    async user(accountId) {
      const tokens = await session.get<SessionTokens>(`tokens.${accountId}`);
      return tokens?.user ?? (await local.get<SignedInUser>(`user.${accountId}`)) ?? undefined;
    },
    async clear(accountId) {
      await session.remove(`tokens.${accountId}`);
      await session.remove(`refresh.${accountId}`);
      await local.remove(`refresh.${accountId}`);
      await local.remove(`user.${accountId}`);
    },
    async device(accountId, username) {
      const json = await readSecret(deviceKey(accountId, username));
      return json === undefined ? undefined : (JSON.parse(json) as RememberedDevice);
    },
    saveDevice: (accountId, username, device, stay) =>
      writeSecret(deviceKey(accountId, username), JSON.stringify(device), stay),
    async forgetDevice(accountId, username) {
      await session.remove(deviceKey(accountId, username));
      await local.remove(deviceKey(accountId, username));
    },
  };
}
