import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalPool, type LocalPool } from '../server';
import { demoSeed, DEMO_POOL_ID, DEMO_PUBLIC_CLIENT_ID } from '../seed';
import { callJson, srpSignIn } from '../srp-client';
import type { PoolConfig } from '../config';
import { SoftwareAuthenticator, type CeremonyPlace } from './software-authenticator';

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const OTHER_EXTENSION = 'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba';
const AT_EXTENSION: CeremonyPlace = { origin: EXTENSION, rpId: EXTENSION };

/** The demo seed, with the demo pool's relying party replaced. */
function seedWithRelyingParty(relyingPartyId: string): PoolConfig {
  const seed = demoSeed();
  const [demo] = seed.pools;
  if (demo === undefined) throw new Error('demo pool missing');
  demo.webAuthn = { relyingPartyId, userVerification: 'required' };
  return seed;
}

async function accessToken(url: string, username = 'alice'): Promise<string> {
  const result = await srpSignIn({
    url,
    poolId: DEMO_POOL_ID,
    clientId: DEMO_PUBLIC_CLIENT_ID,
    username,
    password: 'Passw0rd!',
  });
  const tokens = result.body.AuthenticationResult as { AccessToken: string };
  return tokens.AccessToken;
}

async function register(
  url: string,
  token: string,
  authenticator: SoftwareAuthenticator,
  place: CeremonyPlace,
) {
  const started = await callJson(url, 'StartWebAuthnRegistration', { AccessToken: token });
  const options = started.body.CredentialCreationOptions as Parameters<
    SoftwareAuthenticator['create']
  >[0];
  const credential = authenticator.create(options, place);
  return callJson(url, 'CompleteWebAuthnRegistration', {
    AccessToken: token,
    Credential: credential,
  });
}

async function startPasskeySignIn(url: string, username = 'alice') {
  return callJson(url, 'InitiateAuth', {
    AuthFlow: 'USER_AUTH',
    ClientId: DEMO_PUBLIC_CLIENT_ID,
    AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'WEB_AUTHN' },
  });
}

function answer(url: string, session: unknown, credential: unknown) {
  return callJson(url, 'RespondToAuthChallenge', {
    ClientId: DEMO_PUBLIC_CLIENT_ID,
    ChallengeName: 'WEB_AUTHN',
    Session: session,
    ChallengeResponses: { USERNAME: 'alice', CREDENTIAL: JSON.stringify(credential) },
  });
}

describe('passkeys on the demo seed (any extension origin)', () => {
  let pool: LocalPool;
  beforeAll(async () => {
    pool = await startLocalPool({ port: 0, quiet: true });
  });
  afterAll(() => pool.close());
  beforeEach(async () => {
    await fetch(`${pool.url}/_local/reset`, { method: 'POST' });
  });

  it('StartWebAuthnRegistration returns Cognito-shaped creation options without rp.id', async () => {
    const token = await accessToken(pool.url);
    const started = await callJson(pool.url, 'StartWebAuthnRegistration', { AccessToken: token });
    expect(started.ok).toBe(true);
    const options = started.body.CredentialCreationOptions as Record<string, unknown>;
    expect(options).toMatchObject({
      rp: { name: 'demo' },
      user: { name: 'alice', displayName: 'Alice' },
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ],
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      excludeCredentials: [],
    });
    expect(options.rp).not.toHaveProperty('id');
    expect(options.challenge).toMatch(/^[\w-]{43}$/);
  });

  it('registers, lists, signs in with WEB_AUTHN and deletes', async () => {
    const token = await accessToken(pool.url);
    const authenticator = new SoftwareAuthenticator();
    expect(await register(pool.url, token, authenticator, AT_EXTENSION)).toEqual({
      ok: true,
      body: {},
    });

    const listed = await callJson(pool.url, 'ListWebAuthnCredentials', { AccessToken: token });
    const credentials = listed.body.Credentials as Record<string, unknown>[];
    expect(credentials).toHaveLength(1);
    expect(credentials[0]).toMatchObject({
      RelyingPartyId: EXTENSION,
      AuthenticatorAttachment: 'platform',
      AuthenticatorTransports: ['internal'],
    });
    expect(credentials[0]?.FriendlyCredentialName).toBe('Passkey on this device');
    expect(typeof credentials[0]?.CreatedAt).toBe('number');

    const challenge = await startPasskeySignIn(pool.url);
    expect(challenge.body.ChallengeName).toBe('WEB_AUTHN');
    const parameters = challenge.body.ChallengeParameters as Record<string, string>;
    const requestOptions = JSON.parse(parameters.CREDENTIAL_REQUEST_OPTIONS ?? '') as {
      challenge: string;
      allowCredentials: { id: string }[];
      userVerification: string;
    };
    expect(requestOptions.allowCredentials.map((entry) => entry.id)).toEqual([
      credentials[0]?.CredentialId,
    ]);
    expect(requestOptions).not.toHaveProperty('rpId');
    expect(requestOptions.userVerification).toBe('required');

    const signedIn = await answer(
      pool.url,
      challenge.body.Session,
      authenticator.get(requestOptions, AT_EXTENSION),
    );
    expect(signedIn.body).toHaveProperty('AuthenticationResult.AccessToken');

    const deleted = await callJson(pool.url, 'DeleteWebAuthnCredential', {
      AccessToken: token,
      CredentialId: credentials[0]?.CredentialId,
    });
    expect(deleted).toEqual({ ok: true, body: {} });
    const after = await callJson(pool.url, 'ListWebAuthnCredentials', { AccessToken: token });
    expect(after.body.Credentials).toEqual([]);
    // Without a passkey WEB_AUTHN is no longer offered: the preferred challenge falls back to selection.
    const fallback = await startPasskeySignIn(pool.url);
    expect(fallback.body.ChallengeName).toBe('SELECT_CHALLENGE');
    expect(fallback.body.AvailableChallenges).not.toContain('WEB_AUTHN');
  });

  it('offers WEB_AUTHN in SELECT_CHALLENGE once the user has a passkey, and the answer opens it', async () => {
    const token = await accessToken(pool.url);
    const authenticator = new SoftwareAuthenticator();
    await register(pool.url, token, authenticator, AT_EXTENSION);
    const selection = await callJson(pool.url, 'InitiateAuth', {
      AuthFlow: 'USER_AUTH',
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      AuthParameters: { USERNAME: 'alice' },
    });
    expect(selection.body.AvailableChallenges).toEqual([
      'PASSWORD',
      'PASSWORD_SRP',
      'EMAIL_OTP',
      'WEB_AUTHN',
    ]);
    const selected = await callJson(pool.url, 'RespondToAuthChallenge', {
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      ChallengeName: 'SELECT_CHALLENGE',
      Session: selection.body.Session,
      ChallengeResponses: { USERNAME: 'alice', ANSWER: 'WEB_AUTHN' },
    });
    expect(selected.body.ChallengeName).toBe('WEB_AUTHN');
    const options = JSON.parse(
      (selected.body.ChallengeParameters as Record<string, string>).CREDENTIAL_REQUEST_OPTIONS ??
        '',
    ) as { challenge: string };
    const signedIn = await answer(
      pool.url,
      selected.body.Session,
      authenticator.get(options, AT_EXTENSION),
    );
    expect(signedIn.body).toHaveProperty('AuthenticationResult.IdToken');
  });

  it('refuses a replayed assertion, another challenge, and a signature by another key', async () => {
    const token = await accessToken(pool.url);
    const authenticator = new SoftwareAuthenticator();
    await register(pool.url, token, authenticator, AT_EXTENSION);
    const first = await startPasskeySignIn(pool.url);
    const options = JSON.parse(
      (first.body.ChallengeParameters as Record<string, string>).CREDENTIAL_REQUEST_OPTIONS ?? '',
    ) as { challenge: string };
    const assertion = authenticator.get(options, AT_EXTENSION);
    expect((await answer(pool.url, first.body.Session, assertion)).ok).toBe(true);

    const second = await startPasskeySignIn(pool.url);
    const replay = await answer(pool.url, second.body.Session, assertion);
    expect(replay.body.__type).toBe('NotAuthorizedException');
    expect(String(replay.body.message)).toMatch(/challenge/i);

    const third = await startPasskeySignIn(pool.url);
    const thirdOptions = JSON.parse(
      (third.body.ChallengeParameters as Record<string, string>).CREDENTIAL_REQUEST_OPTIONS ?? '',
    ) as { challenge: string };
    const forged = authenticator.get(thirdOptions, AT_EXTENSION);
    const tampered = {
      ...forged,
      response: {
        ...forged.response,
        signature: authenticator.get(thirdOptions, AT_EXTENSION).response.authenticatorData,
      },
    };
    const refused = await answer(pool.url, third.body.Session, tampered);
    expect(refused.body.__type).toBe('NotAuthorizedException');
  });

  it('refuses an assertion without user verification when the pool requires it', async () => {
    const token = await accessToken(pool.url);
    const authenticator = new SoftwareAuthenticator();
    await register(pool.url, token, authenticator, AT_EXTENSION);
    const started = await startPasskeySignIn(pool.url);
    const options = JSON.parse(
      (started.body.ChallengeParameters as Record<string, string>).CREDENTIAL_REQUEST_OPTIONS ?? '',
    ) as { challenge: string };
    const refused = await answer(
      pool.url,
      started.body.Session,
      authenticator.get(options, { ...AT_EXTENSION, userVerified: false }),
    );
    expect(refused.body.__type).toBe('NotAuthorizedException');
    expect(String(refused.body.message)).toMatch(/verif/i);
  });

  it('a passkey made under one extension cannot sign in from another', async () => {
    const token = await accessToken(pool.url);
    const authenticator = new SoftwareAuthenticator();
    await register(pool.url, token, authenticator, AT_EXTENSION);
    const started = await startPasskeySignIn(pool.url);
    const options = JSON.parse(
      (started.body.ChallengeParameters as Record<string, string>).CREDENTIAL_REQUEST_OPTIONS ?? '',
    ) as { challenge: string };
    const assertion = authenticator.get(options, AT_EXTENSION);
    const other = JSON.parse(
      Buffer.from(assertion.response.clientDataJSON, 'base64url').toString(),
    ) as Record<string, unknown>;
    const moved = {
      ...assertion,
      response: {
        ...assertion.response,
        clientDataJSON: Buffer.from(JSON.stringify({ ...other, origin: OTHER_EXTENSION })).toString(
          'base64url',
        ),
      },
    };
    const refused = await answer(pool.url, started.body.Session, moved);
    expect(refused.body.__type).toBe('WebAuthnRelyingPartyMismatchException');
  });

  it('CompleteWebAuthnRegistration needs a started registration and spends it once', async () => {
    const token = await accessToken(pool.url);
    const authenticator = new SoftwareAuthenticator();
    const started = await callJson(pool.url, 'StartWebAuthnRegistration', { AccessToken: token });
    const credential = authenticator.create(
      started.body.CredentialCreationOptions as Parameters<SoftwareAuthenticator['create']>[0],
      AT_EXTENSION,
    );
    expect(
      (
        await callJson(pool.url, 'CompleteWebAuthnRegistration', {
          AccessToken: token,
          Credential: credential,
        })
      ).ok,
    ).toBe(true);
    const again = await callJson(pool.url, 'CompleteWebAuthnRegistration', {
      AccessToken: token,
      Credential: credential,
    });
    expect(again.body.__type).toBe('WebAuthnChallengeNotFoundException');
  });

  it('refuses a web origin for an extension relying party, and deleting an unknown passkey', async () => {
    const token = await accessToken(pool.url);
    const refused = await register(pool.url, token, new SoftwareAuthenticator(), {
      origin: 'https://example.com',
      rpId: 'example.com',
    });
    expect(refused.body.__type).toBe('WebAuthnOriginNotAllowedException');
    const missing = await callJson(pool.url, 'DeleteWebAuthnCredential', {
      AccessToken: token,
      CredentialId: 'nope',
    });
    expect(missing.body.__type).toBe('ResourceNotFoundException');
  });
});

describe('passkeys with a web-domain relying party (as on Cognito)', () => {
  let pool: LocalPool;
  beforeAll(async () => {
    pool = await startLocalPool({
      port: 0,
      quiet: true,
      config: seedWithRelyingParty('localhost'),
    });
  });
  afterAll(() => pool.close());

  it('carries rp.id, accepts http://localhost:<port>, refuses an extension page', async () => {
    const token = await accessToken(pool.url);
    const started = await callJson(pool.url, 'StartWebAuthnRegistration', { AccessToken: token });
    expect(started.body.CredentialCreationOptions).toMatchObject({ rp: { id: 'localhost' } });

    const fromExtension = await register(
      pool.url,
      token,
      new SoftwareAuthenticator(),
      AT_EXTENSION,
    );
    expect(fromExtension.body.__type).toBe('WebAuthnOriginNotAllowedException');

    const authenticator = new SoftwareAuthenticator();
    const site = { origin: 'http://localhost:5173', rpId: 'localhost' };
    expect((await register(pool.url, token, authenticator, site)).ok).toBe(true);
    const challenge = await startPasskeySignIn(pool.url);
    const options = JSON.parse(
      (challenge.body.ChallengeParameters as Record<string, string>).CREDENTIAL_REQUEST_OPTIONS ??
        '',
    ) as { challenge: string; rpId: string };
    expect(options.rpId).toBe('localhost');
    expect(
      (await answer(pool.url, challenge.body.Session, authenticator.get(options, site))).body,
    ).toHaveProperty('AuthenticationResult.AccessToken');
  });
});

describe('a pool without passkeys', () => {
  it('answers WebAuthnNotEnabledException', async () => {
    const seed = demoSeed();
    for (const each of seed.pools) delete each.webAuthn;
    const pool = await startLocalPool({ port: 0, quiet: true, config: seed });
    try {
      const token = await accessToken(pool.url);
      const started = await callJson(pool.url, 'StartWebAuthnRegistration', { AccessToken: token });
      expect(started.body.__type).toBe('WebAuthnNotEnabledException');
    } finally {
      await pool.close();
    }
  });
});
