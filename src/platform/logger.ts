/**
 * A leveled logger whose every argument passes through `redact`: values under keys that name a
 * password, code, secret, token or session are replaced, and in free text so are JWTs, long opaque
 * runs (refresh tokens, keys) and the value after a sensitive word (`secret=…`, `code 123456`).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type LogSink = (
  level: Exclude<LogLevel, 'silent'>,
  message: string,
  ...details: unknown[]
) => void;

export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

const SENSITIVE_KEY =
  /pass(word)?|code|secret|token|session|srp_?a|claim|signature|verifier|otp|answer|authorization|credential|private|jti/i;
// JWTs and Cognito's 5-part JWE refresh tokens.
const JWT = /eyJ[A-Za-z0-9_-]{5,}(\.[A-Za-z0-9_-]*){2,4}/g;
// Any other long opaque run (opaque refresh tokens, keys): over-redacting an id is the safe side.
const OPAQUE = /[A-Za-z0-9+/=_.-]{32,}/g;
// `secret=…`, `password: …`, `code 123456` in free text: the value goes, the name stays.
const NAMED_VALUE =
  /\b(pass(word)?|code|secret|token|session|otp|answer|authorization)(\s*[=:]\s*|\s+)("[^"]*"|'[^']*'|[^\s,;&]+)/gi;
const REDACTED = '[redacted]';

function redactText(text: string): string {
  return text
    .replace(JWT, REDACTED)
    .replace(OPAQUE, REDACTED)
    .replace(
      NAMED_VALUE,
      (_match, name: string, separator: string) => `${name}${separator}${REDACTED}`,
    );
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[deep]';
  if (value instanceof Error) {
    return { name: value.name, message: redact(value.message, depth + 1) };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SENSITIVE_KEY.test(key) ? REDACTED : redact(inner, depth + 1);
  }
  return out;
}

export function createLogger(level: LogLevel, sink: LogSink): Logger {
  const at =
    (wanted: Exclude<LogLevel, 'silent'>) =>
    (message: string, ...details: unknown[]) => {
      if (ORDER[wanted] < ORDER[level]) return;
      sink(wanted, redact(message) as string, ...details.map((detail) => redact(detail)));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** The browser console, the one place the extension writes logs to. */
export const consoleSink: LogSink = (level, message, ...details) => {
  // eslint-disable-next-line no-console -- this sink is the logger's only console access
  console[level](`[cognito-pass] ${message}`, ...details);
};
