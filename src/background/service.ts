/**
 * The background's brain, without any `browser.*`: page requests in, PopupState out. Every
 * piece of state is read from storage on each request, so a stopped and restarted worker
 * (a fresh `createBackground`) continues exactly where the last one was.
 */
import { localErrors, toAuthError } from '../cognito/auth-error';
import type { CognitoClientConfig, CognitoGateway } from '../cognito/gateway';
import { createSdkGateway } from '../cognito/sdk-gateway';
import { createEphemeral, type SrpEphemeral } from '../cognito/srp/srp';
import type { KeyStore } from '../platform/key-store';
import type { Logger } from '../platform/logger';
import type { PageRequest, PageResponse, PopupState } from '../platform/protocol';
import { createSecretBox } from '../platform/secret-box';
import type { StorageArea } from '../platform/storage-area';
import { createAccounts, toAccountView, type Account, type Item } from '../session/accounts';
import { completeSignIn } from '../session/complete-sign-in';
import { confirmNewDevice } from '../session/confirm-new-device';
import { createRefresher, type AlarmScheduler, type Refresher } from '../session/refresh';
import { createSessionSource } from '../session/session-source';
import type { SessionSource } from '../sites/session-source';
import { signOut } from '../session/sign-out';
import { createHostedUi } from '../oauth/background-hosted-ui';
import type { Fetch } from '../oauth/token-exchange';
import type { WebAuthFlow } from '../oauth/web-auth-flow';
import { createTokenVault, type TokenVault } from '../session/token-vault';
import type { FlowEvent } from '../signin/effects';
import { initialFlowState, type FlowState } from '../signin/flow-state';
import { canResend } from '../signin/machine';
import { dispatch, type RunnerDeps } from '../signin/runner';
import type { FlowView } from '../signin/steps';
import { createFollowUps } from './follow-ups';

export interface BackgroundDeps {
  session: StorageArea;
  local: StorageArea;
  accountsItem: Item<Account[]>;
  activeItem: Item<string | null>;
  keyStore: KeyStore;
  alarms: AlarmScheduler;
  now: () => number;
  newId: () => string;
  logger: Logger;
  /** Told when state changed on its own (refresh, expiry, sign-out elsewhere). */
  broadcast: (state: PopupState) => void;
  /** The built-in authenticator (src/otp): answers TOTP steps and keeps secrets set up here. */
  authenticator?: Authenticator;
  /** Told whenever an account's tokens were stored, refreshed or cleared (session sharing pushes them). */
  onTokensChanged?: (accountId: string) => void;
  /** True while a shared site holds the account's refresh token: the refresher then stands by. */
  refreshHandedOver?: (accountId: string) => Promise<boolean>;
  /** Defaults to the SDK gateway; tests wrap it (e.g. to return an unknown challenge). */
  gatewayFor?: (config: CognitoClientConfig) => CognitoGateway;
  ephemeral?: () => SrpEphemeral;
  /** The browser's sign-in window (identity.launchWebAuthFlow); absent: no hosted-UI sign-in. */
  webAuth?: WebAuthFlow | undefined;
  /** For the hosted UI's token endpoint; defaults to the global fetch. */
  fetch?: Fetch;
}

export interface Authenticator {
  /** A TOTP code for this Cognito user that will not expire in flight, or undefined. */
  codeFor(accountId: string, username: string): Promise<string | undefined>;
  /** The current code to pre-fill (no waiting), or undefined when locked or unknown. */
  peek(
    accountId: string,
    username: string,
  ): Promise<{ code: string; secondsRemaining: number } | undefined>;
  /** The person asked this account's TOTP step to be answered without a click (off by default). */
  autoAnswers(accountId: string): Promise<boolean>;
  /** Keeps a secret set up during sign-in (the person asked to save it). */
  save(input: {
    accountId: string;
    username: string;
    secret: string;
    issuer: string;
    account: string;
  }): Promise<void>;
}

export interface Background {
  handle(request: PageRequest): Promise<PageResponse>;
  onAlarm(name: string): Promise<void>;
  /** Run on every worker start: refresh what is due, schedule the rest. */
  wake(): Promise<void>;
  readonly refresher: Refresher;
  readonly vault: TokenVault;
  /** Current tokens per account, for src/sites. */
  readonly sessions: SessionSource;
  /** Resolves when the work started after a reply (device confirmation) has finished. */
  settled(): Promise<void>;
}

const SESSION_ALARM = 'session-expiry:';

export function createBackground(deps: BackgroundDeps): Background {
  const box = createSecretBox(deps.keyStore);
  const accounts = createAccounts({
    accounts: deps.accountsItem,
    activeAccountId: deps.activeItem,
    newId: deps.newId,
    box,
  });
  const vault = createTokenVault({ session: deps.session, local: deps.local, box });
  const followUps = createFollowUps(deps.logger);
  const gateways = new Map<string, { key: string; gateway: CognitoGateway }>();
  const gatewayFor = (account: Account): CognitoGateway => {
    const key = JSON.stringify([
      account.region,
      account.userPoolId,
      account.clientId,
      account.clientSecret,
      account.endpoint,
    ]);
    const cached = gateways.get(account.id);
    if (cached?.key === key) return cached.gateway;
    const gateway = (deps.gatewayFor ?? createSdkGateway)({
      region: account.region,
      userPoolId: account.userPoolId,
      clientId: account.clientId,
      clientSecret: account.clientSecret,
      endpoint: account.endpoint,
    });
    gateways.set(account.id, { key, gateway });
    return gateway;
  };
  const hostedUi = createHostedUi({
    local: deps.local,
    webAuth: deps.webAuth,
    fetch: deps.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    logger: deps.logger,
  });
  const refresher = createRefresher({
    vault,
    account: (id) => accounts.get(id),
    gatewayFor,
    alarms: deps.alarms,
    now: deps.now,
    logger: deps.logger,
    ...(deps.refreshHandedOver !== undefined && { handedOver: deps.refreshHandedOver }),
    onChange: async (accountId) => {
      deps.onTokensChanged?.(accountId);
      deps.broadcast(await popupState());
    },
  });

  // SRP_A computed while the person types (prepareSignIn); each one is used at most once.
  const prepared = new Map<string, SrpEphemeral>();
  const newEphemeral = deps.ephemeral ?? (() => createEphemeral());
  const takeEphemeral = (accountId: string): SrpEphemeral => {
    const ready = prepared.get(accountId);
    prepared.delete(accountId);
    return ready ?? newEphemeral();
  };

  // One request at a time per account: Sessions are single-use, answers must not race.
  const queues = new Map<string, Promise<unknown>>();
  const pending = new Map<string, number>();
  function serialized<T>(accountId: string, work: () => Promise<T>): Promise<T> {
    pending.set(accountId, (pending.get(accountId) ?? 0) + 1);
    const previous = queues.get(accountId) ?? Promise.resolve();
    const next = previous.then(work, work).finally(() => {
      pending.set(accountId, (pending.get(accountId) ?? 1) - 1);
    });
    queues.set(
      accountId,
      next.catch(() => undefined),
    );
    return next;
  }

  const flowKey = (accountId: string) => `flow.${accountId}`;
  const loadFlow = async (accountId: string) =>
    (await deps.session.get<FlowState>(flowKey(accountId))) ?? initialFlowState();
  const saveFlow = async (accountId: string, state: FlowState) => {
    await deps.session.set(flowKey(accountId), state);
  };

  async function requireAccount(accountId: string): Promise<Account> {
    const account = await accounts.get(accountId);
    if (!account) throw localErrors.noAccount(accountId);
    return account;
  }

  async function run(accountId: string, event: FlowEvent): Promise<void> {
    // Independent reads side by side: each storage call is a round trip to the browser process.
    const [account, stored] = await Promise.all([requireAccount(accountId), loadFlow(accountId)]);
    // DONE whose tokens were cleared (refresh refused elsewhere) is a fresh sign-in screen.
    const state =
      stored.step.name === 'DONE' && !(await vault.load(accountId))
        ? initialFlowState(stored.username)
        : stored;
    const login = () =>
      (event.type === 'start' || event.type === 'signUp' ? event.username : state.username) ?? '';
    const gateway = gatewayFor(account);
    const runnerDeps: RunnerDeps = {
      gateway,
      now: deps.now,
      ephemeral: () => takeEphemeral(accountId),
      device: {
        get: () => vault.device(accountId, login()),
        forget: () => vault.forgetDevice(accountId, login()),
      },
      completeSignIn: async (tokens) => {
        const done = await completeSignIn({ account, tokens, vault, refresher, now: deps.now() });
        const { newDevice } = tokens;
        if (newDevice) {
          // After DONE, not before: the person waits only for Cognito's minimum of round trips.
          const names = [done.user.username, ...(login() ? [login()] : [])];
          followUps.start(accountId, 'confirm device', () =>
            confirmNewDevice({
              account,
              accessToken: tokens.accessToken,
              newDevice,
              names,
              gateway,
              vault,
              logger: deps.logger,
            }),
          );
        }
        return done;
      },
    };
    const final = await dispatch({
      state,
      event,
      context: () => ({ now: deps.now(), accountName: account.displayName }),
      deps: runnerDeps,
      persist: (next) => saveFlow(accountId, next),
    });
    // Names only: events and states can carry codes, passwords and Sessions.
    deps.logger.debug('sign-in transition', {
      accountId,
      event: event.type,
      from: state.step.name,
      to: final.step.name,
      ...(final.error && { error: final.error.code }),
    });
    if (final.pending)
      await deps.alarms.create(`${SESSION_ALARM}${accountId}`, final.pending.expiresAt);
    if (event.type === 'signedOut' || (state.step.name !== 'DONE' && final.step.name === 'DONE')) {
      deps.onTokensChanged?.(accountId);
    }
    await useAuthenticator(account, state, event, final);
  }

  /**
   * Saves a secret the person set up with "save to authenticator" once Cognito accepted it, and
   * answers a TOTP step from the authenticator once per arrival at that step (a refused code
   * leaves the step for the person, instead of looping).
   */
  async function useAuthenticator(
    account: Account,
    before: FlowState,
    event: FlowEvent,
    after: FlowState,
  ) {
    const authenticator = deps.authenticator;
    if (!authenticator) return;
    const username = after.username ?? before.username;
    if (username === undefined) return;
    try {
      if (
        event.type === 'answer' &&
        event.answer.kind === 'totpSetup' &&
        event.answer.saveToAuthenticator === true &&
        before.step.name === 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP' &&
        after.step.name !== 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP' &&
        after.step.name !== 'SIGN_IN'
      ) {
        await authenticator.save({
          accountId: account.id,
          username,
          secret: before.step.totpSetupDetails.sharedSecret,
          issuer: account.displayName,
          account: username,
        });
      }
      if (
        after.step.name === 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' &&
        before.step.name !== 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' &&
        after.error === undefined &&
        (await authenticator.autoAnswers(account.id))
      ) {
        const code = await authenticator.codeFor(account.id, username);
        if (code !== undefined)
          await run(account.id, { type: 'answer', answer: { kind: 'code', code } });
      }
    } catch (error) {
      // A locked vault or a storage failure: the person answers the step themselves.
      deps.logger.warn('authenticator unavailable', error);
    }
  }

  async function flowView(accountId: string): Promise<FlowView> {
    // Side by side: the usual case (tokens or not, no renewal) needs nothing more.
    let [tokens, flow] = await Promise.all([vault.load(accountId), loadFlow(accountId)]);
    let notRenewed: string | undefined;
    if (!tokens && (await vault.refreshToken(accountId)) !== undefined) {
      // The browser restarted with "stay signed in": get fresh tokens before answering.
      const outcome = await refresher.refresh(accountId);
      if (outcome.kind === 'refreshed') tokens = outcome.tokens;
      // Cognito unreachable or failing: the refresh token is kept and retried (refresh.ts), so
      // the sign-in screen must say why it shows instead of the session, and whose it is.
      if (outcome.kind === 'failed') notRenewed = outcome.code;
      // The renewal may have moved the flow on (a refused refresh token signs out).
      flow = await loadFlow(accountId);
    }
    if (tokens) {
      return {
        step: {
          name: 'DONE',
          user: tokens.user,
          accessTokenExpiresAt: tokens.accessTokenExpiresAt,
        },
        username: flow.username ?? tokens.user.username,
      };
    }
    // DONE without tokens: they were cleared (refresh refused, signed out elsewhere).
    let state = flow.step.name === 'DONE' ? initialFlowState(flow.username) : flow;
    if (notRenewed !== undefined && state.step.name === 'SIGN_IN' && !state.error) {
      const username = state.username ?? (await vault.user(accountId))?.username;
      state = {
        ...state,
        ...(username !== undefined && { username }),
        error: localErrors.savedSessionNotRenewed(notRenewed).toView(),
      };
    }
    const now = deps.now();
    return {
      step: state.step,
      ...(state.username !== undefined && { username: state.username }),
      ...(state.pending && {
        sessionExpiresAt: state.pending.expiresAt,
        sessionExpired: now >= state.pending.expiresAt,
      }),
      ...(canResend(state.step) && { canResend: true }),
      ...(state.error && { error: state.error }),
      ...(state.notice !== undefined && { notice: state.notice }),
      ...(await authenticatorCode(accountId, state)),
    };
  }

  /** On the TOTP step, the code the authenticator holds for this user, for the popup to pre-fill. */
  async function authenticatorCode(
    accountId: string,
    state: FlowState,
  ): Promise<Pick<FlowView, 'authenticatorCode'>> {
    const authenticator = deps.authenticator;
    if (!authenticator || state.step.name !== 'CONFIRM_SIGN_IN_WITH_TOTP_CODE') return {};
    if (state.username === undefined) return {};
    try {
      const current = await authenticator.peek(accountId, state.username);
      if (!current) return {};
      const autoAnswer = await authenticator.autoAnswers(accountId);
      return { authenticatorCode: { ...current, autoAnswer } };
    } catch (error) {
      deps.logger.warn('authenticator unavailable', error);
      return {};
    }
  }

  async function popupState(ownRequestFor?: string): Promise<PopupState> {
    const [all, activeAccountId] = await Promise.all([accounts.list(), accounts.activeId()]);
    const queued = activeAccountId === null ? 0 : (pending.get(activeAccountId) ?? 0);
    return {
      accounts: all.map(toAccountView),
      activeAccountId,
      ...(activeAccountId !== null && { flow: await flowView(activeAccountId) }),
      busy: queued - (ownRequestFor === activeAccountId ? 1 : 0) > 0,
    };
  }

  async function perform(request: PageRequest): Promise<string | undefined> {
    switch (request.type) {
      case 'ping':
      case 'getState':
        return undefined;
      case 'selectAccount':
        await requireAccount(request.accountId);
        await accounts.select(request.accountId);
        return undefined;
      case 'prepareSignIn':
        await requireAccount(request.accountId);
        if (!prepared.has(request.accountId)) prepared.set(request.accountId, newEphemeral());
        return undefined;
      case 'startSignIn': {
        const account = await requireAccount(request.accountId);
        await accounts.select(account.id);
        await run(account.id, {
          type: 'start',
          username: request.username.trim(),
          authFlow: request.authFlow ?? account.defaultAuthFlow ?? 'USER_SRP_AUTH',
          ...(request.password !== undefined && { password: request.password }),
          ...(request.preferredChallenge !== undefined && {
            preferredChallenge: request.preferredChallenge,
          }),
        });
        return account.id;
      }
      case 'signInWithHostedUi': {
        const account = await requireAccount(request.accountId);
        await accounts.select(account.id);
        const tokens = await hostedUi.signIn(account, request.provider);
        // From here on it is the same as every sign-in: vault, refresh schedule, sharing.
        // The hosted UI issues no device key (token endpoint), so there is no device to confirm.
        const done = await completeSignIn({ account, tokens, vault, refresher, now: deps.now() });
        await saveFlow(account.id, {
          step: { name: 'DONE', ...done },
          username: done.user.username,
        });
        await hostedUi.signedIn(account.id);
        deps.onTokensChanged?.(account.id);
        return account.id;
      }
      case 'answer':
        await run(request.accountId, { type: 'answer', answer: request.answer });
        return request.accountId;
      case 'resendCode':
        await run(request.accountId, { type: 'resend' });
        return request.accountId;
      case 'restart':
        await run(request.accountId, { type: 'restart' });
        return request.accountId;
      case 'showSignUp':
        await run(request.accountId, { type: 'showSignUp' });
        return request.accountId;
      case 'showResetPassword':
        await run(request.accountId, {
          type: 'showResetPassword',
          ...(request.username !== undefined && { username: request.username }),
        });
        return request.accountId;
      case 'signUp':
        await run(request.accountId, {
          type: 'signUp',
          username: request.username.trim(),
          password: request.password,
          attributes: request.attributes,
        });
        return request.accountId;
      case 'signOut': {
        const account = await requireAccount(request.accountId);
        // A device still being confirmed needs the access token sign-out revokes: let it finish,
        // or a quick sign-out would leave no remembered device for the next sign-in.
        await followUps.settled();
        await signOut({
          accountId: account.id,
          global: request.global,
          gateway: gatewayFor(account),
          vault,
          refresher,
          logger: deps.logger,
        });
        await hostedUi.signOut(account);
        await run(account.id, { type: 'signedOut' });
        return account.id;
      }
      case 'saveAccount': {
        const saved = await accounts.save(request.account);
        gateways.delete(saved.id);
        return undefined;
      }
      case 'removeAccount':
        await vault.clear(request.accountId);
        await hostedUi.forget(request.accountId);
        await refresher.cancel(request.accountId);
        await deps.session.remove(flowKey(request.accountId));
        await accounts.remove(request.accountId);
        gateways.delete(request.accountId);
        deps.onTokensChanged?.(request.accountId);
        return undefined;
    }
  }

  const accountOf = (request: PageRequest): string | undefined =>
    'accountId' in request ? request.accountId : undefined;

  const sessions = createSessionSource({
    account: (id) => accounts.get(id),
    vault,
    settle: (id) => refresher.settle(id),
    signIn: async (id) => {
      const flow = await deps.session.get<FlowState>(flowKey(id));
      return flow
        ? {
            ...(flow.username !== undefined && { username: flow.username }),
            ...(flow.authFlow !== undefined && { authFlow: flow.authFlow }),
          }
        : undefined;
    },
  });

  return {
    refresher,
    vault,
    sessions,
    settled: () => followUps.settled(),
    async handle(request) {
      const accountId = accountOf(request);
      const work = async (): Promise<PageResponse> => {
        const touched = await perform(request);
        // The request being answered is counted in `pending` under its own account: it must not
        // make its own answer say "busy".
        return { ok: true, state: await popupState(accountId ?? touched) };
      };
      try {
        return accountId === undefined ? await work() : await serialized(accountId, work);
      } catch (error) {
        deps.logger.warn('request failed', { type: request.type, error });
        return { ok: false, error: toAuthError(error).toView() };
      } finally {
        // A sign-in's follow-ups wait for its account's reply, not for any request's (a page's
        // getState answered meanwhile must not launch them early).
        if (accountId !== undefined) followUps.release(accountId);
      }
    },
    async onAlarm(name) {
      if (name.startsWith(SESSION_ALARM)) {
        deps.broadcast(await popupState());
        return;
      }
      await refresher.onAlarm(name);
    },
    async wake() {
      const ids = (await accounts.list()).map((account) => account.id);
      await refresher.checkAll(ids);
    },
  };
}
