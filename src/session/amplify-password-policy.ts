/**
 * The password rules in an Amplify configuration file (src/ui/import-amplify-config.ts). Apart
 * from password-policy.ts so the popup, which only shows and checks the rules, does not carry it.
 */
import type { PasswordPolicy } from './password-policy';

const FLAG_OF: Record<string, keyof PasswordPolicy> = {
  REQUIRES_LOWERCASE: 'requireLowercase',
  REQUIRES_UPPERCASE: 'requireUppercase',
  REQUIRES_NUMBERS: 'requireNumbers',
  REQUIRES_SYMBOLS: 'requireSymbols',
};

const validLength = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 6 && value <= 99;

/**
 * The policy in an Amplify configuration: Gen 2 `auth.password_policy` ({ min_length,
 * require_lowercase, … }) or Gen 1 `aws_cognito_password_protection_settings`
 * ({ passwordPolicyMinLength, passwordPolicyCharacters: ["REQUIRES_NUMBERS", …] }).
 */
export function passwordPolicyFromAmplify(
  config: Record<string, unknown>,
): PasswordPolicy | undefined {
  const auth = config.auth;
  const gen2 =
    typeof auth === 'object' && auth !== null
      ? (auth as Record<string, unknown>).password_policy
      : undefined;
  if (typeof gen2 === 'object' && gen2 !== null) {
    const rules = gen2 as Record<string, unknown>;
    if (!validLength(rules.min_length)) return undefined;
    return {
      minLength: rules.min_length,
      requireLowercase: rules.require_lowercase === true,
      requireUppercase: rules.require_uppercase === true,
      requireNumbers: rules.require_numbers === true,
      requireSymbols: rules.require_symbols === true,
    };
  }
  const gen1 = config.aws_cognito_password_protection_settings;
  if (typeof gen1 === 'object' && gen1 !== null) {
    const settings = gen1 as Record<string, unknown>;
    if (!validLength(settings.passwordPolicyMinLength)) return undefined;
    const characters = Array.isArray(settings.passwordPolicyCharacters)
      ? settings.passwordPolicyCharacters
      : [];
    const policy: PasswordPolicy = {
      minLength: settings.passwordPolicyMinLength,
      requireLowercase: false,
      requireUppercase: false,
      requireNumbers: false,
      requireSymbols: false,
    };
    for (const character of characters) {
      const flag = typeof character === 'string' ? FLAG_OF[character] : undefined;
      if (flag !== undefined && flag !== 'minLength') policy[flag] = true;
    }
    return policy;
  }
  return undefined;
}
