import { useId, useState } from 'preact/hooks';
import type { AuthErrorView } from '../../signin/steps';
import { ErrorAlert } from '../forms/error-alert';
import { importAmplifyConfig, type ImportedPool } from '../import-amplify-config';

export interface AmplifyImportProps {
  onImported: (pool: ImportedPool) => void;
}

/** Paste or choose an Amplify configuration file; the ids it holds fill the account form. */
export function AmplifyImport({ onImported }: AmplifyImportProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<AuthErrorView | null>(null);
  const run = (content: string) => {
    const result = importAmplifyConfig(content);
    if (result.ok) {
      setError(null);
      onImported(result.pool);
    } else {
      setError(result.error);
    }
  };
  return (
    <div class="card">
      <p class="lead">
        Paste or choose <code>amplify_outputs.json</code> (Amplify Gen 2), or{' '}
        <code>aws-exports.js</code> / <code>amplifyconfiguration.json</code> (Gen 1). Only the user
        pool settings are read; the file stays on this device.
      </p>
      {error && <ErrorAlert error={error} />}
      <div class="field">
        <label for={`${id}-text`}>Configuration file content</label>
        <textarea
          id={`${id}-text`}
          rows={6}
          value={text}
          spellcheck={false}
          onInput={(event) => {
            setText(event.currentTarget.value);
          }}
        />
      </div>
      <div class="form-buttons">
        <button
          type="button"
          class="primary"
          onClick={() => {
            run(text);
          }}
        >
          Import pasted settings
        </button>
      </div>
      <div class="field import-file">
        <label for={`${id}-file`}>Or choose the file</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".json,.js,.mjs,.ts,application/json,text/javascript"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (!file) return;
            void file.text().then((content) => {
              setText(content);
              run(content);
            });
          }}
        />
      </div>
    </div>
  );
}
