/**
 * Chrome may stop the service worker between any two messages. Each journey here drops every
 * in-memory object before each answer, rebuilds the background from storage, checks the popup
 * would show exactly the same step with the same data, and then finishes the flow.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BOB_TOTP_SECRET, ERIN_TOTP_SECRET } from '../../local-pool/seed';
import type { PageRequest, StepAnswer } from '../../src/platform/protocol';
import type { FlowView, StepName } from '../../src/signin/steps';
import { expectStep, PASSWORD, startHarness, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h.close();
});

type Next = (h: Harness, shown: FlowView) => Promise<StepAnswer> | StepAnswer;
interface Journey {
  name: string;
  accountId: string;
  start: Omit<Extract<PageRequest, { type: 'startSignIn' }>, 'type' | 'accountId'>;
  steps: [StepName, Next][];
}

const code =
  (username: string): Next =>
  (harness) => ({ kind: 'code', code: harness.latestCode(username) });
const totp =
  (secret: string): Next =>
  async (harness) => ({ kind: 'code', code: await harness.totp(secret) });

const journeys: Journey[] = [
  {
    name: 'bob (TOTP)',
    accountId: 'demo-public',
    start: { username: 'bob', password: PASSWORD },
    steps: [['CONFIRM_SIGN_IN_WITH_TOTP_CODE', totp(BOB_TOTP_SECRET)]],
  },
  {
    name: 'carol (SMS)',
    accountId: 'demo-public',
    start: { username: 'carol', password: PASSWORD },
    steps: [['CONFIRM_SIGN_IN_WITH_SMS_CODE', code('carol')]],
  },
  {
    name: 'dave (email)',
    accountId: 'demo-public',
    start: { username: 'dave', password: PASSWORD },
    steps: [['CONFIRM_SIGN_IN_WITH_EMAIL_CODE', code('dave')]],
  },
  {
    name: 'erin (MFA selection)',
    accountId: 'demo-public',
    start: { username: 'erin', password: PASSWORD },
    steps: [
      ['CONTINUE_SIGN_IN_WITH_MFA_SELECTION', () => ({ kind: 'selectMfa', mfa: 'TOTP' })],
      ['CONFIRM_SIGN_IN_WITH_TOTP_CODE', totp(ERIN_TOTP_SECRET)],
    ],
  },
  {
    name: 'frank (new password)',
    accountId: 'demo-public',
    start: { username: 'frank', password: 'TempPassw0rd!' },
    steps: [
      [
        'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED',
        () => ({ kind: 'newPassword', newPassword: 'N3wPassw0rd!', attributes: { name: 'Frank' } }),
      ],
    ],
  },
  {
    name: 'grace (confirm sign-up)',
    accountId: 'demo-public',
    start: { username: 'grace', password: PASSWORD },
    steps: [
      [
        'CONFIRM_SIGN_UP',
        (harness) => ({ kind: 'confirmSignUp', code: harness.latestCode('grace') }),
      ],
    ],
  },
  {
    name: 'heidi (reset)',
    accountId: 'demo-public',
    start: { username: 'heidi', password: PASSWORD },
    steps: [
      [
        'RESET_PASSWORD',
        (harness) => ({
          kind: 'resetConfirm',
          code: harness.latestCode('heidi'),
          newPassword: 'N3wPassw0rd!',
        }),
      ],
    ],
  },
  {
    name: 'ivan (custom, with SRP)',
    accountId: 'demo-public',
    start: { username: 'ivan', password: PASSWORD, authFlow: 'CUSTOM_WITH_SRP' },
    steps: [
      [
        'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
        (harness) => ({ kind: 'customChallenge', answer: harness.latestCode('ivan') }),
      ],
    ],
  },
  {
    name: 'judy (first factor → PASSWORD_SRP)',
    accountId: 'demo-public',
    start: { username: 'judy', authFlow: 'USER_AUTH' },
    steps: [
      [
        'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
        () => ({ kind: 'selectFirstFactor', factor: 'PASSWORD_SRP' }),
      ],
      ['CONFIRM_SIGN_IN_WITH_PASSWORD', () => ({ kind: 'password', password: PASSWORD })],
    ],
  },
  {
    name: 'judy (first factor → SMS_OTP)',
    accountId: 'demo-public',
    start: { username: 'judy', authFlow: 'USER_AUTH' },
    steps: [
      [
        'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
        () => ({ kind: 'selectFirstFactor', factor: 'SMS_OTP' }),
      ],
      ['CONFIRM_SIGN_IN_WITH_SMS_CODE', code('judy')],
    ],
  },
  {
    name: 'mallory (TOTP setup)',
    accountId: 'strict',
    start: { username: 'mallory', password: PASSWORD },
    steps: [
      [
        'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION',
        () => ({ kind: 'selectMfaSetup', mfa: 'TOTP' }),
      ],
      [
        'CONTINUE_SIGN_IN_WITH_TOTP_SETUP',
        async (harness, shown) => {
          if (shown.step.name !== 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP')
            throw new Error('not TOTP setup');
          return {
            kind: 'totpSetup',
            code: await harness.totp(shown.step.totpSetupDetails.sharedSecret),
          };
        },
      ],
    ],
  },
  {
    name: 'mallory (email setup)',
    accountId: 'strict',
    start: { username: 'mallory', password: PASSWORD },
    steps: [
      [
        'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION',
        () => ({ kind: 'selectMfaSetup', mfa: 'EMAIL' }),
      ],
      [
        'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP',
        () => ({ kind: 'emailSetup', email: 'mallory@example.com' }),
      ],
      ['CONFIRM_SIGN_IN_WITH_EMAIL_CODE', code('mallory')],
    ],
  },
];

describe('worker stop at every step', () => {
  it.each(journeys)('$name', async (journey) => {
    h = await startHarness();
    await h.request({ type: 'selectAccount', accountId: journey.accountId });
    let shown = await h.flow({
      type: 'startSignIn',
      accountId: journey.accountId,
      ...journey.start,
    });
    for (const [expected, next] of journey.steps) {
      expectStep(shown, expected);
      h.restartWorker();
      const reopened = await h.flow({ type: 'getState' });
      expect(reopened).toEqual(shown);
      shown = await h.answer(journey.accountId, await next(h, reopened));
    }
    if (shown.step.name === 'SIGN_IN') {
      // Confirmation and reset end at SIGN_IN by design: sign in once more to finish.
      h.restartWorker();
      shown = await h.flow({
        type: 'startSignIn',
        accountId: journey.accountId,
        username: journey.start.username,
        password: journey.name.startsWith('heidi') ? 'N3wPassw0rd!' : PASSWORD,
      });
    }
    expectStep(shown, 'DONE');
    h.restartWorker();
    expectStep(await h.flow({ type: 'getState' }), 'DONE');
  });

  it('SRP_A prepared before a worker stop is simply recomputed', async () => {
    h = await startHarness();
    await h.request({ type: 'prepareSignIn', accountId: 'demo-public' });
    h.restartWorker();
    expectStep(
      await h.flow({
        type: 'startSignIn',
        accountId: 'demo-public',
        username: 'alice',
        password: PASSWORD,
      }),
      'DONE',
    );
  });
});
