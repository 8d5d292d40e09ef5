import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY } from './config';
import { assertPasswordPolicy, passwordProblem } from './password-policy';

describe('password policy', () => {
  it('names the first rule a password breaks', () => {
    const policy = DEFAULT_PASSWORD_POLICY;
    expect(passwordProblem('Passw0rd!', policy)).toBeUndefined();
    expect(passwordProblem('Pa0!', policy)).toBe('Password not long enough');
    expect(passwordProblem('PASSW0RD!', policy)).toBe('Password must have lowercase characters');
    expect(passwordProblem('passw0rd!', policy)).toBe('Password must have uppercase characters');
    expect(passwordProblem('Password!', policy)).toBe('Password must have numeric characters');
    expect(passwordProblem('Passw0rdd', policy)).toBe('Password must have symbol characters');
    expect(
      passwordProblem('passw0rd', { ...policy, requireUppercase: false, requireSymbols: false }),
    ).toBeUndefined();
  });

  it('throws InvalidPasswordException with Cognito message', () => {
    expect(() => assertPasswordPolicy('short', DEFAULT_PASSWORD_POLICY)).toThrow(
      expect.objectContaining({
        type: 'InvalidPasswordException',
        message: 'Password did not conform with policy: Password not long enough',
      }) as Error,
    );
  });
});
