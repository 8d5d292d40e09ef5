/**
 * The response fields the gateway reads, named as in Cognito's API reference (AWS JSON 1.1).
 * Everything is optional: the gateway checks what it needs and reports a malformed answer.
 */
export interface AuthenticationResultType {
  AccessToken?: string;
  IdToken?: string;
  RefreshToken?: string;
  ExpiresIn?: number;
  TokenType?: string;
  NewDeviceMetadata?: { DeviceKey?: string; DeviceGroupKey?: string };
}

export interface CodeDeliveryDetailsType {
  Destination?: string;
  DeliveryMedium?: string;
  AttributeName?: string;
}

export interface InitiateAuthOutput {
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
  AuthenticationResult?: AuthenticationResultType;
  AvailableChallenges?: string[];
}

export type RespondToAuthChallengeOutput = InitiateAuthOutput;

export interface AssociateSoftwareTokenOutput {
  SecretCode?: string;
  Session?: string;
}

export interface VerifySoftwareTokenOutput {
  Status?: string;
  Session?: string;
}

export interface SignUpOutput {
  UserConfirmed?: boolean;
  CodeDeliveryDetails?: CodeDeliveryDetailsType;
  UserSub?: string;
  Session?: string;
}

export interface ConfirmSignUpOutput {
  Session?: string;
}

export interface ResendConfirmationCodeOutput {
  CodeDeliveryDetails?: CodeDeliveryDetailsType;
}

export type ForgotPasswordOutput = ResendConfirmationCodeOutput;

export interface GetTokensFromRefreshTokenOutput {
  AuthenticationResult?: AuthenticationResultType;
}

export interface ConfirmDeviceOutput {
  UserConfirmationNecessary?: boolean;
}

export interface GetUserOutput {
  Username?: string;
  UserAttributes?: { Name?: string; Value?: string }[];
}
