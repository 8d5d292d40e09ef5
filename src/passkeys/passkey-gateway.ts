/**
 * Cognito's four passkey operations of a signed-in user (AccessToken-authorized, no SECRET_HASH):
 * StartWebAuthnRegistration, CompleteWebAuthnRegistration, ListWebAuthnCredentials and
 * DeleteWebAuthnCredential, through the same SDK clients as the sign-in gateway (deadline,
 * retries only where safe).
 */
import {
  CompleteWebAuthnRegistrationCommand,
  DeleteWebAuthnCredentialCommand,
  ListWebAuthnCredentialsCommand,
  StartWebAuthnRegistrationCommand,
  type CompleteWebAuthnRegistrationCommandInput,
  type WebAuthnCredentialDescription,
} from '@aws-sdk/client-cognito-identity-provider';
import { toAuthError } from '../cognito/auth-error';
import type { CognitoClientConfig } from '../cognito/gateway';
import { createCognitoClients } from '../cognito/sdk-clients';
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

function toView(description: WebAuthnCredentialDescription): PasskeyView | undefined {
  if (description.CredentialId === undefined) return undefined;
  return {
    credentialId: description.CredentialId,
    friendlyName: description.FriendlyCredentialName ?? 'Passkey',
    relyingPartyId: description.RelyingPartyId ?? '',
    ...(description.AuthenticatorAttachment !== undefined && {
      authenticatorAttachment: description.AuthenticatorAttachment,
    }),
    createdAt: description.CreatedAt?.getTime() ?? 0,
  };
}

const MAX_PAGES = 10;

export function createPasskeyGateway(
  config: CognitoClientConfig,
  fetchImpl?: typeof fetch,
): PasskeyGateway {
  // Listing is safe to repeat; registration spends a challenge and deletion is not idempotent.
  const { retrying, once } = createCognitoClients(
    config,
    fetchImpl !== undefined ? { fetch: fetchImpl } : {},
  );
  async function call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toAuthError(error);
    }
  }
  return {
    async startRegistration(accessToken) {
      const out = await call(() =>
        once.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken })),
      );
      if (out.CredentialCreationOptions === undefined) {
        throw toAuthError(new Error('StartWebAuthnRegistration returned no options'));
      }
      return out.CredentialCreationOptions as Json;
    },
    async completeRegistration(accessToken, credential) {
      await call(() =>
        once.send(
          new CompleteWebAuthnRegistrationCommand({
            AccessToken: accessToken,
            // The credential came from JSON (the page's message, schema-checked): JSON-safe.
            Credential: credential as CompleteWebAuthnRegistrationCommandInput['Credential'],
          }),
        ),
      );
    },
    async list(accessToken) {
      const views: PasskeyView[] = [];
      let next: string | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const out = await call(() =>
          retrying.send(
            new ListWebAuthnCredentialsCommand({
              AccessToken: accessToken,
              MaxResults: 20,
              ...(next !== undefined && { NextToken: next }),
            }),
          ),
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
      await call(() =>
        once.send(
          new DeleteWebAuthnCredentialCommand({
            AccessToken: accessToken,
            CredentialId: credentialId,
          }),
        ),
      );
    },
  };
}
