/**
 * Cognito's four passkey operations of a signed-in user (AccessToken-authorized, no SECRET_HASH):
 * StartWebAuthnRegistration, CompleteWebAuthnRegistration, ListWebAuthnCredentials and
 * DeleteWebAuthnCredential, over the same JSON transport as the sign-in gateway.
 */
import { toAuthError } from '../cognito/auth-error';
import type { CognitoClientConfig } from '../cognito/gateway';
import { callCognito, type TransportConfig } from '../cognito/sdk-gateway-transport';
import type { Json } from './webauthn-json';

export interface PasskeyView {
  credentialId: string;
  friendlyName: string;
  relyingPartyId: string;
  authenticatorAttachment?: string;
  /** Epoch ms. */
  createdAt: number;
}

export interface PasskeyGateway {
  startRegistration(accessToken: string): Promise<Json>;
  completeRegistration(accessToken: string, credential: Json): Promise<void>;
  list(accessToken: string): Promise<PasskeyView[]>;
  remove(accessToken: string, credentialId: string): Promise<void>;
}

interface CredentialDescription {
  CredentialId?: string;
  FriendlyCredentialName?: string;
  RelyingPartyId?: string;
  AuthenticatorAttachment?: string;
  CreatedAt?: number;
}

/** The JSON protocol sends timestamps as epoch seconds (with a fraction). */
function toView(description: CredentialDescription): PasskeyView | undefined {
  if (description.CredentialId === undefined) return undefined;
  return {
    credentialId: description.CredentialId,
    friendlyName: description.FriendlyCredentialName ?? 'Passkey',
    relyingPartyId: description.RelyingPartyId ?? '',
    ...(description.AuthenticatorAttachment !== undefined && {
      authenticatorAttachment: description.AuthenticatorAttachment,
    }),
    createdAt: Math.round((description.CreatedAt ?? 0) * 1000),
  };
}

const MAX_PAGES = 10;

export function createPasskeyGateway(
  config: CognitoClientConfig,
  fetchImpl?: typeof fetch,
): PasskeyGateway {
  const base = {
    region: config.region,
    ...(config.endpoint !== undefined && { endpoint: config.endpoint }),
    ...(fetchImpl !== undefined && { fetch: fetchImpl }),
  };
  // Listing is safe to repeat; registration spends a challenge and deletion is not idempotent.
  const retrying: TransportConfig = { ...base, maxAttempts: 3 };
  const once: TransportConfig = { ...base, maxAttempts: 1 };
  async function call<T>(transport: TransportConfig, operation: string, input: object) {
    try {
      return await callCognito<T>(transport, operation, input);
    } catch (error) {
      throw toAuthError(error);
    }
  }
  return {
    async startRegistration(accessToken) {
      const out = await call<{ CredentialCreationOptions?: Json }>(
        once,
        'StartWebAuthnRegistration',
        { AccessToken: accessToken },
      );
      if (out.CredentialCreationOptions === undefined) {
        throw toAuthError(new Error('StartWebAuthnRegistration returned no options'));
      }
      return out.CredentialCreationOptions;
    },
    async completeRegistration(accessToken, credential) {
      await call(once, 'CompleteWebAuthnRegistration', {
        AccessToken: accessToken,
        Credential: credential,
      });
    },
    async list(accessToken) {
      const views: PasskeyView[] = [];
      let next: string | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const out = await call<{ Credentials?: CredentialDescription[]; NextToken?: string }>(
          retrying,
          'ListWebAuthnCredentials',
          {
            AccessToken: accessToken,
            MaxResults: 20,
            ...(next !== undefined && { NextToken: next }),
          },
        );
        for (const description of out.Credentials ?? []) {
          const view = toView(description);
          if (view) views.push(view);
        }
        next = out.NextToken;
        if (next === undefined) break;
      }
      return views;
    },
    async remove(accessToken, credentialId) {
      await call(once, 'DeleteWebAuthnCredential', {
        AccessToken: accessToken,
        CredentialId: credentialId,
      });
    },
  };
}
