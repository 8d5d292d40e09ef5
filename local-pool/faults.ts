/**
 * Fault injection for the fault suite: make chosen operations fail the way a real network or
 * Cognito does (dropped connection, HTTP 500, throttling, a stall, a cut-off body), a set number
 * of times, so tests can prove what the extension does about each. Test-only: driven through
 * `/_local/faults` like `/_local/reset` and `/_local/clock`, never by a Cognito request.
 *
 * The plan also counts every operation request it sees, so a test can prove from the outside
 * that, say, RespondToAuthChallenge was sent exactly once.
 */

export const FAULT_KINDS = ['drop', 'http500', 'throttle', 'delay', 'truncated'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * - `drop`: the connection is closed without an answer (a network cut; the operation does not run)
 * - `http500`: InternalErrorException with status 500 (the operation does not run)
 * - `throttle`: TooManyRequestsException, status 400 (the operation does not run)
 * - `delay`: waits `delayMs`, then runs the operation and answers normally
 * - `truncated`: runs the operation, then sends only the first half of its JSON answer
 *   (the request took effect; the answer was lost in transit)
 */
export interface FaultRule {
  /** A Cognito operation name (`InitiateAuth`) or `*` for every operation. */
  operation: string;
  kind: FaultKind;
  /** How many matching requests it hits; omitted = every one until cleared. */
  times?: number;
  /** For `delay`. */
  delayMs?: number;
}

export interface InjectedFault {
  operation: string;
  kind: FaultKind;
  delayMs: number;
}

export interface FaultReport {
  rules: FaultRule[];
  /** Requests seen per operation since the last clear, faulted or not. */
  calls: Record<string, number>;
  /** Faults applied, in order. */
  injected: InjectedFault[];
}

export interface FaultPlan {
  /** Replaces every rule (and starts counting afresh). */
  set(rules: FaultRule[]): void;
  clear(): void;
  /** Counts the request and returns the fault to apply to it, if any (using one of its times). */
  take(operation: string): InjectedFault | undefined;
  report(): FaultReport;
}

const MAX_DELAY_MS = 120_000;

export function createFaultPlan(): FaultPlan {
  let rules: Required<Pick<FaultRule, 'operation' | 'kind' | 'delayMs'>>[] = [];
  let remaining: number[] = [];
  let calls: Record<string, number> = {};
  let injected: InjectedFault[] = [];

  return {
    set(next) {
      rules = next.map((rule) => ({
        operation: rule.operation,
        kind: rule.kind,
        delayMs: rule.delayMs ?? 0,
      }));
      remaining = next.map((rule) => rule.times ?? Number.POSITIVE_INFINITY);
      calls = {};
      injected = [];
    },
    clear() {
      this.set([]);
    },
    take(operation) {
      calls[operation] = (calls[operation] ?? 0) + 1;
      const index = rules.findIndex(
        (rule, i) =>
          (rule.operation === '*' || rule.operation === operation) && (remaining[i] ?? 0) > 0,
      );
      const rule = rules[index];
      if (!rule) return undefined;
      remaining[index] = (remaining[index] ?? 1) - 1;
      const fault = { operation, kind: rule.kind, delayMs: rule.delayMs };
      injected.push(fault);
      return fault;
    },
    report() {
      return {
        rules: rules.map((rule, i) => ({
          ...rule,
          ...(Number.isFinite(remaining[i]) && { times: remaining[i] }),
        })),
        calls: { ...calls },
        injected: [...injected],
      };
    },
  };
}

/** Validates the body of `POST /_local/faults`; returns the rules or a plain reason. */
export function parseFaultRules(body: unknown): FaultRule[] | string {
  const list = (body as { faults?: unknown } | null)?.faults;
  if (!Array.isArray(list))
    return 'Send {"faults": [{"operation", "kind", "times"?, "delayMs"?}]}.';
  const rules: FaultRule[] = [];
  for (const item of list as unknown[]) {
    if (typeof item !== 'object' || item === null) return 'Each fault must be an object.';
    const { operation, kind, times, delayMs } = item as Record<string, unknown>;
    if (typeof operation !== 'string' || !/^(\*|[A-Za-z]{1,64})$/.test(operation)) {
      return 'operation must be an operation name or "*".';
    }
    if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
      return `kind must be one of ${FAULT_KINDS.join(', ')}.`;
    }
    if (times !== undefined && !(Number.isInteger(times) && (times as number) >= 0)) {
      return 'times must be a non-negative integer.';
    }
    if (
      delayMs !== undefined &&
      !(typeof delayMs === 'number' && delayMs >= 0 && delayMs <= MAX_DELAY_MS)
    ) {
      return `delayMs must be between 0 and ${String(MAX_DELAY_MS)}.`;
    }
    rules.push({
      operation,
      kind: kind as FaultKind,
      ...(times !== undefined && { times: times as number }),
      ...(delayMs !== undefined && { delayMs: delayMs }),
    });
  }
  return rules;
}

/** The first half of a JSON text: never valid JSON for an object answer of two bytes or more. */
export function truncateJson(text: string): string {
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}
