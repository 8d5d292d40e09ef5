/** Sites and authenticator data for the UI tests, and a background that answers like the real one. */
import type {
  AuthenticatorState,
  FeatureRequest,
  FeatureResponse,
  OtpEntryView,
  SiteView,
} from '../../platform/feature-protocol';

export function site(origin: string, extra: Partial<SiteView> = {}): SiteView {
  return {
    origin,
    accountId: 'demo',
    format: 'amplify-local-storage',
    apiOrigins: [],
    tokenForHeader: 'access',
    shareRefreshToken: false,
    granted: true,
    ...extra,
  };
}

export function entry(id: string, extra: Partial<OtpEntryView> = {}): OtpEntryView {
  return {
    id,
    issuer: 'Demo',
    account: `${id}@example.com`,
    code: '123456',
    digits: 6,
    period: 30,
    secondsRemaining: 20,
    ...extra,
  };
}

/**
 * Answers feature requests from in-memory sites and authenticator state, the way the background
 * does (the section's whole state back). `refuse` turns chosen requests into errors.
 */
export function featureBackground(
  initial: { sites?: SiteView[]; authenticator?: Partial<AuthenticatorState> } = {},
  refuse: (request: FeatureRequest) => FeatureResponse | undefined = () => undefined,
) {
  let sites = initial.sites ?? [];
  let authenticator: AuthenticatorState = {
    status: 'unlocked',
    entries: [],
    autoAnswer: [],
    ...initial.authenticator,
  };
  const otp = (exportedUri?: string): FeatureResponse => ({
    ok: true,
    authenticator,
    ...(exportedUri ? { exportedUri } : {}),
  });
  return (request: FeatureRequest): FeatureResponse => {
    const refused = refuse(request);
    if (refused) return refused;
    switch (request.type) {
      case 'listSites':
        return { ok: true, sites };
      case 'shareSite':
      case 'updateSite': {
        const { type: _type, ...input } = request;
        // The background fills the defaults in; only the fields that were sent replace them.
        const defined = Object.fromEntries(
          Object.entries(input).filter(([, value]) => value !== undefined),
        ) as Partial<SiteView>;
        const next = site(input.origin, { ...defined, granted: true });
        sites = [...sites.filter((s) => s.origin !== input.origin), next];
        return { ok: true, sites };
      }
      case 'removeSite':
        sites = sites.filter((s) => s.origin !== request.origin);
        return { ok: true, sites };
      case 'otp:list':
        return otp();
      case 'otp:remove':
        authenticator = {
          ...authenticator,
          entries: authenticator.entries.filter((e) => e.id !== request.id),
        };
        return otp();
      case 'otp:export':
        return otp(`otpauth://totp/Demo:${request.id}?secret=JBSWY3DPEHPK3PXP&issuer=Demo`);
      case 'otp:unlock':
        authenticator = { ...authenticator, status: 'unlocked' };
        return otp();
      case 'otp:lock':
        authenticator = { ...authenticator, status: 'locked' };
        return otp();
      case 'otp:setAutoAnswer':
        authenticator = {
          ...authenticator,
          autoAnswer: request.enabled
            ? [...authenticator.autoAnswer, request.accountId]
            : authenticator.autoAnswer.filter((id) => id !== request.accountId),
        };
        return otp();
      case 'otp:addUri':
      case 'otp:addManual': {
        const added = entry(`e${authenticator.entries.length + 1}`, {
          ...(request.type === 'otp:addManual'
            ? { issuer: request.issuer, account: request.account }
            : {}),
        });
        authenticator = { ...authenticator, entries: [...authenticator.entries, added] };
        return otp();
      }
      case 'otp:setPassphrase':
      case 'otp:removePassphrase':
        return otp();
      case 'otp:updateEntry':
        authenticator = {
          ...authenticator,
          entries: authenticator.entries.map((e) =>
            e.id === request.id
              ? {
                  ...entry(e.id, { issuer: request.issuer, account: request.account }),
                  ...(request.binding ?? {}),
                }
              : e,
          ),
        };
        return otp();
      case 'otp:bindOrigin':
      case 'otp:unbindOrigin':
      case 'otp:setAutoFill': {
        const others = (authenticator.autofillSites ?? []).filter(
          (s) => s.origin !== request.origin,
        );
        const previous = authenticator.autofillSites?.find((s) => s.origin === request.origin);
        const next =
          request.type === 'otp:bindOrigin'
            ? [
                ...others,
                { origin: request.origin, entryId: request.id, autoFill: false, granted: true },
              ]
            : request.type === 'otp:setAutoFill' && previous
              ? [...others, { ...previous, autoFill: request.enabled }]
              : others;
        authenticator = { ...authenticator, autofillSites: next };
        return otp();
      }
    }
  };
}
