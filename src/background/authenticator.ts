/**
 * Adapts src/otp's authenticator vault to the background's Authenticator hook. A code about to
 * expire is held until the next period starts (totpAnswerFor says when), so Cognito never
 * receives a code that died in flight.
 */
import { totpAnswerFor } from '../otp/background-wiring';
import { generateTotp, secondsRemaining } from '../otp/totp';
import type { AuthenticatorVault } from '../otp/vault';
import type { AutoAnswerStore } from './features';
import type { Authenticator } from './service';

export function authenticatorFromVault(
  vault: AuthenticatorVault,
  now: () => number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  autoAnswer: Pick<AutoAnswerStore, 'list'> = { list: () => Promise.resolve([]) },
): Authenticator {
  // The time step each user's last automatic answer used. Cognito never accepts a time step
  // twice, so a second sign-in within the same period waits for the next code. In memory only:
  // a restarted worker forgets, at worst one answer is refused and the person types the code.
  const lastStep = new Map<string, number>();
  return {
    async peek(accountId, username) {
      if ((await vault.status()) !== 'unlocked') return undefined;
      const entry = await vault.findForUser(accountId, username);
      if (!entry) return undefined;
      const at = now();
      return {
        code: await generateTotp(entry, at),
        secondsRemaining: secondsRemaining(entry.period, at),
      };
    },
    async autoAnswers(accountId) {
      return (await autoAnswer.list()).includes(accountId);
    },
    async codeFor(accountId, username) {
      if ((await vault.status()) !== 'unlocked') return undefined;
      const entry = await vault.findForUser(accountId, username);
      if (!entry) return undefined;
      const key = `${accountId}\n${username.toLowerCase()}`;
      const periodMs = entry.period * 1000;
      const used = lastStep.get(key);
      if (used !== undefined && Math.floor(now() / periodMs) <= used) {
        await sleep((used + 1) * periodMs - now());
      }
      const answer = await totpAnswerFor(vault, accountId, username, now());
      if (!answer) return undefined;
      const wait = answer.sendAtMs - now();
      if (wait > 0) await sleep(wait);
      lastStep.set(key, Math.floor(now() / periodMs));
      return answer.code;
    },
    async save({ accountId, username, secret, issuer, account }) {
      if ((await vault.status()) === 'locked') return;
      await vault.add({ issuer, account, secret, accountId, username });
    },
  };
}
