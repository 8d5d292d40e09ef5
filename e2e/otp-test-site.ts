/**
 * A site with one-time-code forms, for the autofill specs: serves the given pages and answers
 * `POST /verify` with "Accepted <code>" when the code is the entry's current or previous TOTP
 * (like most servers), so a test sees the page's own check accept what was filled.
 */
import http from 'node:http';
import { generateTotp } from '../src/otp/totp';

export interface OtpTestSite {
  port: number;
  close(): Promise<void>;
}

/** The codes a page would accept now (this period and the one before). */
async function acceptedCodes(secret: string): Promise<string[]> {
  const parameters = { secret, algorithm: 'SHA1', digits: 6, period: 30 } as const;
  const now = Date.now();
  return [await generateTotp(parameters, now), await generateTotp(parameters, now - 30_000)];
}

export function serveOtpTestSite(
  secret: string,
  pages: Record<string, string>,
): Promise<OtpTestSite> {
  const server = http.createServer((request, response) => {
    if (request.method === 'POST' && request.url === '/verify') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        void acceptedCodes(secret).then((codes) => {
          response.end(codes.includes(body) ? `Accepted ${body}` : `Rejected ${body}`);
        });
      });
      return;
    }
    const page = pages[request.url ?? ''] ?? '';
    response.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : 0,
        close: () => new Promise((closed) => server.close(() => closed())),
      });
    });
  });
}
