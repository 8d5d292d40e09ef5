/**
 * Answers the sites and authenticator sections of the popup and options page
 * (`feature-protocol.ts`). Each request is answered with the whole state of its section, like
 * the sign-in protocol, so pages stay pure views. TOTP secrets never leave here, except through
 * `otp:export`, which pages send only after the person confirmed.
 */
import type {
  AuthenticatorState,
  CoreFeatureRequest as FeatureRequest,
  FeatureResponse,
  OtpEntryView,
  SiteView,
} from '../platform/feature-protocol';
import type { Logger } from '../platform/logger';
import { OtpError } from '../otp/errors';
import { parseOtpauthUri } from '../otp/otpauth';
import { generateTotp, secondsRemaining } from '../otp/totp';
import type { AuthenticatorVault } from '../otp/vault';
import { SiteError } from '../sites/errors';
import type { SitesService } from '../sites/wire';

/** Which accounts answer their TOTP step from the vault without a click (off by default). */
export interface AutoAnswerStore {
  list(): Promise<string[]>;
  set(accountId: string, enabled: boolean): Promise<void>;
}

export interface FeatureDeps {
  sites: SitesService;
  /** True when the browser still grants the host permission for this origin. */
  isGranted(origin: string): Promise<boolean>;
  vault: AuthenticatorVault;
  autoAnswer: AutoAnswerStore;
  now: () => number;
  logger: Logger;
}

export function createFeatureHandler(deps: FeatureDeps) {
  async function sitesView(): Promise<SiteView[]> {
    const sites = await deps.sites.listSites();
    return Promise.all(
      sites.map(async ({ ruleId: _ruleId, ...site }) => ({
        ...site,
        granted: await deps.isGranted(site.origin),
      })),
    );
  }

  async function authenticatorView(): Promise<AuthenticatorState> {
    const status = await deps.vault.status();
    const autoAnswer = await deps.autoAnswer.list();
    if (status === 'locked') return { status, entries: [], autoAnswer };
    const now = deps.now();
    const entries: OtpEntryView[] = await Promise.all(
      (await deps.vault.list()).map(async (entry) => ({
        id: entry.id,
        issuer: entry.issuer,
        account: entry.account,
        code: await generateTotp(entry, now),
        digits: entry.digits,
        period: entry.period,
        secondsRemaining: secondsRemaining(entry.period, now),
        ...(entry.accountId !== undefined && { accountId: entry.accountId }),
        ...(entry.username !== undefined && { username: entry.username }),
      })),
    );
    return { status, entries, autoAnswer };
  }

  async function perform(request: FeatureRequest): Promise<FeatureResponse> {
    switch (request.type) {
      case 'listSites':
        return { ok: true, sites: await sitesView() };
      case 'shareSite': {
        const { type: _type, ...input } = request;
        await deps.sites.shareSite(input);
        return { ok: true, sites: await sitesView() };
      }
      case 'updateSite': {
        const { type: _type, ...input } = request;
        await deps.sites.updateSite(input);
        return { ok: true, sites: await sitesView() };
      }
      case 'removeSite':
        await deps.sites.removeSite(request.origin);
        return { ok: true, sites: await sitesView() };
      case 'otp:list':
        return { ok: true, authenticator: await authenticatorView() };
      case 'otp:addUri': {
        const parsed = parseOtpauthUri(request.uri);
        if (!parsed.ok) return { ok: false, error: parsed.error };
        const key = parsed.value;
        await deps.vault.add({
          issuer: key.issuer,
          account: key.account,
          secret: key.secret,
          algorithm: key.algorithm,
          digits: key.digits,
          period: key.period,
        });
        return { ok: true, authenticator: await authenticatorView() };
      }
      case 'otp:addManual': {
        await deps.vault.add({
          issuer: request.issuer,
          account: request.account,
          secret: request.secret,
          ...(request.algorithm !== undefined && { algorithm: request.algorithm }),
          ...(request.digits !== undefined && { digits: request.digits }),
          ...(request.period !== undefined && { period: request.period }),
        });
        return { ok: true, authenticator: await authenticatorView() };
      }
      case 'otp:remove':
        await deps.vault.remove(request.id);
        return { ok: true, authenticator: await authenticatorView() };
      case 'otp:export': {
        const exportedUri = await deps.vault.exportUri(request.id);
        return { ok: true, authenticator: await authenticatorView(), exportedUri };
      }
      case 'otp:unlock':
        await deps.vault.unlock(request.passphrase);
        return { ok: true, authenticator: await authenticatorView() };
      case 'otp:lock':
        deps.vault.lock();
        return { ok: true, authenticator: await authenticatorView() };
      case 'otp:setPassphrase':
        await deps.vault.setPassphrase(request.passphrase);
        return { ok: true, authenticator: await authenticatorView() };
      case 'otp:removePassphrase':
        await deps.vault.removePassphrase();
        return { ok: true, authenticator: await authenticatorView() };
      case 'otp:setAutoAnswer':
        await deps.autoAnswer.set(request.accountId, request.enabled);
        return { ok: true, authenticator: await authenticatorView() };
    }
  }

  return async function handle(request: FeatureRequest): Promise<FeatureResponse> {
    try {
      return await perform(request);
    } catch (error) {
      if (error instanceof OtpError || error instanceof SiteError)
        return { ok: false, error: error.toInfo() };
      deps.logger.warn('feature request failed', { type: request.type, error });
      return {
        ok: false,
        error: {
          code: 'Unexpected',
          message: 'Cognito Pass could not do that.',
          recovery: 'Try again. If it keeps happening, reload the extension.',
        },
      };
    }
  };
}
