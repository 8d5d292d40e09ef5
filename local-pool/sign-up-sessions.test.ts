import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { startLocalPool, type LocalPool } from './server';
import { DEMO_PUBLIC_CLIENT_ID, STRICT_PUBLIC_CLIENT_ID, demoSeed } from './seed';
import { callJson } from './srp-client';

const PASSWORD_ONLY_CLIENT = 'passwordonlyclient000000000';
const OTHER_CLIENT = 'otherpublicclient000000000';

let pool: LocalPool;
beforeAll(async () => {
  const config = demoSeed();
  const demo = config.pools[0];
  if (!demo) throw new Error('demo pool missing from the seed');
  demo.clients.push(
    {
      id: PASSWORD_ONLY_CLIENT,
      explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    },
    { id: OTHER_CLIENT },
  );
  pool = await startLocalPool({ port: 0, quiet: true, config });
});
afterAll(() => pool.close());
beforeEach(async () => {
  await fetch(`${pool.url}/_local/reset`, { method: 'POST' });
});

const call = (operation: string, body: unknown) => callJson(pool.url, operation, body);

function lastCodeFor(username: string): string {
  const message = pool
    .outbox()
    .filter((sent) => sent.username === username)
    .at(-1);
  if (!message) throw new Error(`no code for ${username}`);
  return message.code;
}

const signUp = (username: string, clientId = DEMO_PUBLIC_CLIENT_ID) =>
  call('SignUp', {
    ClientId: clientId,
    Username: username,
    Password: 'Passw0rd!',
    UserAttributes: [
      { Name: 'email', Value: `${username}@example.com` },
      { Name: 'name', Value: 'Pat' },
    ],
  });

const confirm = (username: string, extra: Record<string, unknown> = {}) =>
  call('ConfirmSignUp', {
    ClientId: DEMO_PUBLIC_CLIENT_ID,
    Username: username,
    ConfirmationCode: lastCodeFor(username),
    ...extra,
  });

const autoSignIn = (username: string, session: unknown, clientId = DEMO_PUBLIC_CLIENT_ID) =>
  call('InitiateAuth', {
    AuthFlow: 'USER_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: username },
    Session: session,
  });

const INVALID = { __type: 'NotAuthorizedException', message: 'Invalid session for the user.' };

async function confirmedWithSession(username: string): Promise<string> {
  const signedUp = await signUp(username);
  const confirmed = await confirm(username, { Session: signedUp.body.Session });
  const session = confirmed.body.Session;
  if (typeof session !== 'string') throw new Error(JSON.stringify(confirmed.body));
  return session;
}

describe('sign-up Sessions (auto sign-in after ConfirmSignUp)', () => {
  it('SignUp → ConfirmSignUp(Session) → InitiateAuth USER_AUTH(Session) issues tokens', async () => {
    const signedUp = await signUp('pat');
    expect(typeof signedUp.body.Session).toBe('string');
    const confirmed = await confirm('pat', { Session: signedUp.body.Session });
    expect(confirmed.ok).toBe(true);
    expect(typeof confirmed.body.Session).toBe('string');
    expect(confirmed.body.Session).not.toBe(signedUp.body.Session);

    const signedIn = await autoSignIn('pat', confirmed.body.Session);
    expect(signedIn.body.ChallengeName).toBeUndefined();
    const result = signedIn.body.AuthenticationResult as { IdToken: string } | undefined;
    expect(result).toBeDefined();
    expect(decodeJwt(result?.IdToken ?? '')['cognito:username']).toBe('pat');
  });

  it('is single-use', async () => {
    const session = await confirmedWithSession('pat');
    expect((await autoSignIn('pat', session)).ok).toBe(true);
    expect((await autoSignIn('pat', session)).body).toEqual(INVALID);
  });

  it('ConfirmSignUp without the SignUp Session still returns one (Amplify does not send it)', async () => {
    await signUp('pat');
    const confirmed = await confirm('pat');
    expect(typeof confirmed.body.Session).toBe('string');
    expect((await autoSignIn('PAT', confirmed.body.Session)).ok).toBe(true);
  });

  it('refuses another user, another client and a sign-up (not auto sign-in) Session', async () => {
    const patSession = await confirmedWithSession('pat');
    const quinnSession = await confirmedWithSession('quinn');
    expect((await autoSignIn('quinn', patSession)).body).toEqual(INVALID);
    expect((await autoSignIn('quinn', quinnSession, OTHER_CLIENT)).body).toEqual(INVALID);

    const rita = await signUp('rita');
    await confirm('rita');
    expect((await autoSignIn('rita', rita.body.Session)).body).toEqual(INVALID);
  });

  it('expires with the app client AuthSessionValidity (3 minutes)', async () => {
    const session = await confirmedWithSession('pat');
    await fetch(`${pool.url}/_local/clock`, {
      method: 'POST',
      body: JSON.stringify({ advanceMs: 3 * 60_000 + 1 }),
    });
    expect((await autoSignIn('pat', session)).body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
  });

  it('a wrong code keeps the SignUp Session; an invalid one confirms nothing', async () => {
    const signedUp = await signUp('pat');
    const code = lastCodeFor('pat');
    const wrongCode = `${(Number(code[0]) + 1) % 10}${code.slice(1)}`;
    const wrong = await confirm('pat', {
      Session: signedUp.body.Session,
      ConfirmationCode: wrongCode,
    });
    expect(wrong.body.__type).toBe('CodeMismatchException');
    expect((await confirm('pat', { Session: 'forged' })).body).toEqual(INVALID);
    const confirmed = await confirm('pat', { Session: signedUp.body.Session });
    expect(typeof confirmed.body.Session).toBe('string');
  });

  it('RespondToAuthChallenge cannot spend a sign-up Session', async () => {
    const session = await confirmedWithSession('pat');
    const answered = await call('RespondToAuthChallenge', {
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      ChallengeName: 'auto sign-in',
      Session: session,
      ChallengeResponses: { USERNAME: 'pat' },
    });
    expect(answered.body).toEqual(INVALID);
    expect((await autoSignIn('pat', session)).ok).toBe(true);
  });

  it('clients without ALLOW_USER_AUTH get no Session', async () => {
    const signedUp = await signUp('pat', PASSWORD_ONLY_CLIENT);
    expect(signedUp.ok).toBe(true);
    expect(signedUp.body).not.toHaveProperty('Session');
    const confirmed = await confirm('pat', { ClientId: PASSWORD_ONLY_CLIENT });
    expect(confirmed.body).toEqual({});
  });

  it('MFA the pool requires still applies (strict pool: MFA_SETUP)', async () => {
    await call('SignUp', {
      ClientId: STRICT_PUBLIC_CLIENT_ID,
      Username: 'sam',
      Password: 'Passw0rd!',
      UserAttributes: [{ Name: 'email', Value: 'sam@example.com' }],
    });
    const confirmed = await call('ConfirmSignUp', {
      ClientId: STRICT_PUBLIC_CLIENT_ID,
      Username: 'sam',
      ConfirmationCode: lastCodeFor('sam'),
    });
    const signedIn = await autoSignIn('sam', confirmed.body.Session, STRICT_PUBLIC_CLIENT_ID);
    expect(signedIn.body.ChallengeName).toBe('MFA_SETUP');
    expect(signedIn.body).not.toHaveProperty('AuthenticationResult');
  });
});
