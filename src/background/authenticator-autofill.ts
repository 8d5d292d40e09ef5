/**
 * One-time-code autofill in the background: which origins run the `otp-autofill` content script,
 * the `otp:getCode` listener that answers it, and the page requests that bind entries to origins
 * and to Cognito users. Host access follows the sites model (src/sites): the page asks for the
 * exact origin inside the person's click; here the script is registered only while the browser
 * grants that origin, and unregistered the moment it does not (revocation, removal).
 */
import type {
  AuthenticatorState,
  AutofillSiteView,
  CoreFeatureRequest,
  FeatureRequest,
  FeatureResponse,
  OtpAutofillRequest,
} from '../platform/feature-protocol';
import type { StorageArea } from '../platform/storage-area';
import { createOtpMessageListener } from '../otp/background-wiring';
import type { OtpHandlerDeps, OtpRequestSender } from '../otp/background-handlers';
import { syncFillMenu, type FillMenuPort } from '../otp/fill-menu';
import { createAutofillSites, type AutofillSites } from '../otp/autofill-sites';
import {
  injectOtpAutofillNow,
  registeredOtpOrigins,
  registerOtpAutofill,
  unregisterOtpAutofill,
  type OtpScriptingPort,
} from '../otp/autofill-registration';
import { OtpError } from '../otp/errors';
import type { OtpCodeResponse } from '../otp/messages';
import { parseOtpauthUri } from '../otp/otpauth';
import type { AuthenticatorVault } from '../otp/vault';
import { isGranted } from '../sites/background-handlers';
import { normalizeOrigin, originMatchPattern, originOfUrl } from '../sites/origin';

interface Event<Listener> {
  addListener(listener: Listener): void;
}

type PermissionsChange = (permissions: { origins?: string[] | undefined }) => void;

/** The browser APIs autofill uses (pass `browser` from `wxt/browser`). */
export interface OtpAutofillBrowser {
  runtime: {
    id: string;
    onMessage: Event<
      (
        message: unknown,
        sender: OtpRequestSender,
        sendResponse: (response: OtpCodeResponse) => void,
      ) => true | undefined
    >;
  };
  permissions: {
    contains(permissions: { origins: string[] }): Promise<boolean>;
    remove(permissions: { origins: string[] }): Promise<boolean>;
    onAdded: Event<PermissionsChange>;
    onRemoved: Event<PermissionsChange>;
  };
  tabs: { query(query: Record<string, never>): Promise<Array<{ id?: number; url?: string }>> };
  scripting: OtpScriptingPort;
}

export interface OtpAutofillDeps {
  browser: OtpAutofillBrowser;
  local: StorageArea;
  vault: AuthenticatorVault;
  /** Origins session sharing (src/sites) holds access for: their permission is not ours to drop. */
  sharedSiteOrigins: () => Promise<string[]>;
  now: () => number;
  onError: (what: string, error: unknown) => void;
  /** The "Fill one-time code" context menu, shown on the same origins as the registrations. */
  fillMenu?: FillMenuPort;
}

type FeatureHandle = (request: CoreFeatureRequest) => Promise<FeatureResponse>;

export interface OtpAutofillService {
  /** Registrations follow the allowed origins and the browser's grants; run at worker start. */
  resync(): Promise<void>;
  /** The whole feature handler: autofill requests here, the rest to `core`, states decorated. */
  withAutofill(core: FeatureHandle): (request: FeatureRequest) => Promise<FeatureResponse>;
  sites: AutofillSites;
  /** What `otp:getCode` decides with (allowed and granted origins, entries); the fill shortcut and menu reuse it. */
  handlerDeps(): Promise<OtpHandlerDeps>;
}

const AUTOFILL_TYPES = new Set<string>([
  'otp:updateEntry',
  'otp:bindOrigin',
  'otp:unbindOrigin',
  'otp:setAutoFill',
]);
const isAutofillRequest = (request: FeatureRequest): request is OtpAutofillRequest =>
  AUTOFILL_TYPES.has(request.type);

function invalidOrigin(input: string): OtpError {
  return new OtpError({
    code: 'OTP_INVALID_ORIGIN',
    message: `"${input.slice(0, 80)}" is not one exact web site: codes are filled on exact origins only.`,
    recovery: 'Enter just the address, like https://app.example.com or http://127.0.0.1:5173.',
  });
}

export function wireOtpAutofill(deps: OtpAutofillDeps): OtpAutofillService {
  const { browser, vault } = deps;
  const sites = createAutofillSites(deps.local);
  const granted = (origin: string) => isGranted(browser.permissions, origin);

  async function grantedSites() {
    const all = await sites.list();
    const flags = await Promise.all(all.map((site) => granted(site.origin)));
    return all.filter((_, index) => flags[index]);
  }

  async function tabIdsOn(origin: string): Promise<number[]> {
    // Without the `tabs` permission only granted origins show a url: exactly the ones we want.
    return (await browser.tabs.query({}))
      .filter((tab) => tab.id !== undefined && originOfUrl(tab.url) === origin)
      .map((tab) => tab.id as number);
  }

  let resyncing: Promise<void> = Promise.resolve();
  async function reconcile(): Promise<void> {
    const wanted = new Set((await grantedSites()).map((site) => site.origin));
    const registered = new Set(await registeredOtpOrigins(browser.scripting));
    for (const origin of registered) {
      if (!wanted.has(origin)) await unregisterOtpAutofill(browser.scripting, origin);
    }
    for (const origin of wanted) {
      if (registered.has(origin)) continue;
      await registerOtpAutofill(browser.scripting, origin);
      await injectOtpAutofillNow(browser.scripting, await tabIdsOn(origin));
    }
    // The menu is a convenience: its failure must not undo a bind or a grant.
    if (deps.fillMenu) {
      await syncFillMenu(deps.fillMenu, [...wanted]).catch((error: unknown) => {
        deps.onError('could not update the "Fill one-time code" menu entry', error);
      });
    }
  }
  // One reconciliation at a time: a grant and a bind arriving together must not race.
  const resync = () => {
    resyncing = resyncing.then(reconcile, reconcile);
    return resyncing;
  };

  async function handlerDeps(): Promise<OtpHandlerDeps> {
    const allowed = await grantedSites();
    return {
      extensionId: browser.runtime.id,
      allowedOrigins: new Set(allowed.map((site) => site.origin)),
      autoFillOrigins: new Set(allowed.filter((s) => s.autoFill).map((s) => s.origin)),
      findEntryForOrigin: async (origin) => {
        const site = await sites.get(origin);
        return site ? vault.get(site.entryId) : undefined;
      },
      now: deps.now,
    };
  }
  browser.runtime.onMessage.addListener(createOtpMessageListener(handlerDeps));
  // A grant completed outside our pages (the browser's site-access settings) or a revocation.
  const onChange = () => {
    resync().catch((error: unknown) => {
      deps.onError('could not update the autofill scripts', error);
    });
  };
  browser.permissions.onAdded.addListener(onChange);
  browser.permissions.onRemoved.addListener(onChange);

  async function siteViews(): Promise<AutofillSiteView[]> {
    return Promise.all(
      (await sites.list()).map(async (site) => ({ ...site, granted: await granted(site.origin) })),
    );
  }

  async function releaseAccess(origin: string): Promise<void> {
    if ((await deps.sharedSiteOrigins()).includes(origin)) return;
    await browser.permissions.remove({ origins: [originMatchPattern(origin)] }).catch(() => false);
  }

  async function perform(request: OtpAutofillRequest): Promise<void> {
    switch (request.type) {
      case 'otp:updateEntry': {
        const current = await vault.get(request.id);
        if (!current) throw missingEntry();
        await vault.update(request.id, {
          issuer: request.issuer,
          account: request.account,
          accountId: request.binding?.accountId,
          username: request.binding?.username,
        });
        return;
      }
      case 'otp:bindOrigin': {
        let origin: string;
        try {
          origin = normalizeOrigin(request.origin);
        } catch {
          throw invalidOrigin(request.origin);
        }
        if (!(await vault.get(request.id))) throw missingEntry();
        await sites.bind(origin, request.id);
        await resync();
        return;
      }
      case 'otp:unbindOrigin': {
        const removed = await sites.unbind(request.origin);
        await resync();
        if (removed) await releaseAccess(removed.origin);
        return;
      }
      case 'otp:setAutoFill':
        await sites.setAutoFill(request.origin, request.enabled);
        return;
    }
  }

  function withAutofill(core: FeatureHandle) {
    const decorate = async (response: FeatureResponse): Promise<FeatureResponse> => {
      if (!response.ok || !('authenticator' in response)) return response;
      const authenticator: AuthenticatorState = {
        ...response.authenticator,
        autofillSites: await siteViews(),
      };
      return { ...response, authenticator };
    };
    const fail = (error: unknown): FeatureResponse => {
      if (error instanceof OtpError) return { ok: false, error: error.toInfo() };
      deps.onError('authenticator request failed', error);
      return {
        ok: false,
        error: {
          code: 'Unexpected',
          message: 'Cognito Pass could not do that.',
          recovery: 'Try again. If it keeps happening, reload the extension.',
        },
      };
    };
    return async (request: FeatureRequest): Promise<FeatureResponse> => {
      try {
        if (isAutofillRequest(request)) {
          await perform(request);
          return await decorate(await core({ type: 'otp:list' }));
        }
        if (request.type === 'otp:addUri' && hasOverrides(request)) {
          await addUri(request);
          return await decorate(await core({ type: 'otp:list' }));
        }
        const response = await core(request);
        if (request.type === 'otp:remove' && response.ok) {
          const origins = await sites.forgetEntry(request.id);
          await resync();
          for (const origin of origins) await releaseAccess(origin);
        }
        return await decorate(response);
      } catch (error) {
        return fail(error);
      }
    };
  }

  async function addUri(request: Extract<FeatureRequest, { type: 'otp:addUri' }>): Promise<void> {
    const parsed = parseOtpauthUri(request.uri);
    if (!parsed.ok) throw new OtpError(parsed.error);
    const key = parsed.value;
    await vault.add({
      issuer: request.issuer ?? key.issuer,
      account: request.account ?? key.account,
      secret: key.secret,
      algorithm: key.algorithm,
      digits: key.digits,
      period: key.period,
      ...(request.accountId !== undefined &&
        request.username !== undefined && {
          accountId: request.accountId,
          username: request.username,
        }),
    });
  }

  return { resync, withAutofill, sites, handlerDeps };
}

function hasOverrides(request: Extract<FeatureRequest, { type: 'otp:addUri' }>): boolean {
  return (
    request.issuer !== undefined ||
    request.account !== undefined ||
    request.accountId !== undefined ||
    request.username !== undefined
  );
}

function missingEntry(): OtpError {
  return new OtpError({
    code: 'OTP_NO_SUCH_ENTRY',
    message: 'That authenticator entry no longer exists.',
    recovery: 'Reload the page and pick an entry from the list.',
  });
}
