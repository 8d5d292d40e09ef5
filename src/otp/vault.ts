/**
 * The authenticator vault: TOTP entries kept in one AES-GCM blob in `storage.local`, under a
 * non-extractable device key or, when the person sets one, a passphrase. The whole list is one
 * ciphertext so that not even issuers, accounts or the number of entries are readable at rest.
 *
 * Everything it touches is passed in (storage slot, key store, WebCrypto), and it never logs.
 */
import * as v from 'valibot';
import { OtpError } from './errors';
import type { VaultKeyStore } from './key-store';
import { formatOtpauthUri } from './otpauth';
import {
  TOTP_ALGORITHMS,
  TOTP_DIGITS,
  validateTotpParameters,
  type TotpParameters,
} from './totp-parameters';
import {
  derivePassphraseKey,
  generateDeviceKey,
  MIN_PBKDF2_ITERATIONS,
  open,
  randomBytes,
  SALT_BYTES,
  seal,
  fromBase64,
  toBase64,
  type VaultCrypto,
} from './vault-crypto';

export interface TotpEntry extends TotpParameters {
  readonly id: string;
  readonly issuer: string;
  readonly account: string;
  /** The Cognito Pass account (user pool + client) this entry answers TOTP challenges for. */
  readonly accountId?: string;
  /** The Cognito username within that account. */
  readonly username?: string;
  /** Exact web origins (`https://host[:port]`) whose pages may have this entry's code filled. */
  readonly origins?: readonly string[];
}

/** What callers supply: free-form parameters, validated and normalised by the vault. */
export interface TotpEntryInput {
  issuer?: string;
  account: string;
  secret: string;
  algorithm?: string;
  digits?: string | number;
  period?: string | number;
  accountId?: string;
  username?: string;
  origins?: readonly string[];
}

export type VaultStatus = 'empty' | 'locked' | 'unlocked';

/** One key in some storage area: `storageSlot(browser.storage.local, 'authenticatorVault')`. */
export interface VaultStorage {
  read(): Promise<unknown>;
  write(value: StoredVault): Promise<void>;
}

interface StorageAreaLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export function storageSlot(area: StorageAreaLike, key: string): VaultStorage {
  return {
    read: async () => (await area.get(key))[key],
    write: (value) => area.set({ [key]: value }),
  };
}

export interface VaultDeps {
  storage: VaultStorage;
  keyStore: VaultKeyStore;
  crypto: VaultCrypto;
  newId: () => string;
  /** Defaults to and may not go under MIN_PBKDF2_ITERATIONS. */
  pbkdf2Iterations?: number;
}

const LockSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('device') }),
  v.strictObject({
    kind: v.literal('passphrase'),
    kdf: v.literal('PBKDF2-SHA256'),
    iterations: v.pipe(v.number(), v.integer(), v.minValue(MIN_PBKDF2_ITERATIONS)),
    salt: v.pipe(v.string(), v.base64()),
  }),
]);
type Lock = v.InferOutput<typeof LockSchema>;

const StoredVaultSchema = v.strictObject({
  format: v.literal(1),
  lock: LockSchema,
  iv: v.pipe(v.string(), v.base64()),
  data: v.pipe(v.string(), v.base64()),
});
export type StoredVault = v.InferOutput<typeof StoredVaultSchema>;

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const EntrySchema = v.strictObject({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  issuer: text(256),
  account: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
  secret: v.pipe(v.string(), v.regex(/^[A-Z2-7]+$/)),
  algorithm: v.picklist(TOTP_ALGORITHMS),
  digits: v.picklist(TOTP_DIGITS),
  period: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(300)),
  accountId: v.optional(text(64)),
  username: v.optional(text(128)),
  origins: v.optional(v.array(text(512))),
});
const EntriesSchema = v.array(EntrySchema);

const DEVICE_KEY_NAME = 'authenticator-vault';
const MIN_PASSPHRASE_LENGTH = 8;

const vaultError = (code: string, message: string, recovery: string) =>
  new OtpError({ code, message, recovery });

export interface AuthenticatorVault {
  status(): Promise<VaultStatus>;
  /** Derives the key and proves it by decrypting; the vault stays locked on a wrong passphrase. */
  unlock(passphrase: string): Promise<void>;
  /** Forgets the passphrase key (no effect on a device-key vault). */
  lock(): void;
  /** Re-encrypts under a new passphrase (new salt). The vault must be readable. */
  setPassphrase(passphrase: string): Promise<void>;
  /** Re-encrypts under the device key. The vault must be readable. */
  removePassphrase(): Promise<void>;
  list(): Promise<TotpEntry[]>;
  get(id: string): Promise<TotpEntry | undefined>;
  add(input: TotpEntryInput): Promise<TotpEntry>;
  /** Merges the changes; an optional field given as `undefined` is cleared (unbinding a user). */
  update(
    id: string,
    changes: { [K in keyof TotpEntryInput]?: TotpEntryInput[K] | undefined },
  ): Promise<TotpEntry>;
  remove(id: string): Promise<void>;
  /** The entry answering Cognito's TOTP step for this user (usernames compare case-insensitively). */
  findForUser(accountId: string, username: string): Promise<TotpEntry | undefined>;
  findForOrigin(origin: string): Promise<TotpEntry | undefined>;
  /** The entry as an otpauth:// URI, for moving it to a phone (the caller confirms first). */
  exportUri(id: string): Promise<string>;
}

export function createAuthenticatorVault(deps: VaultDeps): AuthenticatorVault {
  const iterations = deps.pbkdf2Iterations ?? MIN_PBKDF2_ITERATIONS;
  if (iterations < MIN_PBKDF2_ITERATIONS) {
    throw new RangeError(`PBKDF2 needs at least ${MIN_PBKDF2_ITERATIONS} iterations`);
  }
  // The passphrase-derived key, held only in memory: an MV3 worker restart locks the vault again.
  let unlocked: { key: CryptoKey; lock: Lock } | undefined;
  // Mutations run one after another so two quick edits cannot overwrite each other.
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  async function readStored(): Promise<StoredVault | undefined> {
    const raw = await deps.storage.read();
    if (raw === undefined) return undefined;
    const parsed = v.safeParse(StoredVaultSchema, raw);
    if (!parsed.success) {
      throw vaultError(
        'VAULT_CORRUPT',
        'The authenticator vault in storage is damaged.',
        'Restore your authenticator entries from their sites or from a phone, then add them again.',
      );
    }
    return parsed.output;
  }

  async function deviceKey(create: boolean): Promise<CryptoKey | undefined> {
    const existing = await deps.keyStore.get(DEVICE_KEY_NAME);
    if (existing || !create) return existing;
    const key = await generateDeviceKey(deps.crypto);
    await deps.keyStore.put(DEVICE_KEY_NAME, key);
    return key;
  }

  const associatedData = (lock: Lock) => JSON.stringify({ format: 1, lock });

  async function decrypt(stored: StoredVault, key: CryptoKey): Promise<TotpEntry[] | undefined> {
    const plaintext = await open(deps.crypto, key, stored, associatedData(stored.lock));
    if (plaintext === undefined) return undefined;
    const entries = v.safeParse(EntriesSchema, JSON.parse(plaintext));
    if (!entries.success) {
      throw vaultError(
        'VAULT_CORRUPT',
        'The authenticator vault decrypted but its content is not valid.',
        'Add your authenticator entries again.',
      );
    }
    return entries.output.map(fromStored);
  }

  async function readEntries(): Promise<TotpEntry[]> {
    const stored = await readStored();
    if (!stored) return [];
    if (stored.lock.kind === 'device') {
      const key = await deviceKey(false);
      if (!key) {
        throw vaultError(
          'VAULT_DEVICE_KEY_MISSING',
          'The key of the authenticator vault is gone (browser data was cleared), so its entries cannot be read.',
          'Add your authenticator entries again; set a passphrase to make the vault portable.',
        );
      }
      const entries = await decrypt(stored, key);
      if (!entries) {
        throw vaultError(
          'VAULT_CORRUPT',
          'The authenticator vault cannot be decrypted with this device’s key.',
          'Add your authenticator entries again.',
        );
      }
      return entries;
    }
    if (!unlocked || !sameLock(unlocked.lock, stored.lock)) {
      unlocked = undefined;
      throw vaultError(
        'VAULT_LOCKED',
        'The authenticator is locked.',
        'Unlock it with your passphrase.',
      );
    }
    const entries = await decrypt(stored, unlocked.key);
    if (!entries) {
      throw vaultError(
        'VAULT_CORRUPT',
        'The authenticator vault cannot be decrypted.',
        'Lock and unlock it again; if that fails, add your entries again.',
      );
    }
    return entries;
  }

  async function writeEntries(entries: TotpEntry[], lock?: Lock, key?: CryptoKey): Promise<void> {
    let useLock = lock;
    let useKey = key;
    if (!useLock || !useKey) {
      const stored = await readStored();
      if (stored?.lock.kind === 'passphrase') {
        if (!unlocked) {
          throw vaultError(
            'VAULT_LOCKED',
            'The authenticator is locked.',
            'Unlock it with your passphrase.',
          );
        }
        useLock = unlocked.lock;
        useKey = unlocked.key;
      } else {
        useLock = { kind: 'device' };
        useKey = await deviceKey(true);
      }
    }
    if (!useKey) throw new Error('unreachable: no key to write with');
    const sealed = await seal(
      deps.crypto,
      useKey,
      JSON.stringify(entries),
      associatedData(useLock),
    );
    await deps.storage.write({ format: 1, lock: useLock, ...sealed });
  }

  function checkPassphrase(passphrase: string) {
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
      throw vaultError(
        'VAULT_PASSPHRASE_TOO_SHORT',
        `The passphrase is shorter than ${MIN_PASSPHRASE_LENGTH} characters.`,
        'Choose a longer passphrase; a few unrelated words work well.',
      );
    }
  }

  async function mutate<T>(change: (entries: TotpEntry[]) => { entries: TotpEntry[]; result: T }) {
    return serialised(async () => {
      const { entries, result } = change(await readEntries());
      await writeEntries(entries);
      return result;
    });
  }

  const findOrThrow = (entries: TotpEntry[], id: string) => {
    const entry = entries.find((candidate) => candidate.id === id);
    if (!entry) {
      throw vaultError(
        'VAULT_ENTRY_NOT_FOUND',
        'This authenticator entry does not exist any more.',
        'Reopen the authenticator list.',
      );
    }
    return entry;
  };

  return {
    async status() {
      const stored = await readStored();
      if (!stored) return 'empty';
      if (stored.lock.kind === 'device') return 'unlocked';
      return unlocked && sameLock(unlocked.lock, stored.lock) ? 'unlocked' : 'locked';
    },

    unlock: (passphrase) =>
      serialised(async () => {
        const stored = await readStored();
        if (stored?.lock.kind !== 'passphrase') {
          throw vaultError(
            'VAULT_NO_PASSPHRASE',
            'The authenticator has no passphrase to unlock.',
            'Nothing to do: it opens by itself on this device.',
          );
        }
        const key = await derivePassphraseKey(
          deps.crypto,
          passphrase,
          fromBase64(stored.lock.salt),
          stored.lock.iterations,
        );
        if (!(await decrypt(stored, key))) {
          throw vaultError(
            'VAULT_WRONG_PASSPHRASE',
            'That passphrase does not unlock the authenticator.',
            'Check the passphrase (and Caps Lock) and try again.',
          );
        }
        unlocked = { key, lock: stored.lock };
      }),

    lock() {
      unlocked = undefined;
    },

    setPassphrase: (passphrase) =>
      serialised(async () => {
        checkPassphrase(passphrase);
        const entries = await readEntries();
        const lock: Lock = {
          kind: 'passphrase',
          kdf: 'PBKDF2-SHA256',
          iterations,
          salt: toBase64(randomBytes(deps.crypto, SALT_BYTES)),
        };
        const key = await derivePassphraseKey(
          deps.crypto,
          passphrase,
          fromBase64(lock.salt),
          iterations,
        );
        await writeEntries(entries, lock, key);
        unlocked = { key, lock };
        // The device key would otherwise outlive its purpose next to the passphrase vault.
        await deps.keyStore.remove?.(DEVICE_KEY_NAME);
      }),

    removePassphrase: () =>
      serialised(async () => {
        const entries = await readEntries();
        const key = await deviceKey(true);
        if (!key) throw new Error('unreachable: device key not created');
        await writeEntries(entries, { kind: 'device' }, key);
        unlocked = undefined;
      }),

    list: () => readEntries(),

    async get(id) {
      return (await readEntries()).find((entry) => entry.id === id);
    },

    add: (input) =>
      mutate((entries) => {
        const entry = buildEntry(deps.newId(), input);
        return { entries: [...entries, entry], result: entry };
      }),

    update: (id, changes) =>
      mutate((entries) => {
        const current = findOrThrow(entries, id);
        const next = buildEntry(id, { ...current, ...changes } as TotpEntryInput);
        return { entries: entries.map((e) => (e.id === id ? next : e)), result: next };
      }),

    remove: (id) =>
      mutate((entries) => {
        findOrThrow(entries, id);
        return { entries: entries.filter((entry) => entry.id !== id), result: undefined };
      }),

    async findForUser(accountId, username) {
      const wanted = username.toLowerCase();
      return (await readEntries()).find(
        (entry) => entry.accountId === accountId && entry.username?.toLowerCase() === wanted,
      );
    },

    async findForOrigin(origin) {
      return (await readEntries()).find((entry) => entry.origins?.includes(origin) === true);
    },

    async exportUri(id) {
      return formatOtpauthUri(findOrThrow(await readEntries(), id));
    },
  };
}

function sameLock(a: Lock, b: Lock): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function invalidEntry(message: string, recovery: string): OtpError {
  return vaultError('VAULT_INVALID_ENTRY', message, recovery);
}

/** Validates and normalises an entry; throws an OtpError naming the defect. */
export function buildEntry(id: string, input: TotpEntryInput): TotpEntry {
  const parameters = validateTotpParameters(input);
  if (!parameters.ok) throw new OtpError(parameters.error);
  const issuer = (input.issuer ?? '').trim();
  const account = input.account.trim();
  if (account === '' || account.length > 256 || issuer.length > 256) {
    throw invalidEntry(
      'An authenticator entry needs an account name of at most 256 characters.',
      'Enter the account (user name or email) the code is for.',
    );
  }
  const origins = input.origins?.map(exactOrigin);
  return {
    id,
    issuer,
    account,
    ...parameters.value,
    ...(input.accountId !== undefined && { accountId: input.accountId }),
    ...(input.username !== undefined && { username: input.username }),
    ...(origins !== undefined && { origins }),
  };
}

function exactOrigin(text: string): string {
  let origin: string | undefined;
  try {
    const url = new URL(text);
    if (url.protocol === 'https:' || url.protocol === 'http:') origin = url.origin;
  } catch {
    origin = undefined;
  }
  if (origin !== text) {
    throw invalidEntry(
      `"${text.slice(0, 80)}" is not an exact web origin.`,
      'Give origins as scheme and host only, like https://app.example.com.',
    );
  }
  return origin;
}

// Optional fields are written only when present (exactOptionalPropertyTypes).
function fromStored(entry: v.InferOutput<typeof EntrySchema>): TotpEntry {
  const { accountId, username, origins, ...rest } = entry;
  return {
    ...rest,
    ...(accountId !== undefined && { accountId }),
    ...(username !== undefined && { username }),
    ...(origins !== undefined && { origins }),
  };
}
