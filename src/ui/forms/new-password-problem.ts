/**
 * The check of a password being chosen. Apart from validation.ts because it carries the pool's
 * rules (src/session/password-policy.ts), which only the password-choosing screens load.
 */
import { passwordPolicyProblem, type PasswordPolicy } from '../../session/password-policy';
import { passwordProblem } from '../validation';

/** Present, and within the pool's rules when the account knows them. */
export function newPasswordProblem(
  password: string,
  policy: PasswordPolicy | undefined,
): string | undefined {
  return (
    passwordProblem(password) ?? (policy ? passwordPolicyProblem(password, policy) : undefined)
  );
}
