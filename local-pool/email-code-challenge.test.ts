import { describe, expect, it } from 'vitest';
import type { TriggerTools } from './config';
import { emailCodeChallenge } from './email-code-challenge';

const context = {
  userName: 'ivan',
  userAttributes: { email: 'ivan@example.com' },
  clientId: 'c',
  clientMetadata: {},
};

function tools() {
  const sent: { to: string; code: string }[] = [];
  const value: TriggerTools = {
    sendEmail: (to, code) => sent.push({ to, code }),
    sendSms: () => undefined,
    randomDigits: () => '424242',
  };
  return { sent, value };
}

describe('the demo custom-auth triggers', () => {
  const triggers = emailCodeChallenge();

  it('define: SRP first, then the code; a right answer issues tokens; three wrong fail', async () => {
    const define = (session: Parameters<typeof triggers.defineAuthChallenge>[0]['session']) =>
      triggers.defineAuthChallenge({ ...context, session });
    expect(await define([{ challengeName: 'SRP_A', challengeResult: true }])).toMatchObject({
      challengeName: 'PASSWORD_VERIFIER',
    });
    expect(
      await define([{ challengeName: 'PASSWORD_VERIFIER', challengeResult: false }]),
    ).toMatchObject({ failAuthentication: true });
    expect(
      await define([{ challengeName: 'PASSWORD_VERIFIER', challengeResult: true }]),
    ).toMatchObject({ challengeName: 'CUSTOM_CHALLENGE' });
    expect(await define([])).toMatchObject({
      challengeName: 'CUSTOM_CHALLENGE',
      issueTokens: false,
    });
    expect(
      await define([{ challengeName: 'CUSTOM_CHALLENGE', challengeResult: true }]),
    ).toMatchObject({ issueTokens: true });
    const wrong = { challengeName: 'CUSTOM_CHALLENGE' as const, challengeResult: false };
    expect(await define([wrong, wrong])).toMatchObject({ challengeName: 'CUSTOM_CHALLENGE' });
    expect(await define([wrong, wrong, wrong])).toMatchObject({ failAuthentication: true });
  });

  it('create: emails one code per sign-in and reuses it on retries', async () => {
    const { sent, value } = tools();
    const first = await triggers.createAuthChallenge(
      { ...context, challengeName: 'CUSTOM_CHALLENGE', session: [] },
      value,
    );
    expect(sent).toEqual([{ to: 'ivan@example.com', code: '424242' }]);
    expect(first.privateChallengeParameters).toEqual({ answer: '424242' });
    expect(first.publicChallengeParameters.prompt).toContain('i***@example.com');
    expect(JSON.stringify(first.publicChallengeParameters)).not.toContain('424242');
    const retry = await triggers.createAuthChallenge(
      {
        ...context,
        challengeName: 'CUSTOM_CHALLENGE',
        session: [
          {
            challengeName: 'CUSTOM_CHALLENGE',
            challengeResult: false,
            challengeMetadata: first.challengeMetadata ?? '',
          },
        ],
      },
      value,
    );
    expect(sent).toHaveLength(1);
    expect(retry.privateChallengeParameters).toEqual({ answer: '424242' });
  });

  it('verify: compares the answer with the code', async () => {
    const verify = (challengeAnswer: string) =>
      triggers.verifyAuthChallengeResponse({
        ...context,
        privateChallengeParameters: { answer: '424242' },
        challengeAnswer,
      });
    expect(await verify(' 424242 ')).toEqual({ answerCorrect: true });
    expect(await verify('424243')).toEqual({ answerCorrect: false });
  });
});
