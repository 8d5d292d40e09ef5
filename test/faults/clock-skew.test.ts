/**
 * The client's clock 10 minutes off, the pool's right. Cognito (and the local pool) refuse an SRP
 * PASSWORD_VERIFIER whose TIMESTAMP is more than 5 minutes from their clock, so the gateway
 * measures Cognito's clock from the answers' Date header and the runner writes TIMESTAMPs in it.
 * Token expiry is computed with the drift measured from the token's iat (clockDriftMs), so the
 * refresh is scheduled on the local clock at the right moment.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT, PASSWORD, startFaultHarness, type FaultHarness } from './fault-harness';

let h: FaultHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const TEN_MINUTES = 10 * 60_000;
const signIn = (harness: FaultHarness, username: string) =>
  harness.state({ type: 'startSignIn', accountId: ACCOUNT, username, password: PASSWORD });

describe.each([
  ['10 minutes fast', TEN_MINUTES],
  ['10 minutes slow', -TEN_MINUTES],
])('client clock %s', (_name, skew) => {
  it('SRP sign-in works: the TIMESTAMP is written in Cognito’s time', async () => {
    h = await startFaultHarness({ clientSkewMs: skew });
    const state = await signIn(h, 'alice');
    expect(state.flow?.error).toBeUndefined();
    expect(state.flow?.step.name).toBe('DONE');
  });

  it('an MFA sign-in (SRP, then an SMS code) works too', async () => {
    h = await startFaultHarness({ clientSkewMs: skew });
    expect((await signIn(h, 'carol')).flow?.step.name).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
    const done = await h.state({
      type: 'answer',
      accountId: ACCOUNT,
      answer: { kind: 'code', code: h.latestCode('carol') },
    });
    expect(done.flow?.step.name).toBe('DONE');
  });

  it('token expiry and the refresh alarm are on the local clock, corrected by the measured drift', async () => {
    h = await startFaultHarness({ clientSkewMs: skew, staySignedIn: true });
    await signIn(h, 'alice');
    const tokens = await h.bg.vault.load(ACCOUNT);
    if (!tokens) throw new Error('no tokens');
    // iat is the pool's (real) time: the drift is minus the skew, to within the test's latency.
    expect(Math.abs(tokens.clockDriftMs + skew)).toBeLessThan(5_000);
    // A one-hour access token expires one hour from now on the local clock, not 50 or 70 min.
    const expiresIn = tokens.accessTokenExpiresAt - h.now();
    expect(Math.abs(expiresIn - 3_600_000)).toBeLessThan(5_000);
    const alarm = await fakeBrowser.alarms.get(`refresh:${ACCOUNT}`);
    expect(alarm?.scheduledTime).toBe(tokens.accessTokenExpiresAt - 5 * 60_000);
    // And that refresh, when it comes, works.
    h.advance(56 * 60_000);
    expect(await h.bg.refresher.refresh(ACCOUNT)).toMatchObject({ kind: 'refreshed' });
  });
});

describe('without the correction', () => {
  it('the same skew is refused by the pool: what the correction is for', async () => {
    h = await startFaultHarness({ clientSkewMs: TEN_MINUTES, withoutServerClock: true });
    const state = await signIn(h, 'alice');
    expect(state.flow?.step.name).toBe('SIGN_IN');
    expect(state.flow?.error?.code).toBe('NotAuthorizedException');
  });

  it('a skew under the 2 s noise floor is left alone', async () => {
    h = await startFaultHarness({ clientSkewMs: 1_000 });
    expect((await signIn(h, 'alice')).flow?.step.name).toBe('DONE');
  });
});
