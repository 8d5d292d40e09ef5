/**
 * The pool's password rules, when the account knows them (imported from the app's Amplify
 * configuration, or the demo seed): shown beside every field where a password is chosen and
 * checked before the request leaves, so a rule Cognito would refuse costs no round trip and, for
 * a new-password challenge, no Session. Cognito still decides: without a policy nothing is
 * checked here, and a pool whose rules changed answers InvalidPasswordException as before.
 */
export interface PasswordPolicy {
  minLength: number;
  requireLowercase: boolean;
  requireUppercase: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
}

/** Cognito's special characters (its documentation's list, and a space inside the password). */
const SYMBOL = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

const RULES = [
  { flag: 'requireLowercase', phrase: 'a lowercase letter', test: /[a-z]/ },
  { flag: 'requireUppercase', phrase: 'an uppercase letter', test: /[A-Z]/ },
  { flag: 'requireNumbers', phrase: 'a number', test: /[0-9]/ },
  { flag: 'requireSymbols', phrase: 'a symbol', test: SYMBOL },
] as const;

function joined(phrases: string[]): string {
  if (phrases.length <= 1) return phrases.join('');
  return `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1) ?? ''}`;
}

/** "At least 8 characters, with a lowercase letter, …, a number and a symbol." */
export function describePasswordPolicy(policy: PasswordPolicy): string {
  const kinds = RULES.filter((rule) => policy[rule.flag]).map((rule) => rule.phrase);
  const length = `At least ${String(policy.minLength)} characters`;
  return kinds.length === 0 ? `${length}.` : `${length}, with ${joined(kinds)}.`;
}

/** What the password still lacks, in words ("8 characters", "a number"), or nothing. */
export function unmetPasswordRules(password: string, policy: PasswordPolicy): string[] {
  const unmet: string[] = [];
  // UTF-16 units, the larger count: never refuse here what Cognito would accept.
  if (password.length < policy.minLength) unmet.push(`${String(policy.minLength)} characters`);
  for (const rule of RULES) {
    if (policy[rule.flag] && !rule.test.test(password)) unmet.push(rule.phrase);
  }
  return unmet;
}

/** "Still needed: 8 characters and a number." */
export function passwordPolicyProblem(
  password: string,
  policy: PasswordPolicy,
): string | undefined {
  const unmet = unmetPasswordRules(password, policy);
  return unmet.length === 0 ? undefined : `Still needed: ${joined(unmet)}.`;
}
