/** Shared data for the UI tests: demo-like accounts and flows, and a recording page client. */
import { vi } from 'vitest';
import type { FeatureRequest, FeatureResponse } from '../../platform/feature-protocol';
import { BACKGROUND_UNAVAILABLE, type PageClient } from '../../platform/page-client';
import type { AccountView, PageRequest, PageResponse, PopupState } from '../../platform/protocol';
import type { FlowView, SignInStep } from '../../signin/steps';

export const DEMO_ACCOUNT: AccountView = {
  id: 'demo',
  displayName: 'Demo pool',
  region: 'us-east-1',
  userPoolId: 'us-east-1_DemoPool0',
  clientId: '3demo0public0client0000000',
  hasClientSecret: false,
  endpoint: 'http://127.0.0.1:9230',
  staySignedIn: false,
};

export const STRICT_ACCOUNT: AccountView = {
  ...DEMO_ACCOUNT,
  id: 'strict',
  displayName: 'Strict pool',
  userPoolId: 'us-east-1_DemoPool1',
  clientId: '3demo0public0client0000001',
  defaultAuthFlow: 'USER_SRP_AUTH',
};

export function flowAt(step: SignInStep, extra: Partial<FlowView> = {}): FlowView {
  return { step, ...extra };
}

export function stateAt(step: SignInStep, extra: Partial<PopupState> = {}): PopupState {
  return {
    accounts: [DEMO_ACCOUNT],
    activeAccountId: DEMO_ACCOUNT.id,
    flow: flowAt(step),
    busy: false,
    ...extra,
  };
}

/** Step props for one screen, with a `send` spy that resolves as accepted. */
export function stepProps<S extends SignInStep>(step: S, flow: Partial<FlowView> = {}) {
  const send = vi.fn((_request: PageRequest) => Promise.resolve(true));
  return {
    step,
    flow: flowAt(step, flow),
    account: DEMO_ACCOUNT,
    accounts: [DEMO_ACCOUNT],
    busy: false,
    send,
  };
}

/**
 * A page client whose background is a function: it records every request and answers with
 * what `respond` returns (by default the current state, unchanged).
 */
export interface FakeFeatureOptions {
  /** The background's answer to sites and authenticator requests (default: unreachable). */
  feature?: (request: FeatureRequest) => FeatureResponse | Promise<FeatureResponse>;
  /** What the browser's permission prompt answers (default: granted). */
  grant?: boolean;
  /** The active tab's http(s) origin (default: none). */
  activeOrigin?: string;
}

export function fakeClient(
  initial: PopupState,
  respond?: (request: PageRequest, state: PopupState) => PageResponse | Promise<PageResponse>,
  features: FakeFeatureOptions = {},
) {
  const featureRequests: FeatureRequest[] = [];
  const permissionRequests: string[][] = [];
  let state = initial;
  const requests: PageRequest[] = [];
  const listeners = new Set<(state: PopupState) => void>();
  const openOptionsPage = vi.fn(() => Promise.resolve());
  const client: PageClient = {
    async send(request) {
      requests.push(request);
      const response = respond ? await respond(request, state) : { ok: true as const, state };
      if (response.ok) state = response.state;
      return response;
    },
    onStateChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openOptionsPage,
    async sendFeature(request) {
      featureRequests.push(request);
      return features.feature
        ? await features.feature(request)
        : { ok: false, error: BACKGROUND_UNAVAILABLE };
    },
    requestSiteAccess(origins) {
      permissionRequests.push(origins);
      return Promise.resolve(features.grant ?? true);
    },
    activeTabOrigin: () => Promise.resolve(features.activeOrigin),
  };
  return {
    client,
    requests,
    featureRequests,
    permissionRequests,
    /** Feature requests other than the page's own loads and polls. */
    featureActions: () =>
      featureRequests.filter((r) => r.type !== 'listSites' && r.type !== 'otp:list'),
    openOptionsPage,
    /** What the background would broadcast after a change of its own. */
    broadcast(next: PopupState) {
      state = next;
      for (const listener of listeners) listener(next);
    },
    /** Requests other than the page's own getState / prepareSignIn. */
    actions: () => requests.filter((r) => r.type !== 'getState' && r.type !== 'prepareSignIn'),
  };
}
