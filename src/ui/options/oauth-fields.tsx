import { TextField } from '../forms/text-field';
import type { OAuthDraft, OAuthProblems } from './oauth-draft';

/**
 * Optional hosted-UI settings of an account (docs/federated.md). The app client must list the
 * extension's redirect URL as a callback and sign-out URL; the hint says which.
 */
export function OAuthFields(props: {
  draft: OAuthDraft;
  onDraft: (draft: OAuthDraft) => void;
  problems: OAuthProblems;
  redirectHint: string;
}) {
  const field = (name: keyof OAuthDraft) => ({
    value: props.draft[name],
    onValue: (value: string) => {
      props.onDraft({ ...props.draft, [name]: value });
    },
    problem: props.problems[name],
    name: `oauth-${name}`,
  });
  return (
    <fieldset class="card" aria-describedby="oauth-help">
      <legend>Hosted UI and federated sign-in (optional)</legend>
      <p id="oauth-help" class="hint">
        {`Adds “Sign in with …” buttons to the popup. In the app client, allow ${props.redirectHint} as a callback and sign-out URL. Leave all three empty for none.`}
      </p>
      <TextField
        label="Cognito domain"
        {...field('domain')}
        hint="For example myapp.auth.us-east-1.amazoncognito.com."
      />
      <TextField
        label="Scopes"
        {...field('scopes')}
        hint="openid is required, e.g. openid email profile."
      />
      <TextField
        label="Identity providers"
        {...field('providers')}
        hint="COGNITO for Cognito's own page, and provider names such as Google, SignInWithApple."
      />
    </fieldset>
  );
}
