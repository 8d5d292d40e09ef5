/**
 * A pass-through HTTP proxy in front of the local pool that records every request the extension
 * makes: the Cognito operation (X-Amz-Target) and how long the pool took to answer, seen from
 * the pool side. The demo build may only reach the pool's default port (9230), so the proxy
 * listens there and the pool itself runs on a random port behind it.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  /** e.g. "InitiateAuth"; the method and path for anything else (CORS preflight, _local). */
  operation: string;
  /** Epoch ms (timeOrigin + now, sub-millisecond) when the request arrived and the answer ended. */
  startedAt: number;
  endedAt: number;
}

export interface CountingProxy {
  port: number;
  calls: RecordedCall[];
  /** Forgets what was recorded (between measured windows). */
  clear(): void;
  close(): Promise<void>;
}

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

export function operationOf(method: string, path: string, target: string | undefined): string {
  if (target?.startsWith(TARGET_PREFIX) === true) return target.slice(TARGET_PREFIX.length);
  return `${method} ${path}`;
}

export async function startCountingProxy(
  port: number,
  upstreamPort: number,
): Promise<CountingProxy> {
  const calls: RecordedCall[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const startedAt = performance.timeOrigin + performance.now();
    const target = incoming.headers['x-amz-target'];
    const operation = operationOf(
      incoming.method ?? 'GET',
      incoming.url ?? '/',
      Array.isArray(target) ? target[0] : target,
    );
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: upstreamPort,
        method: incoming.method,
        path: incoming.url,
        // The Host header is kept, so the pool builds its URLs (issuer, links) for the proxy's port.
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
        answer.on('end', () => {
          calls.push({ operation, startedAt, endedAt: performance.timeOrigin + performance.now() });
        });
      },
    );
    upstream.on('error', () => {
      outgoing.writeHead(502).end();
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    calls,
    clear: () => calls.splice(0),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The Cognito calls among the recorded ones (not preflights or the pool's own endpoints). */
export const cognitoCalls = (calls: RecordedCall[]) =>
  calls.filter((call) => !call.operation.includes(' '));

/** Wall time spent waiting for the pool in a window: union of the recorded intervals. */
export function networkMs(calls: RecordedCall[]): number {
  const sorted = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  let total = 0;
  let end = -Infinity;
  for (const call of sorted) {
    const start = Math.max(call.startedAt, end);
    if (call.endedAt > start) total += call.endedAt - start;
    end = Math.max(end, call.endedAt);
  }
  return total;
}
