/**
 * What the SDK gateway puts on the wire, seen by a bare HTTP server: no AWS signature or
 * credentials, SECRET_HASH where a secret exists, and retries only where they are safe.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSdkGateway } from '../../src/cognito/sdk-gateway';
import { secretHash } from '../../src/cognito/secret-hash';

interface Seen {
  target: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

let server: Server | undefined;
afterEach(async () => {
  const running = server;
  server = undefined;
  if (running) await new Promise((resolve) => running.close(resolve));
});

async function fakeCognito(reply: (seen: Seen) => { status: number; body: unknown }) {
  const seen: Seen[] = [];
  server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const entry: Seen = {
        target: String(request.headers['x-amz-target']),
        headers: request.headers,
        body: JSON.parse(raw) as Record<string, unknown>,
      };
      seen.push(entry);
      const { status, body } = reply(entry);
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { seen, endpoint: `http://127.0.0.1:${String(port)}` };
}

const config = (endpoint: string, clientSecret?: string) => ({
  region: 'us-east-1',
  userPoolId: 'us-east-1_Pool',
  clientId: 'client1',
  endpoint,
  ...(clientSecret !== undefined && { clientSecret }),
});

describe('SDK gateway on the wire', () => {
  it('sends no signature or credentials, and SECRET_HASH for a client with a secret', async () => {
    const { seen, endpoint } = await fakeCognito(() => ({
      status: 200,
      body: { ChallengeName: 'PASSWORD_VERIFIER', Session: 'S', ChallengeParameters: {} },
    }));
    const gateway = createSdkGateway(config(endpoint, 'sekret'));
    await gateway.initiateAuth({
      authFlow: 'USER_SRP_AUTH',
      parameters: { USERNAME: 'alice', SRP_A: 'ab' },
    });
    await gateway.respondToAuthChallenge({
      challengeName: 'SMS_MFA',
      responses: { USERNAME: 'uid', SMS_MFA_CODE: '1' },
      session: 'S',
    });
    await gateway.forgotPassword({ username: 'alice' }).catch(() => undefined);
    expect(seen.map((s) => s.target)).toEqual([
      'AWSCognitoIdentityProviderService.InitiateAuth',
      'AWSCognitoIdentityProviderService.RespondToAuthChallenge',
      'AWSCognitoIdentityProviderService.ForgotPassword',
    ]);
    for (const { headers } of seen) {
      expect(headers.authorization).toBeUndefined();
      expect(headers['x-amz-security-token']).toBeUndefined();
      expect(headers['x-amz-date']).toBeUndefined();
    }
    expect((seen[0]?.body.AuthParameters as Record<string, string>).SECRET_HASH).toBe(
      await secretHash('alice', 'client1', 'sekret'),
    );
    expect((seen[1]?.body.ChallengeResponses as Record<string, string>).SECRET_HASH).toBe(
      await secretHash('uid', 'client1', 'sekret'),
    );
    expect(seen[2]?.body.SecretHash).toBe(await secretHash('alice', 'client1', 'sekret'));
  });

  it('GetTokensFromRefreshToken sends the raw ClientSecret', async () => {
    const { seen, endpoint } = await fakeCognito(() => ({
      status: 400,
      body: { __type: 'NotAuthorizedException', message: 'no' },
    }));
    await expect(
      createSdkGateway(config(endpoint, 'sekret')).getTokensFromRefreshToken({ refreshToken: 'r' }),
    ).rejects.toMatchObject({
      code: 'NotAuthorizedException',
    });
    expect(seen[0]?.body).toMatchObject({
      ClientId: 'client1',
      ClientSecret: 'sekret',
      RefreshToken: 'r',
    });
  });

  it('retries InitiateAuth on 5xx, never RespondToAuthChallenge or VerifySoftwareToken', async () => {
    const { seen, endpoint } = await fakeCognito(() => ({
      status: 500,
      body: { __type: 'InternalErrorException', message: 'boom' },
    }));
    const gateway = createSdkGateway(config(endpoint));
    await expect(
      gateway.initiateAuth({
        authFlow: 'USER_SRP_AUTH',
        parameters: { USERNAME: 'a', SRP_A: 'ab' },
      }),
    ).rejects.toMatchObject({
      code: 'InternalErrorException',
    });
    const initiates = seen.length;
    expect(initiates).toBe(3);
    await expect(
      gateway.respondToAuthChallenge({
        challengeName: 'SMS_MFA',
        responses: { USERNAME: 'a' },
        session: 'S',
      }),
    ).rejects.toMatchObject({
      code: 'InternalErrorException',
    });
    await expect(
      gateway.verifySoftwareToken({ session: 'S', code: '123456' }),
    ).rejects.toMatchObject({ code: 'InternalErrorException' });
    expect(seen.length - initiates).toBe(2);
  });

  it('maps a connection failure to NetworkError', async () => {
    const gateway = createSdkGateway(config('http://127.0.0.1:9'));
    await expect(
      gateway.respondToAuthChallenge({
        challengeName: 'SMS_MFA',
        responses: { USERNAME: 'a' },
        session: 'S',
      }),
    ).rejects.toMatchObject({
      code: 'NetworkError',
    });
  });
});
