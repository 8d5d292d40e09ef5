import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPool, type LocalPool } from './server';
import { callPool } from './conformance/support';

const DEMO_CLIENT = '3demo0public0client0000000';

let pool: LocalPool;
beforeAll(async () => {
  pool = await startLocalPool({ port: 0, quiet: true });
});
afterAll(() => pool.close());

const post = (headers: Record<string, string>, body: string) =>
  fetch(`${pool.url}/`, { method: 'POST', headers, body });

describe('protocol and errors', () => {
  it('an unknown operation is a clean UnknownOperationException', async () => {
    const response = await post(
      { 'X-Amz-Target': 'AWSCognitoIdentityProviderService.MakeCoffee' },
      '{}',
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException:');
    expect(await response.json()).toEqual({
      __type: 'UnknownOperationException',
      message: 'Unknown operation MakeCoffee.',
    });
    const missing = await post({}, '{}');
    expect(((await missing.json()) as { __type: string }).__type).toBe('UnknownOperationException');
  });

  it('malformed JSON is SerializationException', async () => {
    for (const body of ['{', '[1,2]', '"text"', '{"AuthFlow": 5}']) {
      const response = await post(
        { 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
        body,
      );
      expect(response.status).toBe(400);
      expect(((await response.json()) as { __type: string }).__type).toBe('SerializationException');
    }
  });

  it('missing required members are InvalidParameterException', async () => {
    const result = await callPool(pool, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH' });
    expect(result).toEqual({
      status: 400,
      body: {
        __type: 'InvalidParameterException',
        message:
          "1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null",
      },
    });
  });

  it('an unknown app client is ResourceNotFoundException', async () => {
    const result = await callPool(pool, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'nope',
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'x' },
    });
    expect(result.body.__type).toBe('ResourceNotFoundException');
  });

  it('garbage of every shape gets a Cognito error, and the server keeps answering', async () => {
    const operations = [
      'InitiateAuth',
      'RespondToAuthChallenge',
      'GetUser',
      'ConfirmDevice',
      'SignUp',
      'AssociateSoftwareToken',
      'VerifySoftwareToken',
      'GlobalSignOut',
      'ListDevices',
    ];
    const bodies = [
      {},
      { ClientId: 5 },
      { AuthParameters: 'x', ClientId: '3demo0public0client0000000', AuthFlow: 'USER_SRP_AUTH' },
      { AccessToken: 'a.b.c' },
      { Session: 'x', UserCode: '1' },
      { ChallengeResponses: [], ClientId: '3demo0public0client0000000', ChallengeName: 'SMS_MFA' },
    ];
    for (const operation of operations) {
      for (const body of bodies) {
        const result = await callPool(pool, operation, body);
        expect(result.status, `${operation} ${JSON.stringify(body)}`).toBe(400);
        expect(typeof result.body.__type).toBe('string');
        expect(result.body.__type).not.toBe('InternalErrorException');
      }
    }
    const alive = await callPool(pool, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: '3demo0public0client0000000',
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'Passw0rd!' },
    });
    expect(alive.status).toBe(200);
  });
});

describe('CORS', () => {
  it('answers preflight for any origin with the requested headers', async () => {
    const response = await fetch(`${pool.url}/`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'chrome-extension://abcdefghijklmnop',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-amz-target,x-amz-user-agent',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(
      'chrome-extension://abcdefghijklmnop',
    );
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'content-type,x-amz-target,x-amz-user-agent',
    );
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('allows the origin on answers and errors too', async () => {
    const response = await fetch(`${pool.url}/`, {
      method: 'POST',
      headers: {
        Origin: 'https://app.example',
        'X-Amz-Target': 'AWSCognitoIdentityProviderService.Nope',
      },
      body: '{}',
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-amzn-ErrorType');
  });
});

describe('local endpoints', () => {
  it('outbox as JSON and as a page, reset clears it', async () => {
    await callPool(pool, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: '3demo0public0client0000000',
      AuthParameters: { USERNAME: 'carol', PASSWORD: 'Passw0rd!' },
    });
    const json = (await (await fetch(`${pool.url}/_local/outbox`)).json()) as {
      to: string;
      medium: string;
      code: string;
      sentAt: string;
    }[];
    const last = json.at(-1);
    expect(last).toMatchObject({ to: '+15555550100', medium: 'SMS', username: 'carol' });
    expect(last?.code).toMatch(/^\d{6}$/);
    expect(new Date(last?.sentAt ?? '').getTime()).not.toBeNaN();
    const page = await fetch(`${pool.url}/_local/outbox.html`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain(last?.code ?? 'missing');
    await fetch(`${pool.url}/_local/reset`, { method: 'POST' });
    expect(await (await fetch(`${pool.url}/_local/outbox`)).json()).toEqual([]);
    expect(pool.outbox()).toEqual([]);
  });

  it('the clock endpoint validates its input', async () => {
    const bad = await fetch(`${pool.url}/_local/clock`, {
      method: 'POST',
      body: '{"advanceMs":-5}',
    });
    expect(bad.status).toBe(400);
    const ok = await fetch(`${pool.url}/_local/clock`, {
      method: 'POST',
      body: '{"advanceMs":1000}',
    });
    expect(ok.status).toBe(200);
  });

  it('unknown paths are a 400 ResourceNotFoundException, not a crash', async () => {
    const response = await fetch(`${pool.url}/nothing/here`);
    expect(response.status).toBe(400);
  });
});

describe('hostile input (findings of test/security/local-pool-http.fuzz.test.ts)', () => {
  const initiate = (body: string, path = '/') =>
    fetch(`${pool.url}${path}`, {
      method: 'POST',
      headers: { 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
      body,
    });

  it('the path "//" is a 4xx, not an internal error', async () => {
    const response = await initiate('{}', '//');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe(
      'ResourceNotFoundException',
    );
  });

  it('control and non-Latin-1 characters in echoed input still get an answer', async () => {
    const response = await initiate(
      JSON.stringify({ AuthFlow: '\u0000\u{10000}', ClientId: DEMO_CLIENT }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errormessage')).toMatch(/^[\x20-\x7e]*$/);
    expect(((await response.json()) as { message: string }).message).toContain('\u0000');
  });

  it('long echoed input keeps the header short', async () => {
    const response = await initiate(
      JSON.stringify({ AuthFlow: 'x'.repeat(40_000), ClientId: DEMO_CLIENT }),
    );
    expect(response.status).toBe(400);
    expect((response.headers.get('x-amzn-errormessage') ?? '').length).toBeLessThanOrEqual(512);
  });

  it('a body over 1 MiB is SerializationException, and the server keeps serving', async () => {
    const response = await initiate(`"${'x'.repeat(1024 * 1024 + 10)}"`);
    expect(await response.json()).toMatchObject({ __type: 'SerializationException' });
    expect((await fetch(`${pool.url}/_local/outbox`)).status).toBe(200);
  });
});
