import { describe, expect, it } from 'vitest';
import {
  assertionToJson,
  creationOptionsFromJson,
  fromBase64Url,
  registrationToJson,
  requestOptionsFromJson,
  toBase64Url,
} from './webauthn-json';

const bytes = (...values: number[]) => Uint8Array.from(values).buffer;

describe('base64url', () => {
  it.each([[[]], [[0]], [[255, 254]], [[251, 255, 191]], [[1, 2, 3, 4, 5, 6, 7]]])(
    'round-trips %j without padding or + and /',
    (values) => {
      const text = toBase64Url(Uint8Array.from(values));
      expect(text).not.toMatch(/[+/=]/);
      expect([...new Uint8Array(fromBase64Url(text))]).toEqual(values);
    },
  );
});

describe('options from Cognito JSON', () => {
  it('turns CredentialCreationOptions into create() options', () => {
    const options = creationOptionsFromJson({
      challenge: toBase64Url(bytes(1, 2, 3)),
      rp: { name: 'demo', id: 'example.com' },
      user: { id: toBase64Url(bytes(9)), name: 'alice', displayName: 'Alice' },
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      timeout: 300000,
      excludeCredentials: [
        { type: 'public-key', id: toBase64Url(bytes(7, 7)), transports: ['internal'] },
      ],
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    expect([...new Uint8Array(options.challenge as ArrayBuffer)]).toEqual([1, 2, 3]);
    expect(options.rp).toEqual({ name: 'demo', id: 'example.com' });
    expect(options.user.displayName).toBe('Alice');
    expect([...new Uint8Array(options.excludeCredentials?.[0]?.id as ArrayBuffer)]).toEqual([7, 7]);
    expect(options.excludeCredentials?.[0]?.transports).toEqual(['internal']);
    expect(options.authenticatorSelection?.userVerification).toBe('required');
  });

  it('leaves rp.id out when Cognito (the local pool for extensions) sends none', () => {
    const options = creationOptionsFromJson({
      challenge: 'AQID',
      rp: { name: 'demo' },
      user: { id: 'CQ', name: 'alice' },
    });
    expect(options.rp).toEqual({ name: 'demo' });
  });

  it('refuses options without a challenge', () => {
    expect(() => requestOptionsFromJson({})).toThrow(/challenge/);
  });

  it('turns CREDENTIAL_REQUEST_OPTIONS into get() options', () => {
    const options = requestOptionsFromJson({
      challenge: 'AQID',
      rpId: 'example.com',
      allowCredentials: [{ type: 'public-key', id: 'Bwc' }],
      userVerification: 'preferred',
    });
    expect(options.rpId).toBe('example.com');
    expect([...new Uint8Array(options.allowCredentials?.[0]?.id as ArrayBuffer)]).toEqual([7, 7]);
    expect(options.userVerification).toBe('preferred');
  });
});

describe('credentials to Cognito JSON', () => {
  it('a registration carries the attestation and transports', () => {
    const json = registrationToJson({
      id: 'Bwc',
      rawId: bytes(7, 7),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: bytes(1),
        attestationObject: bytes(2),
        getTransports: () => ['internal'],
      },
      getClientExtensionResults: () => ({ credProps: { rk: true } }),
    });
    expect(json).toEqual({
      id: 'Bwc',
      rawId: 'Bwc',
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: { credProps: { rk: true } },
      response: { clientDataJSON: 'AQ', attestationObject: 'Ag', transports: ['internal'] },
    });
  });

  it('an assertion carries data, signature and user handle; a missing signature is refused', () => {
    const json = assertionToJson({
      id: 'Bwc',
      rawId: bytes(7, 7),
      type: 'public-key',
      response: {
        clientDataJSON: bytes(1),
        authenticatorData: bytes(2),
        signature: bytes(3),
        userHandle: bytes(4),
      },
    });
    expect(json.response).toEqual({
      clientDataJSON: 'AQ',
      authenticatorData: 'Ag',
      signature: 'Aw',
      userHandle: 'BA',
    });
    expect(() =>
      assertionToJson({
        id: 'x',
        rawId: bytes(1),
        type: 'public-key',
        response: { clientDataJSON: bytes(1) },
      }),
    ).toThrow(/signature/);
  });
});
