/** Placeholder options page. Replaced by the popup and options issue. */
export function OptionsApp() {
  return (
    <main style={{ maxWidth: 720, margin: '0 auto', padding: 24 }}>
      <h1>Cognito Pass settings</h1>
    </main>
  );
}
