/**
 * The HTTP face of the pool: Cognito's JSON 1.1 protocol on `POST /`, the JWKS and OpenID
 * configuration per pool, the outbox, the test-only endpoints, and CORS for any origin. Every
 * failure becomes a Cognito-shaped 400/500 answer; nothing a client sends can crash the server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { PoolContext } from './context';
import { CognitoError, errorBody } from './errors';
import { parseFaultRules, truncateJson, type FaultPlan } from './faults';
import type { Json } from './input';
import { OPERATIONS, TARGET_PREFIX } from './operations';
import type { Outbox } from './outbox';
import { outboxPage } from './outbox-page';
import { jwks, type SigningKey } from './tokens';
import { createOAuthRoutes } from './oauth/routes';
import { oauthEndpoints } from './oauth/hosted-ui';

export interface Runtime {
  /** The operation context for one request, with the address it reached us at. */
  context(origin: string): Promise<PoolContext>;
  poolIds(): string[];
  key(): Promise<SigningKey>;
  outbox: Outbox;
  reset(): void;
  advanceClock(ms: number): void;
  /** Test-only fault injection (`/_local/faults`). */
  faults: FaultPlan;
  log(line: string): void;
}

const MAX_BODY_BYTES = 1024 * 1024;

function corsHeaders(request: IncomingMessage): Record<string, string> {
  const origin = request.headers.origin;
  const requested = request.headers['access-control-request-headers'];
  return {
    'Access-Control-Allow-Origin': typeof origin === 'string' ? origin : '*',
    'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
    'Access-Control-Allow-Headers':
      typeof requested === 'string' && requested !== ''
        ? requested
        : 'content-type, x-amz-target, x-amz-user-agent, cache-control, amz-sdk-invocation-id, amz-sdk-request, authorization',
    'Access-Control-Expose-Headers':
      'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date',
    'Access-Control-Max-Age': '86400',
    ...(request.headers['access-control-request-private-network'] === 'true'
      ? { 'Access-Control-Allow-Private-Network': 'true' }
      : {}),
    Vary: 'Origin',
  };
}

function send(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  body: string,
  contentType: string,
  extra: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...corsHeaders(request),
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(body)),
    'x-amzn-RequestId': randomUUID(),
    ...extra,
  });
  response.end(body);
}

function sendJson(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  body: unknown,
) {
  send(request, response, status, JSON.stringify(body), 'application/json');
}

function sendError(request: IncomingMessage, response: ServerResponse, error: CognitoError) {
  send(
    request,
    response,
    error.status,
    JSON.stringify(errorBody(error)),
    'application/x-amz-json-1.1',
    { 'x-amzn-ErrorType': `${error.type}:`, 'x-amzn-ErrorMessage': headerSafe(error.message) },
  );
}

/**
 * Error messages may echo what the client sent; a header only takes printable Latin-1 and Node's
 * clients refuse headers over 16 KiB, so the header copy is ASCII-only and short (the JSON body
 * keeps the full message).
 */
export function headerSafe(message: string): string {
  return message.replace(/[^\x20-\x7e]/g, '?').slice(0, 512);
}

/** Reads the whole body; past the limit it keeps draining (so an answer can still be sent). */
function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) {
        reject(
          new CognitoError('SerializationException', 'Request body is too large (1 MiB at most).'),
        );
      } else {
        resolve(Buffer.concat(chunks).toString('utf8'));
      }
    });
    request.on('error', reject);
  });
}

/** The path of the request target without its query, never throwing (e.g. on "//"). */
function pathOf(request: IncomingMessage): string {
  const target = request.url ?? '/';
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

function parseJson(text: string): Json {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CognitoError(
      'SerializationException',
      'Start of structure or map found where not expected.',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CognitoError('SerializationException', 'The request body must be a JSON object.');
  }
  return parsed as Json;
}

function originOf(request: IncomingMessage): string {
  const host =
    request.headers.host ??
    `${request.socket.localAddress ?? '127.0.0.1'}:${request.socket.localPort ?? 0}`;
  return `http://${host}`;
}

async function handleOperation(
  runtime: Runtime,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const target = request.headers['x-amz-target'];
  const name =
    typeof target === 'string' && target.startsWith(TARGET_PREFIX)
      ? target.slice(TARGET_PREFIX.length)
      : undefined;
  const body = parseJson(await readBody(request));
  const operation = name === undefined ? undefined : OPERATIONS[name];
  if (!operation) {
    throw new CognitoError(
      'UnknownOperationException',
      name === undefined ? 'Missing or unknown X-Amz-Target header.' : `Unknown operation ${name}.`,
    );
  }
  const fault = runtime.faults.take(name ?? '');
  if (fault?.kind === 'drop') {
    response.destroy();
    return;
  }
  if (fault?.kind === 'http500') {
    throw new CognitoError('InternalErrorException', 'Injected fault: internal error.', 500);
  }
  if (fault?.kind === 'throttle') {
    throw new CognitoError('TooManyRequestsException', 'Injected fault: rate exceeded.');
  }
  if (fault?.kind === 'delay') {
    await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  }
  const result = await operation(await runtime.context(originOf(request)), body);
  const text = JSON.stringify(result ?? {});
  send(
    request,
    response,
    200,
    fault?.kind === 'truncated' ? truncateJson(text) : text,
    'application/x-amz-json-1.1',
  );
}

async function handleLocal(
  runtime: Runtime,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
) {
  if (request.method === 'GET' && path === '/_local/outbox') {
    sendJson(request, response, 200, runtime.outbox.list());
    return true;
  }
  if (request.method === 'GET' && path === '/_local/outbox.html') {
    send(request, response, 200, outboxPage(runtime.outbox.list()), 'text/html; charset=utf-8');
    return true;
  }
  if (request.method === 'POST' && path === '/_local/reset') {
    await readBody(request);
    runtime.reset();
    sendJson(request, response, 200, { reset: true });
    return true;
  }
  if (path === '/_local/faults') {
    return handleFaults(runtime, request, response);
  }
  if (request.method === 'POST' && path === '/_local/clock') {
    const body = parseJson(await readBody(request));
    const advance = body.advanceMs;
    if (typeof advance !== 'number' || !Number.isFinite(advance) || advance < 0) {
      throw new CognitoError(
        'InvalidParameterException',
        'advanceMs must be a non-negative number.',
      );
    }
    runtime.advanceClock(advance);
    sendJson(request, response, 200, { advancedMs: advance });
    return true;
  }
  return false;
}

/** GET: the rules and what they did; POST {faults:[...]}: replace the rules; DELETE: clear. */
async function handleFaults(runtime: Runtime, request: IncomingMessage, response: ServerResponse) {
  if (request.method === 'POST') {
    const rules = parseFaultRules(parseJson(await readBody(request)));
    if (typeof rules === 'string') throw new CognitoError('InvalidParameterException', rules);
    runtime.faults.set(rules);
    runtime.log(`faults: ${rules.map((r) => `${r.operation} ${r.kind}`).join(', ') || 'none'}`);
  } else if (request.method === 'DELETE') {
    await readBody(request);
    runtime.faults.clear();
  } else if (request.method !== 'GET') {
    return false;
  }
  sendJson(request, response, 200, runtime.faults.report());
  return true;
}

async function handleWellKnown(
  runtime: Runtime,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
) {
  const match = /^\/([^/]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(path);
  if (request.method !== 'GET' || !match) return false;
  const [, poolId = '', document] = match;
  if (!runtime.poolIds().includes(poolId)) {
    sendError(
      request,
      response,
      new CognitoError('ResourceNotFoundException', `User pool ${poolId} does not exist.`),
    );
    return true;
  }
  const issuer = `${originOf(request)}/${poolId}`;
  if (document === 'jwks.json') {
    sendJson(request, response, 200, jwks(await runtime.key()));
  } else {
    sendJson(request, response, 200, {
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      ...oauthEndpoints(originOf(request)),
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'token'],
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      claims_supported: [
        'sub',
        'email',
        'email_verified',
        'phone_number',
        'phone_number_verified',
        'cognito:username',
      ],
    });
  }
  return true;
}

export function createRequestHandler(runtime: Runtime) {
  // The hosted UI (OAuth 2.0 endpoints, login page): local-pool/oauth/.
  const oauth = createOAuthRoutes(runtime);
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      if (request.method === 'OPTIONS') {
        response.writeHead(204, corsHeaders(request));
        response.end();
        return;
      }
      const path = pathOf(request);
      if (path === '/_local/reset') oauth.clear();
      if (await oauth.handle(request, response, path)) return;
      if (path.startsWith('/_local/') && (await handleLocal(runtime, request, response, path)))
        return;
      if (await handleWellKnown(runtime, request, response, path)) return;
      if (request.method === 'POST' && path === '/') {
        await handleOperation(runtime, request, response);
        return;
      }
      sendError(
        request,
        response,
        new CognitoError(
          'ResourceNotFoundException',
          `No route for ${request.method ?? ''} ${path}.`,
        ),
      );
    } catch (error) {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof CognitoError) {
        sendError(request, response, error);
        return;
      }
      runtime.log(
        `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      sendError(
        request,
        response,
        new CognitoError('InternalErrorException', 'Internal error in the local pool.', 500),
      );
    }
  };
}
