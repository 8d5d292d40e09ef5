import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { AccountInput } from '../../platform/protocol';
import {
  validateAccountForm,
  type AccountField,
  type AccountForm,
  type AccountProblems,
} from '../account-form';
import { StepForm } from '../forms/step-form';
import { SubmitButton } from '../forms/submit-button';
import { TextField } from '../forms/text-field';

export interface AccountEditorProps {
  form: AccountForm;
  onForm: (form: AccountForm) => void;
  /** The stored account has a secret (the page never sees it). */
  hasStoredSecret: boolean;
  busy: boolean;
  onSave: (account: AccountInput) => void;
  onCancel: () => void;
  /** More fields inside the form, before its buttons (the hosted-UI settings). */
  extraFields?: ComponentChildren;
}

const FLOW_LABELS = [
  ['', 'Automatic (password with SRP)'],
  ['USER_SRP_AUTH', 'Password with SRP (USER_SRP_AUTH)'],
  ['USER_PASSWORD_AUTH', 'Plain password (USER_PASSWORD_AUTH)'],
  ['USER_AUTH', 'Choice-based (USER_AUTH: passwordless, passkeys)'],
  ['CUSTOM_AUTH', 'Custom challenge (CUSTOM_AUTH)'],
  ['CUSTOM_WITH_SRP', 'Custom challenge after SRP'],
] as const;

/** Add or edit one account; nothing typed is lost when validation finds a problem. */
export function AccountEditor(props: AccountEditorProps) {
  const { form, onForm } = props;
  const [problems, setProblems] = useState<AccountProblems>({});
  const field = (name: AccountField) => ({
    value: form[name],
    onValue: (value: string) => {
      onForm({ ...form, [name]: value });
    },
    problem: problems[name],
    name,
  });
  const editing = form.id !== undefined;
  return (
    <StepForm
      label={editing ? 'Edit account' : 'Add account'}
      busy={props.busy}
      onSubmit={() => {
        const result = validateAccountForm(form);
        if (!result.ok) {
          setProblems(result.problems);
          return;
        }
        setProblems({});
        props.onSave(result.account);
      }}
    >
      <TextField label="Display name" {...field('displayName')} hint="Shown in the popup." />
      <div class="form-grid">
        <TextField label="Region" {...field('region')} hint="For example us-east-1." />
        <TextField
          label="User pool id"
          {...field('userPoolId')}
          hint="For example us-east-1_AbC123xyz."
        />
      </div>
      <TextField label="App client id" {...field('clientId')} />
      <TextField
        label="Client secret (optional)"
        type="password"
        autocomplete="off"
        {...field('clientSecret')}
        hint={
          props.hasStoredSecret
            ? 'A secret is stored. Leave empty to keep it.'
            : 'Only for app clients created with a secret.'
        }
      />
      <p class="warning" role="note">
        A browser extension cannot keep a client secret truly secret: anyone with access to this
        browser profile can read it. Prefer a public app client; use a secret only where the pool
        requires one.
      </p>
      <TextField
        label="Custom endpoint (optional)"
        type="url"
        {...field('endpoint')}
        hint="Leave empty for Amazon Cognito. For a local pool: http://127.0.0.1:9230."
      />
      <div class="field">
        <label for="default-auth-flow">Sign-in flow</label>
        <select
          id="default-auth-flow"
          value={form.defaultAuthFlow}
          onChange={(event) => {
            onForm({
              ...form,
              defaultAuthFlow: event.currentTarget.value as AccountForm['defaultAuthFlow'],
            });
          }}
        >
          {FLOW_LABELS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={form.staySignedIn}
          onChange={(event) => {
            onForm({ ...form, staySignedIn: event.currentTarget.checked });
          }}
        />
        Stay signed in after the browser restarts
      </label>
      {props.extraFields}
      <div class="form-buttons">
        <SubmitButton busy={props.busy} busyLabel="Saving…">
          {editing ? 'Save changes' : 'Save account'}
        </SubmitButton>
        <button type="button" class="secondary" disabled={props.busy} onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </StepForm>
  );
}
