import { useState } from 'preact/hooks';
import { CodeInput } from '../forms/code-input';
import { QrCode } from '../forms/qr-code';
import { StepForm } from '../forms/step-form';
import { SubmitButton } from '../forms/submit-button';
import { codeProblem, normalizeCode } from '../validation';
import { StepFrame } from './step-frame';
import type { StepProps } from './step-props';

/** "JBSW Y3DP EHPK 3PXP": groups of four are easier to read and type into another device. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

export function TotpSetup(props: StepProps<'CONTINUE_SIGN_IN_WITH_TOTP_SETUP'>) {
  const accountId = props.account.id;
  const { sharedSecret, otpauthUri } = props.step.totpSetupDetails;
  const [code, setCode] = useState('');
  const [save, setSave] = useState(true);
  const [problem, setProblem] = useState<string | undefined>();
  const [copied, setCopied] = useState(false);
  return (
    <StepFrame
      title="Set up an authenticator app"
      lead="Scan the QR code with your authenticator app, or type the key, then enter the code it shows."
      flow={props.flow}
      accountId={accountId}
      busy={props.busy}
      send={props.send}
      now={props.now}
      back
    >
      <div class="totp-setup">
        <QrCode text={otpauthUri} label="QR code to scan with an authenticator app" />
        <div class="secret">
          <span class="secret-label" id="totp-secret-label">
            Setup key
          </span>
          <code aria-labelledby="totp-secret-label" class="secret-value">
            {groupSecret(sharedSecret)}
          </code>
          <button
            type="button"
            class="link"
            onClick={() => {
              void navigator.clipboard.writeText(sharedSecret).then(() => {
                setCopied(true);
              });
            }}
          >
            {copied ? 'Key copied' : 'Copy key'}
          </button>
        </div>
      </div>
      <StepForm
        label="Authenticator setup"
        busy={props.busy}
        onSubmit={() => {
          const found = codeProblem(code);
          setProblem(found);
          if (found) return;
          void props.send({
            type: 'answer',
            accountId,
            answer: { kind: 'totpSetup', code: normalizeCode(code), saveToAuthenticator: save },
          });
        }}
      >
        <CodeInput value={code} onValue={setCode} problem={problem} label="Code from the app" />
        <label class="check">
          <input
            type="checkbox"
            checked={save}
            onChange={(event) => {
              setSave(event.currentTarget.checked);
            }}
          />
          Save to Cognito Pass authenticator
        </label>
        <SubmitButton busy={props.busy} busyLabel="Checking…">
          Verify and sign in
        </SubmitButton>
      </StepForm>
    </StepFrame>
  );
}
