import { describe, expect, it } from 'vitest';
import {
  describePasswordPolicy,
  passwordPolicyProblem,
  unmetPasswordRules,
  type PasswordPolicy,
} from './password-policy';
import { passwordPolicyFromAmplify } from './amplify-password-policy';

const STRICT: PasswordPolicy = {
  minLength: 8,
  requireLowercase: true,
  requireUppercase: true,
  requireNumbers: true,
  requireSymbols: true,
};
const LENGTH_ONLY: PasswordPolicy = {
  minLength: 12,
  requireLowercase: false,
  requireUppercase: false,
  requireNumbers: false,
  requireSymbols: false,
};

describe('password policy', () => {
  it('describes the rules in one sentence', () => {
    expect(describePasswordPolicy(STRICT)).toBe(
      'At least 8 characters, with a lowercase letter, an uppercase letter, a number and a symbol.',
    );
    expect(describePasswordPolicy(LENGTH_ONLY)).toBe('At least 12 characters.');
    expect(describePasswordPolicy({ ...LENGTH_ONLY, requireNumbers: true })).toBe(
      'At least 12 characters, with a number.',
    );
  });

  it('lists only what is missing', () => {
    expect(unmetPasswordRules('Passw0rd!', STRICT)).toEqual([]);
    expect(unmetPasswordRules('', STRICT)).toEqual([
      '8 characters',
      'a lowercase letter',
      'an uppercase letter',
      'a number',
      'a symbol',
    ]);
    expect(unmetPasswordRules('password', STRICT)).toEqual([
      'an uppercase letter',
      'a number',
      'a symbol',
    ]);
    expect(passwordPolicyProblem('Passw0rd', STRICT)).toBe('Still needed: a symbol.');
    expect(passwordPolicyProblem('Pa0!', STRICT)).toBe('Still needed: 8 characters.');
    expect(passwordPolicyProblem('short', LENGTH_ONLY)).toBe('Still needed: 12 characters.');
    expect(passwordPolicyProblem('long enough here', LENGTH_ONLY)).toBeUndefined();
  });

  it('counts each of Cognito’s special characters, and an inner space, as a symbol', () => {
    for (const symbol of '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ') {
      expect(unmetPasswordRules(`Passw0rd${symbol}x`, STRICT)).toEqual([]);
    }
    expect(unmetPasswordRules('Passw0rdé', STRICT)).toEqual(['a symbol']);
  });

  it('reads Gen 2 amplify_outputs.json and Gen 1 aws-exports', () => {
    expect(
      passwordPolicyFromAmplify({
        auth: {
          password_policy: {
            min_length: 10,
            require_lowercase: true,
            require_numbers: true,
            require_symbols: false,
            require_uppercase: true,
          },
        },
      }),
    ).toEqual({ ...STRICT, minLength: 10, requireSymbols: false });
    expect(
      passwordPolicyFromAmplify({
        aws_cognito_password_protection_settings: {
          passwordPolicyMinLength: 9,
          passwordPolicyCharacters: ['REQUIRES_NUMBERS', 'REQUIRES_SYMBOLS', 'SOMETHING_NEW'],
        },
      }),
    ).toEqual({ ...LENGTH_ONLY, minLength: 9, requireNumbers: true, requireSymbols: true });
  });

  it('ignores a missing or malformed policy instead of guessing one', () => {
    expect(passwordPolicyFromAmplify({ auth: { user_pool_id: 'x' } })).toBeUndefined();
    expect(passwordPolicyFromAmplify({ auth: { password_policy: { min_length: '8' } } })).toBe(
      undefined,
    );
    expect(passwordPolicyFromAmplify({ auth: { password_policy: { min_length: 2 } } })).toBe(
      undefined,
    );
    expect(
      passwordPolicyFromAmplify({
        aws_cognito_password_protection_settings: { passwordPolicyCharacters: [] },
      }),
    ).toBeUndefined();
  });
});
