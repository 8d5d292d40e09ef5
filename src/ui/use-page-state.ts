import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { PageClient } from '../platform/page-client';
import type { PageRequest, PopupState } from '../platform/protocol';
import type { AuthErrorView } from '../signin/steps';

/**
 * Requests sent on the page's own initiative, for their side effect: they never disable buttons,
 * show errors or replace the state (their answer says nothing new, and may be older than one
 * the person is waiting for).
 */
const QUIET_REQUESTS = new Set<PageRequest['type']>(['prepareSignIn']);

export interface PageState {
  /** Null until the background first answers. */
  state: PopupState | null;
  /** The last request the background refused (or could not be reached for). */
  requestError: AuthErrorView | null;
  /** True while one of this page's requests runs or the background says it is busy. */
  busy: boolean;
  send: (request: PageRequest) => Promise<boolean>;
}

/**
 * Mirrors the background's state. Every answer carries the whole state, so the page just keeps
 * the newest one: an answer to an older request never overwrites a newer one.
 */
export function usePageState(client: PageClient): PageState {
  const [state, setState] = useState<PopupState | null>(null);
  const [requestError, setRequestError] = useState<AuthErrorView | null>(null);
  const [running, setRunning] = useState(0);
  // Another page's request in flight, as seen by getState and broadcasts. The answer to one of
  // this page's own requests does not set it: nothing would clear it again until the next
  // broadcast, and the page's own requests are already counted by `running`.
  const [othersBusy, setOthersBusy] = useState(false);
  const sent = useRef(0);
  const applied = useRef(0);

  const send = useCallback(
    async (request: PageRequest): Promise<boolean> => {
      const quiet = QUIET_REQUESTS.has(request.type);
      const number = ++sent.current;
      if (!quiet) {
        setRunning((count) => count + 1);
        setRequestError(null);
      }
      try {
        const response = await client.send(request);
        if (quiet || number < applied.current) return response.ok;
        applied.current = number;
        if (response.ok) {
          setState(response.state);
          setOthersBusy(request.type === 'getState' && response.state.busy);
        } else setRequestError(response.error);
        return response.ok;
      } finally {
        if (!quiet) setRunning((count) => count - 1);
      }
    },
    [client],
  );

  useEffect(() => {
    const unsubscribe = client.onStateChanged((next) => {
      applied.current = sent.current;
      setState(next);
      setOthersBusy(next.busy);
    });
    void send({ type: 'getState' });
    return unsubscribe;
  }, [client, send]);

  return { state, requestError, busy: running > 0 || othersBusy, send };
}
