/**
 * Cognito's clock as seen from here. SRP answers carry a TIMESTAMP that Cognito refuses when it
 * is minutes away from its own clock, so a machine whose clock is off could never sign in with
 * SRP. Every Cognito answer has a `Date` header (exposed to CORS callers for exactly this, as the
 * AWS SDKs correct their own skew with it): the offset between that and our clock, taken when the
 * answer arrived, lets the TIMESTAMP be written in Cognito's time.
 */

export interface ServerClock {
  /** Records the `Date` header of one answer (ignored when absent or unreadable). */
  observe(dateHeader: string | null, receivedAt: number): void;
  /** Server time minus local time, ms; undefined until an answer with a Date was seen. */
  offsetMs(): number | undefined;
}

export function createServerClock(): ServerClock {
  let offset: number | undefined;
  return {
    observe(dateHeader, receivedAt) {
      if (dateHeader === null) return;
      const server = Date.parse(dateHeader);
      if (Number.isNaN(server)) return;
      // The header has whole seconds, cut down: the server's real time was up to 1 s later.
      offset = server + 500 - receivedAt;
    },
    offsetMs: () => offset,
  };
}

/** Under this, a measured offset is noise (the header's 1 s resolution, network time). */
export const NEGLIGIBLE_OFFSET_MS = 2_000;

/** Local time corrected to the server's, once an offset worth correcting was measured. */
export function serverNow(clock: ServerClock | undefined, now: () => number): () => number {
  return () => {
    const offset = clock?.offsetMs();
    return offset !== undefined && Math.abs(offset) >= NEGLIGIBLE_OFFSET_MS
      ? now() + offset
      : now();
  };
}

/** A `fetch` that tells `clock` the Date of every answer. */
export function fetchObservingClock(
  fetchImpl: typeof fetch,
  clock: ServerClock,
  now: () => number,
): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    clock.observe(response.headers.get('date'), now());
    return response;
  };
}
