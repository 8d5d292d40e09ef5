import { describe, expect, it } from 'vitest';
import { fetchRequestHandler, urlOf, type SdkHttpRequest } from './sdk-gateway-transport-handler';

const request: SdkHttpRequest = {
  method: 'POST',
  protocol: 'http:',
  hostname: '127.0.0.1',
  port: 9230,
  path: '/',
  headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
  body: '{"ClientId":"c"}',
};

describe('fetchRequestHandler', () => {
  it('sends the SDK request through the given fetch, without cookies', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const handler = fetchRequestHandler((input, init) => {
      seen.push({ url: input as string, init });
      return Promise.resolve(
        new Response('{"Session":"S"}', {
          status: 200,
          statusText: 'OK',
          headers: { 'Content-Type': 'application/x-amz-json-1.1', Date: 'x' },
        }),
      );
    });
    const { response } = await handler.handle(request);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe('http://127.0.0.1:9230/');
    expect(seen[0]?.init).toMatchObject({
      method: 'POST',
      headers: request.headers,
      body: request.body,
      credentials: 'omit',
    });
    expect(response.statusCode).toBe(200);
    // Header names as the SDK expects them (lower case), the body as a stream it can collect.
    expect(response.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(response.headers.date).toBe('x');
    expect(await new Response(response.body).text()).toBe('{"Session":"S"}');
  });

  it('passes on an error status as an answer (the SDK reads the error from it)', async () => {
    const handler = fetchRequestHandler(() =>
      Promise.resolve(new Response('{"__type":"InternalErrorException"}', { status: 500 })),
    );
    expect((await handler.handle(request)).response.statusCode).toBe(500);
  });

  it('marks a lost connection (fetch TypeError) retryable for the SDK, and keeps it a TypeError', async () => {
    const handler = fetchRequestHandler(() => Promise.reject(new TypeError('fetch failed')));
    const error = await handler.handle(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toHaveProperty('$retryable');
  });

  it('passes any other failure (our RequestTimeout) on unmarked', async () => {
    const timeout = Object.assign(new Error('late'), { code: 'RequestTimeout' });
    const handler = fetchRequestHandler(() => Promise.reject(timeout));
    const error = await handler.handle(request).catch((e: unknown) => e);
    expect(error).toBe(timeout);
    expect(error).not.toHaveProperty('$retryable');
  });

  it('builds the URL with a default port and a query', () => {
    expect(
      urlOf({
        ...request,
        protocol: 'https:',
        hostname: 'cognito-idp.eu-west-1.amazonaws.com',
        port: undefined,
        query: { a: 'b', c: ['d', null] },
      }),
    ).toBe('https://cognito-idp.eu-west-1.amazonaws.com/?a=b&c=d');
  });
});
