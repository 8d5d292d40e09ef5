/**
 * Provider names, apart from the settings schema: the popup needs the label but not valibot,
 * which the schema would bring into its bundle (~2 kB gzipped).
 */

/** Cognito's own login page; other names are federated providers (Google, a SAML/OIDC IdP…). */
export const COGNITO_PROVIDER = 'COGNITO';

/** What the popup's button says: Cognito's own page is the "hosted UI". */
export function providerLabel(provider: string): string {
  return provider === COGNITO_PROVIDER ? 'Cognito hosted UI' : provider;
}
