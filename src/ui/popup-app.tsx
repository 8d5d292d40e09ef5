import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

/** Placeholder popup: shows that the background answers. Replaced by the popup issue. */
export function PopupApp() {
  const [status, setStatus] = useState('Connecting to the background…');
  useEffect(() => {
    browser.runtime
      .sendMessage({ type: 'ping' })
      .then(() => setStatus('Background ready'))
      .catch(() => setStatus('The background did not answer'));
  }, []);
  return (
    <main data-step="SIGN_IN" style={{ width: 360, padding: 16 }}>
      <h1 style={{ fontSize: 18, margin: 0 }}>Cognito Pass</h1>
      <p id="status" role="status">
        {status}
      </p>
    </main>
  );
}
