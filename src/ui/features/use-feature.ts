import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { FeatureRequest, FeatureResponse } from '../../platform/feature-protocol';
import type { PageClient } from '../../platform/page-client';
import type { AuthErrorView } from '../../signin/steps';

export type FeatureSuccess = Extract<FeatureResponse, { ok: true }>;

export interface FeatureState<T> {
  /** Null until the background first answers with this section's state. */
  data: T | null;
  /** The last request the background refused (or could not be reached for). */
  error: AuthErrorView | null;
  busy: boolean;
  /** Sends an action; the answer's state replaces the shown one. Resolves to the whole answer. */
  send: (request: FeatureRequest) => Promise<FeatureResponse>;
  /** Shows an error found by the page itself (a refused permission, an invalid origin). */
  showError: (error: AuthErrorView | null) => void;
}

export interface FeatureOptions<T> {
  /** The section's part of a successful answer (undefined: the answer was for another section). */
  select: (response: FeatureSuccess) => T | undefined;
  /** Sent on mount, and every `pollMs` while the page is visible when given. */
  load: FeatureRequest;
  pollMs?: number;
  /** For tests: whether the document is visible (defaults to `document.visibilityState`). */
  isVisible?: () => boolean;
}

const documentVisible = () => document.visibilityState === 'visible';

/**
 * One section's state as the background reports it. Like `usePageState`, every answer carries
 * the section's whole state, so only the newest answer is applied. Loads and polls are quiet:
 * they never disable buttons nor clear the error of an action the person took.
 */
export function useFeature<T>(client: PageClient, options: FeatureOptions<T>): FeatureState<T> {
  const { select, load, pollMs } = options;
  const isVisible = options.isVisible ?? documentVisible;
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<AuthErrorView | null>(null);
  const [running, setRunning] = useState(0);
  const sent = useRef(0);
  const applied = useRef(0);
  const hasData = useRef(false);
  // The options are read through a ref so a new `select` closure each render does not reload.
  const latest = useRef({ select, load, isVisible });
  latest.current = { select, load, isVisible };

  const apply = useCallback((number: number, response: FeatureResponse, quiet: boolean) => {
    if (number < applied.current) return;
    applied.current = number;
    if (response.ok) {
      const next = latest.current.select(response);
      if (next === undefined) return;
      hasData.current = true;
      setData(next);
      // A failed poll is news only while nothing is shown yet (e.g. the background is missing).
    } else if (!quiet || !hasData.current) setError(response.error);
  }, []);

  const send = useCallback(
    async (request: FeatureRequest): Promise<FeatureResponse> => {
      const number = ++sent.current;
      setRunning((count) => count + 1);
      setError(null);
      try {
        const response = await client.sendFeature(request);
        apply(number, response, false);
        return response;
      } finally {
        setRunning((count) => count - 1);
      }
    },
    [client, apply],
  );

  useEffect(() => {
    let stopped = false;
    const quietLoad = async () => {
      const number = ++sent.current;
      const response = await client.sendFeature(latest.current.load);
      if (!stopped) apply(number, response, true);
    };
    void quietLoad();
    if (pollMs === undefined)
      return () => {
        stopped = true;
      };
    const timer = setInterval(() => {
      if (latest.current.isVisible()) void quietLoad();
    }, pollMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [client, apply, pollMs]);

  return { data, error, busy: running > 0, send, showError: setError };
}
