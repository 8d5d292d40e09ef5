import { describe, expect, it } from 'vitest';
import { cognitoCalls, networkMs, operationOf } from './counting-proxy';

describe('counting proxy bookkeeping', () => {
  it('names Cognito operations by their target and everything else by method and path', () => {
    expect(operationOf('POST', '/', 'AWSCognitoIdentityProviderService.InitiateAuth')).toBe(
      'InitiateAuth',
    );
    expect(operationOf('OPTIONS', '/', undefined)).toBe('OPTIONS /');
    expect(
      cognitoCalls([
        { operation: 'InitiateAuth', startedAt: 0, endedAt: 1 },
        { operation: 'OPTIONS /', startedAt: 0, endedAt: 1 },
      ]).map((c) => c.operation),
    ).toEqual(['InitiateAuth']);
  });

  it('counts overlapping waits once', () => {
    expect(
      networkMs([
        { operation: 'a', startedAt: 0, endedAt: 10 },
        { operation: 'b', startedAt: 5, endedAt: 12 },
        { operation: 'c', startedAt: 20, endedAt: 25 },
      ]),
    ).toBe(17);
    expect(networkMs([])).toBe(0);
  });
});
