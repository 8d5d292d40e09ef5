import { describe, expect, it, vi } from 'vitest';
import { toAuthError } from './auth-error';
import {
  callCognito,
  CognitoServiceError,
  endpointFor,
  errorName,
  type TransportConfig,
} from './sdk-gateway-transport';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers });

function transport(
  replies: (() => Response)[],
  maxAttempts = 1,
): { config: TransportConfig; fetch: ReturnType<typeof vi.fn>; sleeps: number[] } {
  const sleeps: number[] = [];
  let call = 0;
  const fetch = vi.fn(() => {
    const reply = replies[Math.min(call++, replies.length - 1)];
    if (!reply) throw new Error('no reply');
    return Promise.resolve(reply());
  });
  return {
    fetch,
    sleeps,
    config: {
      region: 'eu-west-1',
      maxAttempts,
      fetch: fetch,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      random: () => 0.5,
    },
  };
}

describe('Cognito JSON transport', () => {
  it('posts AWS JSON 1.1 with the operation target to the regional endpoint', async () => {
    const { config, fetch } = transport([() => json(200, { Session: 's' })]);
    const out = await callCognito<{ Session: string }>(config, 'InitiateAuth', { ClientId: 'c' });
    expect(out.Session).toBe('s');
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://cognito-idp.eu-west-1.amazonaws.com/');
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    });
    expect(JSON.parse(init.body as string)).toEqual({ ClientId: 'c' });
  });

  it('uses a configured endpoint with or without a trailing slash', () => {
    expect(endpointFor({ region: 'x', endpoint: 'http://127.0.0.1:9230' })).toBe(
      'http://127.0.0.1:9230',
    );
  });

  it('turns an error answer into an SDK-shaped error that toAuthError reads', async () => {
    const { config } = transport([
      () =>
        json(400, {
          __type: 'com.amazonaws.cognito#NotAuthorizedException',
          message: 'Incorrect username or password.',
        }),
    ]);
    const error = await callCognito(config, 'InitiateAuth', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CognitoServiceError);
    expect(error).toMatchObject({
      name: 'NotAuthorizedException',
      $metadata: { httpStatusCode: 400 },
      $fault: 'client',
    });
    expect(toAuthError(error).code).toBe('NotAuthorizedException');
  });

  it('reads the error name from x-amzn-errortype when the body has none', () => {
    expect(errorName(undefined, 'UserNotFoundException:http://internal')).toBe(
      'UserNotFoundException',
    );
    expect(errorName('', null)).toBe('UnknownError');
  });

  it('retries 5xx and throttling up to maxAttempts with growing delays, then throws', async () => {
    const { config, fetch, sleeps } = transport(
      [
        () => json(500, { __type: 'InternalErrorException', message: 'x' }),
        () => json(400, { __type: 'TooManyRequestsException', message: 'slow down' }),
        () => json(500, { __type: 'InternalErrorException', message: 'x' }),
      ],
      3,
    );
    await expect(callCognito(config, 'InitiateAuth', {})).rejects.toMatchObject({
      name: 'InternalErrorException',
    });
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(sleeps).toEqual([100, 200]);
  });

  it('does not retry a client error, nor anything with maxAttempts 1', async () => {
    const refused = transport([() => json(400, { __type: 'CodeMismatchException' })], 3);
    await expect(callCognito(refused.config, 'X', {})).rejects.toMatchObject({
      name: 'CodeMismatchException',
    });
    expect(refused.fetch).toHaveBeenCalledTimes(1);
    const single = transport([() => json(503, {})], 1);
    await expect(callCognito(single.config, 'X', {})).rejects.toMatchObject({
      $metadata: { httpStatusCode: 503 },
    });
    expect(single.fetch).toHaveBeenCalledTimes(1);
  });

  it('lets a lost connection through as a network failure after retrying it', async () => {
    const sleeps: number[] = [];
    const fetch = vi.fn(() => Promise.reject(new TypeError('fetch failed')));
    const error = await callCognito(
      {
        region: 'x',
        maxAttempts: 2,
        fetch: fetch,
        sleep: (ms) => (sleeps.push(ms), Promise.resolve()),
      },
      'X',
      {},
    ).catch((e: unknown) => e);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(toAuthError(error).code).toBe('NetworkError');
  });

  it('keeps the status when a proxy answers with a non-JSON page', async () => {
    const { config } = transport([() => new Response('<html>bad gateway</html>', { status: 502 })]);
    const error = await callCognito(config, 'X', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'UnknownError', $metadata: { httpStatusCode: 502 } });
    expect(toAuthError(error).message).toBe('Cognito is having trouble right now.');
  });

  it('reports a cut-off success answer as MalformedResponse, without retrying it', async () => {
    const { config, fetch } = transport([() => new Response('{"Session":"ab', { status: 200 })], 3);
    const error = await callCognito(config, 'X', {}).catch((e: unknown) => e);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(toAuthError(error).code).toBe('MalformedResponse');
  });
});
