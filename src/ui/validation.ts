/**
 * Checks run before a request leaves the page, so a typo costs nothing: no Cognito Session is
 * consumed and nothing the person typed is lost. Each returns a message or undefined.
 */

/** Removes the spaces people type or paste inside codes ("123 456"). */
export function normalizeCode(raw: string): string {
  return raw.replace(/[\s-]+/g, '');
}

export function codeProblem(raw: string): string | undefined {
  const code = normalizeCode(raw);
  if (code.length === 0) return 'Enter the code.';
  if (!/^\d+$/.test(code)) return 'The code has digits only.';
  if (code.length < 6 || code.length > 8) return 'The code has 6 digits.';
  return undefined;
}

export function requiredProblem(value: string, what: string): string | undefined {
  return value.trim().length === 0 ? `Enter ${what}.` : undefined;
}

export function passwordProblem(password: string): string | undefined {
  return password.length === 0 ? 'Enter a password.' : undefined;
}

export function confirmProblem(password: string, confirmation: string): string | undefined {
  if (confirmation.length === 0) return 'Type the password again.';
  return password === confirmation ? undefined : 'The two passwords differ.';
}

export function emailProblem(email: string): string | undefined {
  const trimmed = email.trim();
  if (trimmed.length === 0) return 'Enter an email address.';
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) ? undefined : 'This is not an email address.';
}
