/** The table from `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>` to handlers. */
import type { PoolContext } from './context';
import type { Json } from './input';
import * as account from './account-ops';
import * as admin from './admin-ops';
import * as devices from './device-ops';
import { initiateAuth, respondToAuthChallenge } from './auth-flow';
import { getTokensFromRefreshToken, globalSignOut, revokeToken } from './refresh';
import { associateSoftwareToken, verifySoftwareToken } from './software-token';
import * as passkeys from './webauthn/registration-ops';

export type Operation = (ctx: PoolContext, body: Json) => unknown;

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  InitiateAuth: initiateAuth,
  RespondToAuthChallenge: respondToAuthChallenge,
  GetTokensFromRefreshToken: getTokensFromRefreshToken,
  RevokeToken: revokeToken,
  GlobalSignOut: globalSignOut,
  SignUp: account.signUp,
  ConfirmSignUp: account.confirmSignUp,
  ResendConfirmationCode: account.resendConfirmationCode,
  ForgotPassword: account.forgotPassword,
  ConfirmForgotPassword: account.confirmForgotPassword,
  GetUser: account.getUser,
  UpdateUserAttributes: account.updateUserAttributes,
  GetUserAttributeVerificationCode: account.getUserAttributeVerificationCode,
  VerifyUserAttribute: account.verifyUserAttribute,
  ChangePassword: account.changePassword,
  SetUserMFAPreference: account.setUserMfaPreference,
  AssociateSoftwareToken: associateSoftwareToken,
  VerifySoftwareToken: verifySoftwareToken,
  ConfirmDevice: devices.confirmDevice,
  UpdateDeviceStatus: devices.updateDeviceStatus,
  ListDevices: devices.listDevices,
  GetDevice: devices.getDevice,
  ForgetDevice: devices.forgetDevice,
  AdminCreateUser: admin.adminCreateUser,
  AdminGetUser: admin.adminGetUser,
  AdminSetUserMFAPreference: admin.adminSetUserMfaPreference,
  AdminResetUserPassword: admin.adminResetUserPassword,
  AdminDisableUser: admin.adminSetEnabled(false),
  AdminEnableUser: admin.adminSetEnabled(true),
  AdminConfirmSignUp: admin.adminConfirmSignUp,
  AdminSetUserPassword: admin.adminSetUserPassword,
  AdminUpdateUserAttributes: admin.adminUpdateUserAttributes,
  AdminDeleteUser: admin.adminDeleteUser,
  ListUsers: admin.listUsers,
  StartWebAuthnRegistration: passkeys.startWebAuthnRegistration,
  CompleteWebAuthnRegistration: passkeys.completeWebAuthnRegistration,
  ListWebAuthnCredentials: passkeys.listWebAuthnCredentials,
  DeleteWebAuthnCredential: passkeys.deleteWebAuthnCredential,
};

export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
