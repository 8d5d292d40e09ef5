/**
 * Keeps tokens fresh. An alarm per account fires before the access token expires; every wake
 * re-checks the absolute expiry (alarms can be late, workers restart). One refresh per account
 * at a time: concurrent callers share the same promise. Tokens are cleared only when Cognito
 * says the refresh token is dead, never on network trouble or 5xx.
 */
import { isDefiniteAuthFailure, isUnknownOperation, toAuthError } from '../cognito/auth-error';
import type { AuthTokens, CognitoGateway } from '../cognito/gateway';
import type { Logger } from '../platform/logger';
import type { Account } from './accounts';
import { persistTokens } from './persist-tokens';
import type { SessionTokens, TokenVault } from './token-vault';

export interface AlarmScheduler {
  create(name: string, when: number): Promise<void>;
  clear(name: string): Promise<void>;
}

export type RefreshOutcome =
  | { kind: 'refreshed'; tokens: SessionTokens }
  | { kind: 'signedOut'; code: string }
  | { kind: 'failed'; code: string }
  | { kind: 'noRefreshToken' }
  /** A site holds this account's refresh token (its own choice): the site refreshes, not us. */
  | { kind: 'handedOver' };

export interface RefresherDeps {
  vault: TokenVault;
  account: (accountId: string) => Promise<Account | undefined>;
  gatewayFor: (account: Account) => CognitoGateway;
  alarms: AlarmScheduler;
  now: () => number;
  /** Told when tokens changed on their own (refreshed or cleared). */
  onChange: (accountId: string, outcome: RefreshOutcome) => void | Promise<void>;
  logger: Logger;
  /**
   * True while a shared site holds the account's refresh token: with refresh-token rotation two
   * refreshers would sign each other out, so the extension then leaves refreshing to the site.
   */
  handedOver?: (accountId: string) => Promise<boolean>;
  /** Resolves after `ms` (default setTimeout); bounds how long a reader waits on a refresh. */
  wait?: (ms: number) => Promise<void>;
}

/**
 * How long a reader holding still-valid tokens waits for a due refresh before taking the current
 * ones (the new ones are pushed when they come): a stalled Cognito must not hold every page load
 * for the full request deadline.
 */
export const SETTLE_WAIT_MS = 2_000;

const ALARM_PREFIX = 'refresh:';
const MAX_LEAD_MS = 5 * 60 * 1000;
const RETRY_AFTER_MS = 60 * 1000;
/** While handed over, look again this often: the person may take the refresh token back. */
const HANDED_OVER_RECHECK_MS = 5 * 60 * 1000;

export const refreshAlarmName = (accountId: string) => `${ALARM_PREFIX}${accountId}`;

/** When to refresh: 5 minutes before expiry, or half-way for short-lived tokens. */
export function refreshDueAt(tokens: SessionTokens): number {
  const lifetime = Math.max(0, tokens.accessTokenExpiresAt - tokens.receivedAt);
  return tokens.accessTokenExpiresAt - Math.min(MAX_LEAD_MS, lifetime / 2);
}

export interface Refresher {
  refresh(accountId: string): Promise<RefreshOutcome>;
  schedule(accountId: string, tokens: SessionTokens): Promise<void>;
  cancel(accountId: string): Promise<void>;
  onAlarm(name: string): Promise<void>;
  /** On every worker start: refresh what is due (or lost with the browser), schedule the rest. */
  checkAll(accountIds: string[]): Promise<void>;
  /**
   * For readers of the tokens (shared sites): joins a refresh already running, and when the
   * tokens are due (or gone with a browser restart while a sealed refresh token is left) runs the
   * one refresh every concurrent reader shares. A reader whose tokens are still valid waits at
   * most SETTLE_WAIT_MS (the new ones are pushed later); one with none waits for the refresh.
   * Never throws; the vault afterwards holds the freshest tokens there are.
   */
  settle(accountId: string): Promise<void>;
}

export function createRefresher(deps: RefresherDeps): Refresher {
  const inflight = new Map<string, Promise<RefreshOutcome>>();

  async function schedule(accountId: string, tokens: SessionTokens): Promise<void> {
    await deps.alarms.create(refreshAlarmName(accountId), refreshDueAt(tokens));
  }

  async function callCognito(account: Account, refreshToken: string): Promise<AuthTokens> {
    const gateway = deps.gatewayFor(account);
    const user = await deps.vault.user(account.id);
    const device = user ? await deps.vault.device(account.id, user.username) : undefined;
    const deviceKey = device?.deviceKey;
    try {
      return await gateway.getTokensFromRefreshToken({
        refreshToken,
        ...(deviceKey !== undefined && { deviceKey }),
      });
    } catch (error) {
      const authError = toAuthError(error);
      if (!isUnknownOperation(authError)) throw authError;
      deps.logger.info('GetTokensFromRefreshToken unknown here; using REFRESH_TOKEN_AUTH');
      return gateway.refreshTokenAuth({
        refreshToken,
        username: user?.username ?? '',
        ...(deviceKey !== undefined && { deviceKey }),
      });
    }
  }

  async function run(accountId: string): Promise<RefreshOutcome> {
    const account = await deps.account(accountId);
    const refreshToken = await deps.vault.refreshToken(accountId);
    if (!account || refreshToken === undefined) return { kind: 'noRefreshToken' };
    if ((await deps.handedOver?.(accountId)) === true) {
      await deps.alarms.create(refreshAlarmName(accountId), deps.now() + HANDED_OVER_RECHECK_MS);
      return { kind: 'handedOver' };
    }
    try {
      const fresh = await callCognito(account, refreshToken);
      // Without rotation Cognito returns no refresh token: the old one stays valid.
      const tokens = await persistTokens({
        vault: deps.vault,
        accountId,
        tokens: { ...fresh, refreshToken: fresh.refreshToken ?? refreshToken },
        stay: account.staySignedIn,
        now: deps.now(),
      });
      await schedule(accountId, tokens);
      const outcome: RefreshOutcome = { kind: 'refreshed', tokens };
      await deps.onChange(accountId, outcome);
      return outcome;
    } catch (error) {
      const authError = toAuthError(error);
      if (isDefiniteAuthFailure(authError)) {
        deps.logger.info('refresh token refused; signing out', { code: authError.code });
        await deps.vault.clear(accountId);
        await deps.alarms.clear(refreshAlarmName(accountId));
        const outcome: RefreshOutcome = { kind: 'signedOut', code: authError.code };
        await deps.onChange(accountId, outcome);
        return outcome;
      }
      deps.logger.warn('refresh failed; keeping tokens and retrying later', {
        code: authError.code,
      });
      await deps.alarms.create(refreshAlarmName(accountId), deps.now() + RETRY_AFTER_MS);
      return { kind: 'failed', code: authError.code };
    }
  }

  function refresh(accountId: string): Promise<RefreshOutcome> {
    const running = inflight.get(accountId);
    if (running) return running;
    const started = run(accountId).finally(() => inflight.delete(accountId));
    inflight.set(accountId, started);
    return started;
  }

  async function check(accountId: string): Promise<void> {
    const tokens = await deps.vault.load(accountId);
    if (!tokens) {
      // Browser restarted with "stay signed in": only the sealed refresh token is left.
      if ((await deps.vault.refreshToken(accountId)) !== undefined) await refresh(accountId);
      return;
    }
    if (deps.now() >= refreshDueAt(tokens)) await refresh(accountId);
    else await schedule(accountId, tokens);
  }

  return {
    refresh,
    schedule,
    cancel: (accountId) => deps.alarms.clear(refreshAlarmName(accountId)),
    async onAlarm(name) {
      if (name.startsWith(ALARM_PREFIX)) await check(name.slice(ALARM_PREFIX.length));
    },
    async checkAll(accountIds) {
      for (const id of accountIds) await check(id);
    },
    async settle(accountId) {
      try {
        const tokens = await deps.vault.load(accountId);
        const needed =
          inflight.has(accountId) ||
          (tokens
            ? deps.now() >= refreshDueAt(tokens)
            : (await deps.vault.refreshToken(accountId)) !== undefined);
        if (!needed) return;
        // refresh() is single-flight: every concurrent reader joins the same call.
        const refreshing = refresh(accountId);
        const usable = tokens !== null && deps.now() < tokens.accessTokenExpiresAt;
        if (!usable) {
          await refreshing;
          return;
        }
        const wait =
          deps.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
        await Promise.race([refreshing, wait(SETTLE_WAIT_MS)]);
      } catch (error) {
        // The reader then sees what the vault holds; the refresh itself logs and reschedules.
        deps.logger.warn('could not settle the session', error);
      }
    },
  };
}
