import type { AccountView } from '../../platform/protocol';
import { SelectField } from '../forms/select-field';
import { TextField } from '../forms/text-field';

/** Names of an entry and the Cognito user whose TOTP step it answers ('' = no user). */
export interface EntryBinding {
  issuer: string;
  account: string;
  accountId: string;
  username: string;
}

export type EntryBindingProblems = Partial<Record<'account' | 'username', string>>;

/** What is wrong with a binding, per field; empty when it can be saved. */
export function bindingProblems(binding: EntryBinding): EntryBindingProblems {
  return {
    ...(binding.account.trim() === '' && { account: 'Enter the account the code is for.' }),
    ...(binding.accountId !== '' &&
      binding.username.trim() === '' && {
        username: 'Enter the user name that signs in with this code.',
      }),
  };
}

/** The `otp:addUri` / `otp:updateEntry` fields of a binding (trimmed, user only when chosen). */
export function bindingFields(binding: EntryBinding) {
  const user =
    binding.accountId !== '' && binding.username.trim() !== ''
      ? { accountId: binding.accountId, username: binding.username.trim() }
      : null;
  return { issuer: binding.issuer.trim(), account: binding.account.trim(), user };
}

/** Issuer, account, and which Cognito Pass account + user signs in with the entry's codes. */
export function EntryBindingFields(props: {
  value: EntryBinding;
  onValue: (value: EntryBinding) => void;
  accounts: readonly AccountView[];
  problems?: EntryBindingProblems;
}) {
  const { value, onValue, accounts, problems = {} } = props;
  const options = [
    { value: '', label: 'No sign-in (codes only)' },
    ...accounts.map((account) => ({ value: account.id, label: account.displayName })),
  ];
  return (
    <>
      <TextField
        label="Issuer"
        value={value.issuer}
        onValue={(issuer) => {
          onValue({ ...value, issuer });
        }}
      />
      <TextField
        label="Account"
        value={value.account}
        onValue={(account) => {
          onValue({ ...value, account });
        }}
        problem={problems.account}
      />
      <SelectField
        label="Answers sign-in for"
        value={value.accountId}
        options={options}
        onValue={(accountId) => {
          onValue({ ...value, accountId });
        }}
        hint="Cognito Pass then offers this code at that user's authenticator step."
      />
      {value.accountId !== '' && (
        <TextField
          label="User name"
          value={value.username}
          autocomplete="username"
          onValue={(username) => {
            onValue({ ...value, username });
          }}
          problem={problems.username}
        />
      )}
    </>
  );
}
