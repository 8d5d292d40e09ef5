/**
 * The demo pool's custom-auth triggers: the challenge emails a 6-digit code and asks for it.
 * With SRP first (CUSTOM_AUTH + SRP_A) the password is verified before the code is sent. Three
 * wrong answers fail the sign-in. One code per sign-in: retries ask for the same code.
 */
import type { ChallengeResult, CustomAuthTriggers } from './config';

export const MAX_WRONG_ANSWERS = 3;

const customResults = (session: ChallengeResult[]) =>
  session.filter((entry) => entry.challengeName === 'CUSTOM_CHALLENGE');

export function emailCodeChallenge(): CustomAuthTriggers {
  return {
    defineAuthChallenge({ session }) {
      const last = session.at(-1);
      if (last?.challengeName === 'SRP_A') {
        return {
          challengeName: 'PASSWORD_VERIFIER',
          issueTokens: false,
          failAuthentication: false,
        };
      }
      if (last?.challengeName === 'PASSWORD_VERIFIER' && !last.challengeResult) {
        return { issueTokens: false, failAuthentication: true };
      }
      if (last?.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult) {
        return { issueTokens: true, failAuthentication: false };
      }
      const wrong = customResults(session).filter((entry) => !entry.challengeResult).length;
      if (wrong >= MAX_WRONG_ANSWERS) return { issueTokens: false, failAuthentication: true };
      return { challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false };
    },
    createAuthChallenge({ session, userAttributes, userName }, tools) {
      const previous = customResults(session).at(-1)?.challengeMetadata;
      const email = userAttributes.email ?? '';
      let code = previous?.replace(/^CODE-/, '');
      if (code === undefined) {
        code = tools.randomDigits(6);
        tools.sendEmail(email, code, `Your sign-in code is ${code}`);
      }
      const [local = '', domain = ''] = email.split('@');
      return {
        publicChallengeParameters: {
          prompt: `Enter the 6-digit code we emailed to ${local.slice(0, 1)}***@${domain}`,
          email: `${local.slice(0, 1)}***@${domain}`,
          username: userName,
        },
        privateChallengeParameters: { answer: code },
        challengeMetadata: `CODE-${code}`,
      };
    },
    verifyAuthChallengeResponse({ privateChallengeParameters, challengeAnswer }) {
      return { answerCorrect: challengeAnswer.trim() === privateChallengeParameters.answer };
    },
  };
}
