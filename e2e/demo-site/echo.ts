/**
 * A tiny loopback server that answers `GET /echo` with the Authorization header and the cookies
 * it received, as JSON: the page-side proof of the cookie and header formats. CORS reflects
 * loopback origins with credentials, so the demo site on another port may call it.
 */
import http from 'node:http';

export interface EchoReply {
  authorization: string | null;
  cookies: Record<string, string>;
}

export interface EchoServer {
  url: string;
  /** Every request that reached /echo, in order (for assertions from the test side). */
  received: EchoReply[];
  close(): Promise<void>;
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of (header ?? '').split(';')) {
    const equals = pair.indexOf('=');
    if (equals <= 0) continue;
    cookies[pair.slice(0, equals).trim()] = pair.slice(equals + 1).trim();
  }
  return cookies;
}

function corsHeaders(origin: string | undefined): Record<string, string> {
  if (!origin || !/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-allow-headers': 'authorization, content-type',
    vary: 'Origin',
  };
}

export async function serveEcho(port = 0, host = '127.0.0.1'): Promise<EchoServer> {
  const received: EchoReply[] = [];
  const server = http.createServer((request, response) => {
    const cors = corsHeaders(request.headers.origin);
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors).end();
      return;
    }
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/echo') {
      response.writeHead(404, cors).end('not found');
      return;
    }
    const reply: EchoReply = {
      authorization: request.headers.authorization ?? null,
      cookies: parseCookies(request.headers.cookie),
    };
    received.push(reply);
    response
      .writeHead(200, { ...cors, 'content-type': 'application/json', 'cache-control': 'no-store' })
      .end(JSON.stringify(reply));
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${String(actualPort)}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
