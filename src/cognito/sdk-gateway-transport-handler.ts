/**
 * The SDK client's `requestHandler`: the AWS SDK v3 client builds, serializes, retries and reads
 * the requests; this sends each attempt through our own `fetch` (the 8 s deadline, the server
 * clock reading Cognito's `Date`, and the tests' injected fetch) instead of the SDK's built-in
 * fetch/http handlers, which know none of those.
 *
 * Two rules for the SDK's retry strategy live here, because it decides only from the error's
 * shape:
 * - no answer at all (fetch's TypeError: refused, reset, dropped) is marked `$retryable`, so the
 *   retrying client repeats it in every runtime (the SDK recognises browsers' messages, but not
 *   Node's "fetch failed" for a dropped socket);
 * - a RequestTimeout is thrown as our AuthError, which the strategy sees as a client error and
 *   never repeats: the request may have reached Cognito (a Session spent, a code sent).
 */

/** The parts of the SDK's HttpRequest that a user-pool call uses (POST / with a JSON body). */
export interface SdkHttpRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number | undefined;
  path: string;
  query?: Record<string, string | (string | null)[] | null> | undefined;
  headers: Record<string, string>;
  body?: unknown;
}

/** Read by the SDK as an HttpResponse (it checks the shape: numeric status, headers object). */
export interface SdkHttpResponse {
  statusCode: number;
  reason: string;
  headers: Record<string, string>;
  body: ReadableStream<Uint8Array> | undefined;
}

export interface FetchRequestHandler {
  handle(request: SdkHttpRequest): Promise<{ response: SdkHttpResponse }>;
}

export function urlOf(request: SdkHttpRequest): string {
  const port = request.port !== undefined ? `:${String(request.port)}` : '';
  const url = new URL(`${request.protocol}//${request.hostname}${port}${request.path}`);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== null) url.searchParams.append(name, one);
    }
  }
  return url.toString();
}

/** A lost connection, marked so that the SDK's retry strategy counts it as transient. */
function markedRetryable(error: unknown): unknown {
  if (error instanceof TypeError) {
    Object.assign(error, { $retryable: { throttling: false } });
  }
  return error;
}

export function fetchRequestHandler(fetchImpl: typeof fetch): FetchRequestHandler {
  return {
    async handle(request) {
      let response: Response;
      try {
        response = await fetchImpl(urlOf(request), {
          method: request.method,
          headers: request.headers,
          ...(request.body !== undefined &&
            request.method !== 'GET' &&
            request.method !== 'HEAD' && { body: request.body as BodyInit }),
          // No cookies or HTTP auth towards Cognito: the request carries everything it needs.
          credentials: 'omit',
        });
      } catch (error) {
        throw markedRetryable(error);
      }
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      return {
        response: {
          statusCode: response.status,
          reason: response.statusText,
          headers,
          body: response.body ?? undefined,
        },
      };
    },
  };
}
