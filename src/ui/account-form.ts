/**
 * The options page's account form as plain data, and its validation: every field gets a plain
 * message before anything is sent, so a typo in a pool id never reaches the background.
 */
import * as v from 'valibot';
import {
  AccountInputSchema,
  type AccountInput,
  type AccountView,
  type AuthFlow,
} from '../platform/protocol';
import type { PasswordPolicy } from '../session/password-policy';
import { regionOfPoolId } from './import-amplify-config';

export interface AccountForm {
  id?: string;
  displayName: string;
  region: string;
  userPoolId: string;
  clientId: string;
  /** Empty means "no secret" for a new account and "keep the stored one" for an edit. */
  clientSecret: string;
  endpoint: string;
  staySignedIn: boolean;
  defaultAuthFlow: AuthFlow | '';
  /** Not a field: carried from the stored account or an imported file. */
  passwordPolicy?: PasswordPolicy;
}

export type AccountField = Exclude<keyof AccountForm, 'id' | 'staySignedIn' | 'passwordPolicy'>;
export type AccountProblems = Partial<Record<AccountField, string>>;

export const EMPTY_ACCOUNT_FORM: AccountForm = {
  displayName: '',
  region: '',
  userPoolId: '',
  clientId: '',
  clientSecret: '',
  endpoint: '',
  staySignedIn: false,
  defaultAuthFlow: '',
};

export function formFromAccount(account: AccountView): AccountForm {
  return {
    id: account.id,
    displayName: account.displayName,
    region: account.region,
    userPoolId: account.userPoolId,
    clientId: account.clientId,
    clientSecret: '',
    endpoint: account.endpoint ?? '',
    staySignedIn: account.staySignedIn,
    defaultAuthFlow: account.defaultAuthFlow ?? '',
    ...(account.passwordPolicy && { passwordPolicy: account.passwordPolicy }),
  };
}

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const POOL_ID = /^[a-z]{2}(-gov)?-[a-z]+-\d_[0-9A-Za-z]+$/;
const CLIENT_ID = /^[0-9a-z]{1,128}$/;

export function validateAccountForm(
  form: AccountForm,
): { ok: true; account: AccountInput } | { ok: false; problems: AccountProblems } {
  const problems: AccountProblems = {};
  const displayName = form.displayName.trim();
  const region = form.region.trim();
  const userPoolId = form.userPoolId.trim();
  const clientId = form.clientId.trim();
  const endpoint = form.endpoint.trim();

  if (displayName.length === 0)
    problems.displayName = 'Give the account a name you will recognize.';
  else if (displayName.length > 64) problems.displayName = 'Keep the name under 64 characters.';

  if (!REGION.test(region)) problems.region = 'A region looks like us-east-1 or eu-west-2.';

  if (!POOL_ID.test(userPoolId)) {
    problems.userPoolId = 'A user pool id looks like us-east-1_AbC123xyz (region, underscore, id).';
  } else if (REGION.test(region) && regionOfPoolId(userPoolId) !== region) {
    problems.userPoolId = `This pool id belongs to ${regionOfPoolId(userPoolId) ?? 'another region'}, not ${region}. Fix the region or the pool id.`;
  }

  if (!CLIENT_ID.test(clientId)) {
    problems.clientId =
      'An app client id has lowercase letters and digits only (26 characters on AWS).';
  }

  if (form.clientSecret.length > 256) problems.clientSecret = 'This secret is too long.';

  if (endpoint.length > 0 && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(endpoint)) {
    problems.endpoint = 'An endpoint is a URL such as https://cognito-idp.us-east-1.amazonaws.com.';
  }

  if (Object.keys(problems).length > 0) return { ok: false, problems };

  const candidate = {
    ...(form.id !== undefined ? { id: form.id } : {}),
    displayName,
    region,
    userPoolId,
    clientId,
    ...(form.clientSecret.length > 0 ? { clientSecret: form.clientSecret } : {}),
    ...(endpoint.length > 0 ? { endpoint } : {}),
    staySignedIn: form.staySignedIn,
    ...(form.defaultAuthFlow !== '' ? { defaultAuthFlow: form.defaultAuthFlow } : {}),
    ...(form.passwordPolicy ? { passwordPolicy: form.passwordPolicy } : {}),
  };
  // The background parses with the same schema: checking here too means no surprise refusal.
  const parsed = v.safeParse(AccountInputSchema, candidate);
  if (!parsed.success) return { ok: false, problems: { displayName: parsed.issues[0].message } };
  return { ok: true, account: parsed.output };
}
