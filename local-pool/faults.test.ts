import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFaultPlan, FAULT_KINDS, parseFaultRules, truncateJson } from './faults';
import { DEMO_PUBLIC_CLIENT_ID } from './seed';
import { startLocalPool, type LocalPool } from './server';

describe('fault plan', () => {
  it('applies a rule the given number of times, then lets requests through, counting all', () => {
    const plan = createFaultPlan();
    plan.set([{ operation: 'InitiateAuth', kind: 'http500', times: 2 }]);
    expect(plan.take('InitiateAuth')?.kind).toBe('http500');
    expect(plan.take('GetUser')).toBeUndefined();
    expect(plan.take('InitiateAuth')?.kind).toBe('http500');
    expect(plan.take('InitiateAuth')).toBeUndefined();
    const report = plan.report();
    expect(report.calls).toEqual({ InitiateAuth: 3, GetUser: 1 });
    expect(report.injected.map((f) => f.kind)).toEqual(['http500', 'http500']);
    expect(report.rules).toEqual([
      { operation: 'InitiateAuth', kind: 'http500', delayMs: 0, times: 0 },
    ]);
  });

  it('"*" matches every operation; without times it never runs out; clear removes it', () => {
    const plan = createFaultPlan();
    plan.set([{ operation: '*', kind: 'drop' }]);
    for (let i = 0; i < 5; i++) expect(plan.take(`Op${String(i)}`)?.kind).toBe('drop');
    plan.clear();
    expect(plan.take('Op0')).toBeUndefined();
    expect(plan.report().calls).toEqual({ Op0: 1 });
  });

  it('rejects malformed rules with a reason', () => {
    expect(parseFaultRules({})).toMatch(/faults/);
    expect(parseFaultRules({ faults: [{ operation: 'X', kind: 'explode' }] })).toMatch(/kind/);
    expect(parseFaultRules({ faults: [{ operation: 'a b', kind: 'drop' }] })).toMatch(/operation/);
    expect(parseFaultRules({ faults: [{ operation: 'X', kind: 'drop', times: -1 }] })).toMatch(
      /times/,
    );
    expect(parseFaultRules({ faults: [{ operation: 'X', kind: 'delay', delayMs: 1e9 }] })).toMatch(
      /delayMs/,
    );
    expect(
      parseFaultRules({ faults: [{ operation: 'X', kind: 'delay', delayMs: 10, times: 1 }] }),
    ).toEqual([{ operation: 'X', kind: 'delay', delayMs: 10, times: 1 }]);
  });

  it('never throws on any input, and what it accepts is well-formed (5,000 random bodies)', () => {
    const rule = fc.record(
      {
        operation: fc.oneof(fc.constantFrom('*', 'InitiateAuth'), fc.string()),
        kind: fc.oneof(fc.constantFrom(...FAULT_KINDS), fc.string()),
        times: fc.oneof(fc.integer(), fc.double(), fc.string()),
        delayMs: fc.oneof(fc.integer(), fc.double()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ faults: fc.array(rule) })), (body) => {
        const parsed = parseFaultRules(body);
        if (typeof parsed === 'string') return;
        for (const r of parsed) {
          expect(FAULT_KINDS).toContain(r.kind);
          expect(r.operation).toMatch(/^(\*|[A-Za-z]{1,64})$/);
          if (r.times !== undefined) expect(Number.isInteger(r.times) && r.times >= 0).toBe(true);
          if (r.delayMs !== undefined) expect(r.delayMs).toBeLessThanOrEqual(120_000);
        }
      }),
      { numRuns: 5_000 },
    );
  });

  it('truncates any JSON answer into something JSON.parse refuses', () => {
    for (const text of ['{}', '{"a":1}', JSON.stringify({ AuthenticationResult: { x: 'y' } })]) {
      expect(() => JSON.parse(truncateJson(text)) as unknown).toThrow();
    }
  });
});

describe('/_local/faults on a running pool', () => {
  let pool: LocalPool;
  beforeAll(async () => {
    pool = await startLocalPool({ port: 0, quiet: true });
  });
  afterAll(async () => {
    await pool.close();
  });

  const call = (operation: string, body: unknown) =>
    fetch(pool.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(body),
    });
  const setFaults = (faults: unknown[]) =>
    fetch(`${pool.url}/_local/faults`, { method: 'POST', body: JSON.stringify({ faults }) });
  const signUpInput = { ClientId: DEMO_PUBLIC_CLIENT_ID, Username: 'nobody-here' };

  it('answers each kind the way the network or Cognito would, then recovers', async () => {
    expect(
      (
        await setFaults([
          { operation: 'ForgotPassword', kind: 'http500', times: 1 },
          { operation: 'ForgotPassword', kind: 'throttle', times: 1 },
          { operation: 'ForgotPassword', kind: 'drop', times: 1 },
          { operation: 'ForgotPassword', kind: 'delay', delayMs: 300, times: 1 },
        ])
      ).status,
    ).toBe(200);

    const internal = await call('ForgotPassword', signUpInput);
    expect(internal.status).toBe(500);
    expect(((await internal.json()) as { __type: string }).__type).toBe('InternalErrorException');

    const throttled = await call('ForgotPassword', signUpInput);
    expect(throttled.status).toBe(400);
    expect(((await throttled.json()) as { __type: string }).__type).toBe(
      'TooManyRequestsException',
    );

    await expect(call('ForgotPassword', signUpInput)).rejects.toThrow();

    const started = Date.now();
    const slow = await call('ForgotPassword', signUpInput);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    // After the stall the operation really runs: the unknown user gets Cognito's own answer.
    expect(((await slow.json()) as { __type: string }).__type).toBe('UserNotFoundException');

    const report = (await (await fetch(`${pool.url}/_local/faults`)).json()) as {
      calls: Record<string, number>;
      injected: { kind: string }[];
    };
    expect(report.calls).toEqual({ ForgotPassword: 4 });
    expect(report.injected.map((f) => f.kind)).toEqual(['http500', 'throttle', 'drop', 'delay']);
  });

  it('cuts a successful answer in half with "truncated"', async () => {
    await setFaults([{ operation: 'InitiateAuth', kind: 'truncated', times: 1 }]);
    const input = {
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'Passw0rd!' },
    };
    const cut = await call('InitiateAuth', input);
    expect(cut.status).toBe(200);
    const text = await cut.text();
    expect(text).toContain('"AuthenticationResult"');
    expect(() => JSON.parse(text) as unknown).toThrow();
    const whole = await call('InitiateAuth', input);
    expect(Object.keys((await whole.json()) as object)).toContain('AuthenticationResult');
  });

  it('refuses a bad rule with a Cognito error, and DELETE and /_local/reset clear the rules', async () => {
    const bad = await setFaults([{ operation: 'InitiateAuth', kind: 'explode' }]);
    expect(bad.status).toBe(400);
    await setFaults([{ operation: '*', kind: 'http500' }]);
    expect((await call('ForgotPassword', signUpInput)).status).toBe(500);
    await fetch(`${pool.url}/_local/faults`, { method: 'DELETE' });
    expect((await call('ForgotPassword', signUpInput)).status).toBe(400);
    await setFaults([{ operation: '*', kind: 'http500' }]);
    await fetch(`${pool.url}/_local/reset`, { method: 'POST' });
    expect((await call('ForgotPassword', signUpInput)).status).toBe(400);
  });
});
