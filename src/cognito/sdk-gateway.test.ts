/**
 * The SDK client's behaviour through our fetch (the injected fetch is the only network here):
 * which calls are repeated, the deadline, the server clock, a cut-off answer.
 */
import { describe, expect, it } from 'vitest';
import { createSdkGateway } from './sdk-gateway';

const config = {
  region: 'us-east-1',
  userPoolId: 'us-east-1_Pool',
  clientId: 'client1',
  endpoint: 'http://cognito.test',
};

type Reply = () => Promise<Response>;

/** A fetch that plays `replies` in order (the last one again when they run out). */
function scripted(...replies: Reply[]) {
  const calls: { target: string | null; headers: Headers }[] = [];
  const fetchImpl: typeof fetch = (_input, init) => {
    const headers = new Headers(init?.headers);
    calls.push({ target: headers.get('x-amz-target'), headers });
    const reply = replies[Math.min(calls.length, replies.length) - 1];
    if (!reply) throw new Error('no reply');
    return reply();
  };
  return { calls, fetchImpl };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    Promise.resolve(
      new Response(typeof body === 'string' ? body : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/x-amz-json-1.1', ...headers },
      }),
    );
const challenge = json(200, { ChallengeName: 'PASSWORD_VERIFIER', Session: 'S' });
const internalError = json(500, { __type: 'InternalErrorException', message: 'boom' });
const lostConnection = () => Promise.reject(new TypeError('fetch failed'));
const srpStart = { authFlow: 'USER_SRP_AUTH', parameters: { USERNAME: 'a', SRP_A: 'ab' } };

describe('SDK gateway through the injected fetch', () => {
  it('repeats InitiateAuth (no Session) after 5xx and a lost connection, up to 3 requests', async () => {
    const { calls, fetchImpl } = scripted(internalError, lostConnection, challenge);
    const gateway = createSdkGateway(config, { fetch: fetchImpl });
    const result = await gateway.initiateAuth(srpStart);
    expect(result).toMatchObject({ kind: 'challenge', session: 'S' });
    expect(calls.map((c) => c.target)).toEqual(
      Array(3).fill('AWSCognitoIdentityProviderService.InitiateAuth'),
    );
    for (const { headers } of calls) expect(headers.get('authorization')).toBeNull();
  });

  it('gives up after 3 lost connections with NetworkError', async () => {
    const { calls, fetchImpl } = scripted(lostConnection);
    const gateway = createSdkGateway(config, { fetch: fetchImpl });
    await expect(gateway.initiateAuth(srpStart)).rejects.toMatchObject({ code: 'NetworkError' });
    expect(calls).toHaveLength(3);
  });

  it('sends InitiateAuth with a (single-use) Session once', async () => {
    const { calls, fetchImpl } = scripted(internalError, challenge);
    const gateway = createSdkGateway(config, { fetch: fetchImpl });
    await expect(gateway.initiateAuth({ ...srpStart, session: 'signup' })).rejects.toMatchObject({
      code: 'InternalErrorException',
    });
    expect(calls).toHaveLength(1);
  });

  it('sends RespondToAuthChallenge once, even on a lost connection', async () => {
    const { calls, fetchImpl } = scripted(lostConnection, challenge);
    const gateway = createSdkGateway(config, { fetch: fetchImpl });
    await expect(
      gateway.respondToAuthChallenge({
        challengeName: 'SMS_MFA',
        responses: { USERNAME: 'a', SMS_MFA_CODE: '1' },
        session: 'S',
      }),
    ).rejects.toMatchObject({ code: 'NetworkError' });
    expect(calls).toHaveLength(1);
  });

  it('a stalled Cognito: RequestTimeout at the deadline, not repeated even by the retrying client', async () => {
    const { calls, fetchImpl } = scripted(() => new Promise<Response>(() => undefined));
    const gateway = createSdkGateway(config, { fetch: fetchImpl, requestTimeoutMs: 50 });
    await expect(gateway.initiateAuth(srpStart)).rejects.toMatchObject({
      code: 'RequestTimeout',
    });
    await expect(
      gateway.refreshTokenAuth({ refreshToken: 'r', username: 'a' }),
    ).rejects.toMatchObject({
      code: 'RequestTimeout',
    });
    expect(calls).toHaveLength(2);
  });

  it('a cut-off success answer: MalformedResponse, not repeated', async () => {
    const { calls, fetchImpl } = scripted(json(200, '{"ChallengeName":"PASSWORD_VER'), challenge);
    const gateway = createSdkGateway(config, { fetch: fetchImpl });
    await expect(gateway.initiateAuth(srpStart)).rejects.toMatchObject({
      code: 'MalformedResponse',
    });
    expect(calls).toHaveLength(1);
  });

  it("reads Cognito's Date into the server clock", async () => {
    const cognitoNow = Date.UTC(2030, 0, 1, 12, 0, 0);
    const { fetchImpl } = scripted(
      json(
        200,
        { ChallengeName: 'PASSWORD_VERIFIER', Session: 'S' },
        { date: new Date(cognitoNow).toUTCString() },
      ),
    );
    const localNow = cognitoNow - 60_000;
    const gateway = createSdkGateway(config, { fetch: fetchImpl, now: () => localNow });
    expect(gateway.serverClock?.offsetMs()).toBeUndefined();
    await gateway.initiateAuth(srpStart);
    expect(gateway.serverClock?.offsetMs()).toBe(60_500);
  });

  it('maps Cognito error answers to AuthError codes', async () => {
    const { fetchImpl } = scripted(
      json(400, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' }),
    );
    const gateway = createSdkGateway(config, { fetch: fetchImpl });
    await expect(gateway.initiateAuth(srpStart)).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      httpStatus: 400,
    });
  });
});
