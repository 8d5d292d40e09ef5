/** The pool's password policy, with Cognito's InvalidPasswordException messages. */
import type { PasswordPolicy } from './config';
import { CognitoError } from './errors';

const SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

export function passwordProblem(password: string, policy: PasswordPolicy): string | undefined {
  if (password.length < policy.minimumLength) return 'Password not long enough';
  if (policy.requireLowercase && !/[a-z]/.test(password)) {
    return 'Password must have lowercase characters';
  }
  if (policy.requireUppercase && !/[A-Z]/.test(password)) {
    return 'Password must have uppercase characters';
  }
  if (policy.requireNumbers && !/[0-9]/.test(password))
    return 'Password must have numeric characters';
  if (policy.requireSymbols && !SYMBOLS.test(password))
    return 'Password must have symbol characters';
  return undefined;
}

export function assertPasswordPolicy(password: string, policy: PasswordPolicy): void {
  const problem = passwordProblem(password, policy);
  if (problem !== undefined) {
    throw new CognitoError(
      'InvalidPasswordException',
      `Password did not conform with policy: ${problem}`,
    );
  }
}
