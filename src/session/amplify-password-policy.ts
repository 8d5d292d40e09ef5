/**
 * The password rules in an Amplify configuration file (src/ui/import-amplify-config.ts). Apart
 * from password-policy.ts so the popup, which only shows and checks the rules, does not carry it.
 */
import * as v from 'valibot';
import { PasswordPolicySchema } from '../platform/protocol';
import type { PasswordPolicy } from './password-policy';

const FLAG_OF: Record<string, keyof PasswordPolicy> = {
  REQUIRES_LOWERCASE: 'requireLowercase',
  REQUIRES_UPPERCASE: 'requireUppercase',
  REQUIRES_NUMBERS: 'requireNumbers',
  REQUIRES_SYMBOLS: 'requireSymbols',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The rules as found, or nothing; checked with the schema the account is saved with. */
function readPolicy(config: Record<string, unknown>): unknown {
  const gen2 = isRecord(config.auth) ? config.auth.password_policy : undefined;
  if (isRecord(gen2)) {
    return {
      minLength: gen2.min_length,
      requireLowercase: gen2.require_lowercase === true,
      requireUppercase: gen2.require_uppercase === true,
      requireNumbers: gen2.require_numbers === true,
      requireSymbols: gen2.require_symbols === true,
    };
  }
  const gen1 = config.aws_cognito_password_protection_settings;
  if (isRecord(gen1)) {
    const characters = Array.isArray(gen1.passwordPolicyCharacters)
      ? gen1.passwordPolicyCharacters
      : [];
    const flags = characters.map((character) =>
      typeof character === 'string' ? FLAG_OF[character] : undefined,
    );
    return {
      minLength: gen1.passwordPolicyMinLength,
      requireLowercase: flags.includes('requireLowercase'),
      requireUppercase: flags.includes('requireUppercase'),
      requireNumbers: flags.includes('requireNumbers'),
      requireSymbols: flags.includes('requireSymbols'),
    };
  }
  return undefined;
}

/**
 * The policy in an Amplify configuration: Gen 2 `auth.password_policy` ({ min_length,
 * require_lowercase, … }) or Gen 1 `aws_cognito_password_protection_settings`
 * ({ passwordPolicyMinLength, passwordPolicyCharacters: ["REQUIRES_NUMBERS", …] }).
 */
export function passwordPolicyFromAmplify(
  config: Record<string, unknown>,
): PasswordPolicy | undefined {
  const found = readPolicy(config);
  return v.is(PasswordPolicySchema, found) ? found : undefined;
}
