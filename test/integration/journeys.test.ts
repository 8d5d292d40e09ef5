import { afterEach, describe, expect, it } from 'vitest';
import { BOB_TOTP_SECRET, ERIN_TOTP_SECRET } from '../../local-pool/seed';
import { expectStep, PASSWORD, seedWithoutUserAuth, startHarness, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const A = 'demo-public';
const start = (username: string, extra: Record<string, unknown> = {}) =>
  h.flow({ type: 'startSignIn', accountId: A, username, password: PASSWORD, ...extra });

describe('demo users, full journeys to DONE (USER_SRP_AUTH unless noted)', () => {
  it('alice: straight to DONE', async () => {
    h = await startHarness();
    const flow = await start('alice');
    expectStep(flow, 'DONE');
    expect(flow.step.name === 'DONE' && flow.step.user).toMatchObject({
      username: 'alice',
      email: 'alice@example.com',
    });
  });

  it('bob: TOTP code', async () => {
    h = await startHarness();
    expectStep(await start('bob'), 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    expectStep(await h.answer(A, { kind: 'code', code: await h.totp(BOB_TOTP_SECRET) }), 'DONE');
  });

  it('carol: SMS code from the outbox', async () => {
    h = await startHarness();
    const flow = await start('carol');
    expectStep(flow, 'CONFIRM_SIGN_IN_WITH_SMS_CODE');
    expect(
      flow.step.name === 'CONFIRM_SIGN_IN_WITH_SMS_CODE' &&
        flow.step.codeDeliveryDetails.deliveryMedium,
    ).toBe('SMS');
    expectStep(await h.answer(A, { kind: 'code', code: h.latestCode('carol') }), 'DONE');
  });

  it('dave: email code', async () => {
    h = await startHarness();
    expectStep(await start('dave'), 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    expectStep(await h.answer(A, { kind: 'code', code: h.latestCode('dave') }), 'DONE');
  });

  it('erin: MFA selection, then TOTP', async () => {
    h = await startHarness();
    const flow = await start('erin');
    expectStep(flow, 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION');
    expect(
      flow.step.name === 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION' && flow.step.allowedMFATypes.sort(),
    ).toEqual(['SMS', 'TOTP']);
    expectStep(
      await h.answer(A, { kind: 'selectMfa', mfa: 'TOTP' }),
      'CONFIRM_SIGN_IN_WITH_TOTP_CODE',
    );
    expectStep(await h.answer(A, { kind: 'code', code: await h.totp(ERIN_TOTP_SECRET) }), 'DONE');
  });

  it('erin: MFA selection, then SMS', async () => {
    h = await startHarness();
    await start('erin');
    expectStep(
      await h.answer(A, { kind: 'selectMfa', mfa: 'SMS' }),
      'CONFIRM_SIGN_IN_WITH_SMS_CODE',
    );
    expectStep(await h.answer(A, { kind: 'code', code: h.latestCode('erin') }), 'DONE');
  });

  it('frank: new password with the required attribute, current attributes kept for pre-fill', async () => {
    h = await startHarness();
    const flow = await h.flow({
      type: 'startSignIn',
      accountId: A,
      username: 'frank',
      password: 'TempPassw0rd!',
    });
    expectStep(flow, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
    if (flow.step.name !== 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED') return;
    expect(flow.step.missingAttributes).toEqual(['name']);
    expect(flow.step.currentAttributes.email).toBe('frank@example.com');
    expectStep(
      await h.answer(A, {
        kind: 'newPassword',
        newPassword: 'N3wPassw0rd!',
        attributes: { name: 'Frank' },
      }),
      'DONE',
    );
  });

  it('grace: unconfirmed → CONFIRM_SIGN_UP (code resent) → confirmed → auto sign-in → DONE', async () => {
    h = await startHarness();
    const flow = await start('grace');
    expectStep(flow, 'CONFIRM_SIGN_UP');
    expect(flow.canResend).toBe(true);
    const confirmed = await h.answer(A, { kind: 'confirmSignUp', code: h.latestCode('grace') });
    expectStep(confirmed, 'DONE');
    expect(confirmed.step.name === 'DONE' && confirmed.step.user.username).toBe('grace');
  });

  it('grace on a client without USER_AUTH: confirmed → SIGN_IN with the notice → sign in', async () => {
    h = await startHarness({ config: seedWithoutUserAuth() });
    expectStep(await start('grace'), 'CONFIRM_SIGN_UP');
    const confirmed = await h.answer(A, { kind: 'confirmSignUp', code: h.latestCode('grace') });
    expectStep(confirmed, 'SIGN_IN');
    expect(confirmed.username).toBe('grace');
    expect(confirmed.notice).toMatch(/confirmed/);
    expectStep(await start('grace'), 'DONE');
  });

  it('heidi: reset required → code sent → new password → sign in', async () => {
    h = await startHarness();
    const flow = await start('heidi');
    expectStep(flow, 'RESET_PASSWORD');
    expect(flow.step.name === 'RESET_PASSWORD' && flow.step.phase).toBe('CONFIRM');
    const reset = await h.answer(A, {
      kind: 'resetConfirm',
      code: h.latestCode('heidi'),
      newPassword: 'N3wPassw0rd!',
    });
    expectStep(reset, 'SIGN_IN');
    expect(reset.notice).toMatch(/password was changed/);
    expectStep(
      await h.flow({
        type: 'startSignIn',
        accountId: A,
        username: 'heidi',
        password: 'N3wPassw0rd!',
      }),
      'DONE',
    );
  });

  it('ivan: CUSTOM_AUTH without SRP, code from his email', async () => {
    h = await startHarness();
    const flow = await h.flow({
      type: 'startSignIn',
      accountId: A,
      username: 'ivan',
      authFlow: 'CUSTOM_AUTH',
    });
    expectStep(flow, 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
    expectStep(
      await h.answer(A, { kind: 'customChallenge', answer: h.latestCode('ivan') }),
      'DONE',
    );
  });

  it('ivan: CUSTOM_AUTH with SRP first', async () => {
    h = await startHarness();
    const flow = await start('ivan', { authFlow: 'CUSTOM_WITH_SRP' });
    expectStep(flow, 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
    expectStep(
      await h.answer(A, { kind: 'customChallenge', answer: h.latestCode('ivan') }),
      'DONE',
    );
  });

  it('judy: USER_AUTH first-factor selection → EMAIL_OTP', async () => {
    h = await startHarness();
    const flow = await h.flow({
      type: 'startSignIn',
      accountId: A,
      username: 'judy',
      authFlow: 'USER_AUTH',
    });
    expectStep(flow, 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION');
    expect(
      flow.step.name === 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION' &&
        flow.step.availableChallenges.sort(),
    ).toEqual(['EMAIL_OTP', 'PASSWORD', 'PASSWORD_SRP', 'SMS_OTP']);
    expectStep(
      await h.answer(A, { kind: 'selectFirstFactor', factor: 'EMAIL_OTP' }),
      'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
    );
    expectStep(await h.answer(A, { kind: 'code', code: h.latestCode('judy') }), 'DONE');
  });

  it('judy: USER_AUTH selection → SMS_OTP', async () => {
    h = await startHarness();
    await h.flow({ type: 'startSignIn', accountId: A, username: 'judy', authFlow: 'USER_AUTH' });
    expectStep(
      await h.answer(A, { kind: 'selectFirstFactor', factor: 'SMS_OTP' }),
      'CONFIRM_SIGN_IN_WITH_SMS_CODE',
    );
    expectStep(await h.answer(A, { kind: 'code', code: h.latestCode('judy') }), 'DONE');
  });

  it.each(['PASSWORD', 'PASSWORD_SRP'] as const)(
    'judy: USER_AUTH selection → %s',
    async (factor) => {
      h = await startHarness();
      await h.flow({ type: 'startSignIn', accountId: A, username: 'judy', authFlow: 'USER_AUTH' });
      expectStep(
        await h.answer(A, { kind: 'selectFirstFactor', factor }),
        'CONFIRM_SIGN_IN_WITH_PASSWORD',
      );
      expectStep(await h.answer(A, { kind: 'password', password: PASSWORD }), 'DONE');
    },
  );

  it.each(['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'] as const)(
    'judy: USER_AUTH with preferred %s',
    async (preferredChallenge) => {
      h = await startHarness();
      const flow = await h.flow({
        type: 'startSignIn',
        accountId: A,
        username: 'judy',
        authFlow: 'USER_AUTH',
        preferredChallenge,
        ...(preferredChallenge !== 'EMAIL_OTP' && { password: PASSWORD }),
      });
      if (preferredChallenge === 'EMAIL_OTP') {
        expectStep(flow, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
        expectStep(await h.answer(A, { kind: 'code', code: h.latestCode('judy') }), 'DONE');
      } else {
        expectStep(flow, 'DONE');
      }
    },
  );

  it('alice: USER_PASSWORD_AUTH', async () => {
    h = await startHarness();
    expectStep(await start('alice', { authFlow: 'USER_PASSWORD_AUTH' }), 'DONE');
  });

  it('mallory (strict): MFA setup selection → TOTP setup with otpauth URI → DONE', async () => {
    h = await startHarness();
    const flow = await h.flow({
      type: 'startSignIn',
      accountId: 'strict',
      username: 'mallory',
      password: PASSWORD,
    });
    expectStep(flow, 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION');
    expect(
      flow.step.name === 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION' && flow.step.allowedMFATypes,
    ).toEqual(['TOTP', 'EMAIL']);
    const setup = await h.answer('strict', { kind: 'selectMfaSetup', mfa: 'TOTP' });
    expectStep(setup, 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
    if (setup.step.name !== 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP') return;
    const { sharedSecret, otpauthUri } = setup.step.totpSetupDetails;
    expect(otpauthUri).toBe(
      `otpauth://totp/Strict%20pool:mallory?secret=${sharedSecret}&issuer=Strict%20pool&algorithm=SHA1&digits=6&period=30`,
    );
    expectStep(
      await h.answer('strict', {
        kind: 'totpSetup',
        code: await h.totp(sharedSecret),
        deviceName: 'Laptop',
      }),
      'DONE',
    );
  });

  it('mallory (strict): MFA setup selection → email setup → email code → DONE', async () => {
    h = await startHarness();
    await h.flow({
      type: 'startSignIn',
      accountId: 'strict',
      username: 'mallory',
      password: PASSWORD,
    });
    expectStep(
      await h.answer('strict', { kind: 'selectMfaSetup', mfa: 'EMAIL' }),
      'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP',
    );
    expectStep(
      await h.answer('strict', { kind: 'emailSetup', email: 'mallory@example.com' }),
      'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
    );
    expectStep(await h.answer('strict', { kind: 'code', code: h.latestCode('mallory') }), 'DONE');
  });
});
