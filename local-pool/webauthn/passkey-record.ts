/** A registered passkey as the pool keeps it (plain JSON, so the data directory can hold it). */
export interface PasskeyRecord {
  /** base64url credential id, as ListWebAuthnCredentials shows it. */
  credentialId: string;
  /** base64url COSE public key. */
  publicKey: string;
  counter: number;
  /** The RP ID it was registered under: a domain, or `chrome-extension://<id>`. */
  relyingPartyId: string;
  friendlyName?: string;
  authenticatorAttachment?: string;
  transports: string[];
  createdAt: number;
}
