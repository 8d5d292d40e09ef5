/**
 * A small AWS JSON 1.1 client (POST /, `X-Amz-Target: AWSCognitoIdentityProviderService.<Op>`,
 * no signature). The sign-in gateway (sdk-gateway.ts) goes through the AWS SDK v3 client, which is
 * a fixed part of the stack; this remains only because src/passkeys/passkey-gateway.ts still calls
 * it for the four WebAuthn operations (the SDK has commands for them too, so it can move over and
 * this file can then go). Errors keep the SDK's shape (`name`, `message`,
 * `$metadata.httpStatusCode`, `$fault`) so `toAuthError` reads them unchanged.
 */

export interface TransportConfig {
  region: string;
  /** Overrides https://cognito-idp.<region>.amazonaws.com (the local pool, tests). */
  endpoint?: string;
  /** 1 for calls that spend a single-use Session or send a code; 3 where repeating is safe. */
  maxAttempts: number;
  fetch?: typeof fetch;
  /** Waits between attempts (tests pass an instant one). */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
}

/** Cognito's error answer, shaped like the SDK's ServiceException. */
export class CognitoServiceError extends Error {
  readonly $metadata: { httpStatusCode: number };
  readonly $fault: 'client' | 'server';

  constructor(name: string, message: string, httpStatusCode: number) {
    super(message);
    this.name = name;
    this.$metadata = { httpStatusCode };
    this.$fault = httpStatusCode >= 500 ? 'server' : 'client';
  }
}

const THROTTLING = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);
/** The SDK's standard retry strategy's base delay and cap (exponential backoff, full jitter). */
const BASE_DELAY_MS = 100;
const MAX_DELAY_MS = 20_000;

export function endpointFor(config: Pick<TransportConfig, 'region' | 'endpoint'>): string {
  return config.endpoint ?? `https://cognito-idp.${config.region}.amazonaws.com`;
}

/** `aws.protocols#awsJson1_1` error names: "prefix#Name" or "Name:extra"; keep Name. */
export function errorName(typeField: unknown, header: string | null): string {
  const raw = typeof typeField === 'string' && typeField !== '' ? typeField : (header ?? '');
  const name = raw.split(':')[0]?.split('#').pop() ?? '';
  return name === '' ? 'UnknownError' : name;
}

function isRetryable(error: unknown): boolean {
  if (error instanceof CognitoServiceError) {
    const status = error.$metadata.httpStatusCode;
    return status >= 500 || status === 429 || THROTTLING.has(error.name);
  }
  // fetch rejects with a TypeError when no answer came back at all (connection refused, reset).
  return error instanceof TypeError;
}

async function once(
  config: TransportConfig,
  operation: string,
  input: object,
): Promise<Record<string, unknown>> {
  const send = config.fetch ?? globalThis.fetch.bind(globalThis);
  const response = await send(`${endpointFor(config).replace(/\/$/, '')}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(input),
    // No cookies or HTTP auth towards Cognito: the request carries everything it needs.
    credentials: 'omit',
  });
  const text = await response.text();
  if (response.ok) {
    // A cut-off or non-JSON success throws SyntaxError: toAuthError calls it MalformedResponse
    // (the request may have been applied), never a network error.
    const parsed: unknown = text === '' ? {} : JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = text === '' ? {} : JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
  } catch {
    // A proxy's HTML error page: the status below still says what happened.
  }
  const message = body.message ?? body.Message;
  throw new CognitoServiceError(
    errorName(body.__type, response.headers.get('x-amzn-errortype')),
    typeof message === 'string' ? message : `HTTP ${String(response.status)}`,
    response.status,
  );
}

/** Calls one operation, retrying throttling, 5xx and lost connections up to maxAttempts. */
export async function callCognito<Output>(
  config: TransportConfig,
  operation: string,
  input: object,
): Promise<Output> {
  const sleep =
    config.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = config.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return (await once(config, operation, input)) as Output;
    } catch (error) {
      if (attempt >= config.maxAttempts || !isRetryable(error)) throw error;
      await sleep(random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt));
    }
  }
}
