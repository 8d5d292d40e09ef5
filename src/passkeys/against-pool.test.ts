/**
 * The extension's passkey code against the running local pool: the handler and gateway call the
 * real operations, the ceremony code translates real options and credentials, and a software
 * authenticator (local-pool/webauthn) plays the browser's authenticator.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalPool, type LocalPool } from '../../local-pool/server';
import { demoSeed, DEMO_POOL_ID, DEMO_PUBLIC_CLIENT_ID } from '../../local-pool/seed';
import { callJson, srpSignIn } from '../../local-pool/srp-client';
import { SoftwareAuthenticator } from '../../local-pool/webauthn/software-authenticator';
import type { CognitoClientConfig } from '../cognito/gateway';
import { createPasskey, getPasskeyAssertion, type CeremonyPlace } from './ceremony';
import { createPasskeyHandler } from './handler';
import type { PasskeyRequest } from './messages';
import { createPasskeyGateway } from './passkey-gateway';
import { fromBase64Url, toBase64Url } from './webauthn-json';

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXTENSION_ID}`;

interface ResponseJson {
  id: string;
  rawId: string;
  type: string;
  authenticatorAttachment: string;
  response: Record<string, string | string[]>;
}

/** The JSON the software authenticator writes, shaped back into a PublicKeyCredential. */
function asBrowserCredential(json: ResponseJson) {
  const field = (name: string) => {
    const value = json.response[name];
    return typeof value === 'string' ? fromBase64Url(value) : undefined;
  };
  const transports = json.response.transports;
  return {
    id: json.id,
    rawId: fromBase64Url(json.rawId),
    type: json.type,
    authenticatorAttachment: json.authenticatorAttachment,
    getClientExtensionResults: () => ({}),
    response: {
      clientDataJSON: field('clientDataJSON') ?? new ArrayBuffer(0),
      attestationObject: field('attestationObject'),
      authenticatorData: field('authenticatorData'),
      signature: field('signature'),
      userHandle: field('userHandle') ?? null,
      getTransports: () => (Array.isArray(transports) ? transports : []),
    },
  };
}

/** `navigator.credentials` of an extension page, over a software authenticator. */
function extensionPage(authenticator: SoftwareAuthenticator, userVerified = true): CeremonyPlace {
  const place = { origin: ORIGIN, rpId: ORIGIN, userVerified };
  return {
    here: EXTENSION_ID,
    credentials: {
      create: ({ publicKey }) =>
        Promise.resolve(
          asBrowserCredential(
            authenticator.create(
              {
                challenge: toBase64Url(publicKey.challenge as ArrayBuffer),
                user: { id: toBase64Url(publicKey.user.id as ArrayBuffer) },
              },
              place,
            ) as ResponseJson,
          ),
        ),
      get: ({ publicKey }) =>
        Promise.resolve(
          asBrowserCredential(
            authenticator.get(
              {
                challenge: toBase64Url(publicKey.challenge as ArrayBuffer),
                allowCredentials: (publicKey.allowCredentials ?? []).map((entry) => ({
                  id: toBase64Url(entry.id as ArrayBuffer),
                })),
              },
              place,
            ) as ResponseJson,
          ),
        ),
    },
  };
}

let pool: LocalPool;
let config: CognitoClientConfig;
beforeAll(async () => {
  pool = await startLocalPool({ port: 0, quiet: true });
  config = {
    region: 'us-east-1',
    userPoolId: DEMO_POOL_ID,
    clientId: DEMO_PUBLIC_CLIENT_ID,
    endpoint: pool.url,
  };
});
afterAll(() => pool.close());
beforeEach(async () => {
  await fetch(`${pool.url}/_local/reset`, { method: 'POST' });
});

async function signedInHandler() {
  const signedIn = await srpSignIn({
    url: pool.url,
    poolId: DEMO_POOL_ID,
    clientId: DEMO_PUBLIC_CLIENT_ID,
    username: 'alice',
    password: 'Passw0rd!',
  });
  const token = (signedIn.body.AuthenticationResult as { AccessToken: string }).AccessToken;
  return createPasskeyHandler({
    account: (id) => Promise.resolve(id === 'demo' ? config : undefined),
    accessToken: () => Promise.resolve(token),
    gatewayFor: (each) => createPasskeyGateway(each),
  });
}

async function register(handle: Awaited<ReturnType<typeof signedInHandler>>, place: CeremonyPlace) {
  const started = await handle({ type: 'passkeys:startRegistration', accountId: 'demo' });
  if (!started.ok || started.creationOptions === undefined) throw new Error('no options');
  const made = await createPasskey(place, started.creationOptions);
  if (!made.ok) throw new Error(made.error.code);
  const credential = made.credential as Extract<
    PasskeyRequest,
    { type: 'passkeys:completeRegistration' }
  >['credential'];
  return handle({ type: 'passkeys:completeRegistration', accountId: 'demo', credential });
}

describe('passkeys from the extension against the local pool', () => {
  it('registers, lists, signs in with WEB_AUTHN and deletes', async () => {
    const handle = await signedInHandler();
    const authenticator = new SoftwareAuthenticator();
    const place = extensionPage(authenticator);
    expect(await handle({ type: 'passkeys:list', accountId: 'demo' })).toEqual({
      ok: true,
      passkeys: [],
    });

    const completed = await register(handle, place);
    if (!completed.ok) throw new Error(completed.error.message);
    expect(completed.passkeys).toHaveLength(1);
    const [passkey] = completed.passkeys;
    expect(passkey).toMatchObject({ relyingPartyId: ORIGIN, authenticatorAttachment: 'platform' });
    expect(Math.abs((passkey?.createdAt ?? 0) - Date.now())).toBeLessThan(60_000);

    const started = await callJson(pool.url, 'InitiateAuth', {
      AuthFlow: 'USER_AUTH',
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'WEB_AUTHN' },
    });
    const options = JSON.parse(
      (started.body.ChallengeParameters as Record<string, string>).CREDENTIAL_REQUEST_OPTIONS ??
        '{}',
    ) as Record<string, unknown>;
    const assertion = await getPasskeyAssertion(place, options);
    if (!assertion.ok) throw new Error(assertion.error.code);
    const answered = await callJson(pool.url, 'RespondToAuthChallenge', {
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      ChallengeName: 'WEB_AUTHN',
      Session: started.body.Session,
      ChallengeResponses: { USERNAME: 'alice', CREDENTIAL: JSON.stringify(assertion.credential) },
    });
    expect(answered.body).toHaveProperty('AuthenticationResult.AccessToken');

    const deleted = await handle({
      type: 'passkeys:delete',
      accountId: 'demo',
      credentialId: passkey?.credentialId ?? '',
    });
    expect(deleted).toEqual({ ok: true, passkeys: [] });
  });

  it('explains a pool without passkeys and a missing sign-in in plain words', async () => {
    const seed = demoSeed();
    for (const each of seed.pools) delete each.webAuthn;
    const bare = await startLocalPool({ port: 0, quiet: true, config: seed });
    try {
      const signedIn = await srpSignIn({
        url: bare.url,
        poolId: DEMO_POOL_ID,
        clientId: DEMO_PUBLIC_CLIENT_ID,
        username: 'alice',
        password: 'Passw0rd!',
      });
      const token = (signedIn.body.AuthenticationResult as { AccessToken: string }).AccessToken;
      const handle = createPasskeyHandler({
        account: () => Promise.resolve({ ...config, endpoint: bare.url }),
        accessToken: () => Promise.resolve(token),
        gatewayFor: (each) => createPasskeyGateway(each),
      });
      const refused = await handle({ type: 'passkeys:startRegistration', accountId: 'demo' });
      expect(refused).toMatchObject({
        ok: false,
        error: {
          code: 'WebAuthnNotEnabledException',
          message: 'This user pool does not have passkeys turned on.',
        },
      });
      if (!refused.ok) expect(refused.error.recovery).toContain('administrator');
    } finally {
      await bare.close();
    }
    const signedOut = createPasskeyHandler({
      account: () => Promise.resolve(config),
      accessToken: () => Promise.resolve(undefined),
      gatewayFor: (each) => createPasskeyGateway(each),
    });
    expect(await signedOut({ type: 'passkeys:list', accountId: 'demo' })).toMatchObject({
      ok: false,
      error: { code: 'NotSignedIn' },
    });
  });

  it('a registration whose challenge was already spent is refused with what to do', async () => {
    const handle = await signedInHandler();
    const place = extensionPage(new SoftwareAuthenticator());
    const started = await handle({ type: 'passkeys:startRegistration', accountId: 'demo' });
    if (!started.ok || started.creationOptions === undefined) throw new Error('no options');
    const made = await createPasskey(place, started.creationOptions);
    if (!made.ok) throw new Error(made.error.code);
    const credential = made.credential as Extract<
      PasskeyRequest,
      { type: 'passkeys:completeRegistration' }
    >['credential'];
    const first = await handle({
      type: 'passkeys:completeRegistration',
      accountId: 'demo',
      credential,
    });
    expect(first.ok).toBe(true);
    const again = await handle({
      type: 'passkeys:completeRegistration',
      accountId: 'demo',
      credential,
    });
    expect(again).toMatchObject({
      ok: false,
      error: {
        code: 'WebAuthnChallengeNotFoundException',
        recovery: 'Start adding the passkey again.',
      },
    });
  });
});
