/**
 * The hosted UI's HTML: the login page (username + password, the fake external provider, cancel),
 * the DemoIdP consent page and an error page. Plain forms, no script, everything escaped.
 */

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `body{font-family:system-ui,sans-serif;background:#f3f4f6;margin:0;display:flex;justify-content:center}
main{background:#fff;margin:32px 12px;padding:24px;border-radius:8px;max-width:340px;width:100%;box-shadow:0 1px 3px #0002}
h1{font-size:1.25rem;margin:0 0 4px}p{color:#4b5563;margin:0 0 16px}
label{display:block;font-weight:600;margin:12px 0 4px}input{width:100%;box-sizing:border-box;padding:8px;font-size:1rem}
button{width:100%;padding:10px;margin-top:16px;font-size:1rem;border-radius:6px;border:1px solid #1d4ed8;background:#1d4ed8;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1d4ed8}button.idp{background:#111827;border-color:#111827}
.error{color:#b91c1c;background:#fef2f2;padding:8px;border-radius:6px}.or{text-align:center;margin:16px 0 0;color:#6b7280}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export function loginPage(input: {
  requestId: string;
  poolName: string;
  clientName: string;
  offersCognito: boolean;
  offersDemoIdp: boolean;
  username?: string;
  error?: string;
}): string {
  const request = `<input type="hidden" name="request" value="${escapeHtml(input.requestId)}">`;
  const form = input.offersCognito
    ? `<form method="post" action="/login">${request}
<label for="username">Username</label><input id="username" name="username" autocomplete="username" value="${escapeHtml(input.username ?? '')}" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit" name="action" value="password">Sign in</button></form>`
    : '';
  const idp = input.offersDemoIdp
    ? `${input.offersCognito ? '<p class="or">or</p>' : ''}<form method="post" action="/login">${request}
<button type="submit" class="idp" name="action" value="demoidp">Sign in with DemoIdP</button></form>`
    : '';
  return page(
    'Sign in',
    `<h1>Sign in</h1><p>to ${escapeHtml(input.clientName)} (${escapeHtml(input.poolName)} pool, local hosted UI)</p>
${input.error === undefined ? '' : `<p class="error" role="alert">${escapeHtml(input.error)}</p>`}
${form}${idp}
<form method="post" action="/login">${request}<button type="submit" class="secondary" name="action" value="cancel">Cancel</button></form>`,
  );
}

export function demoIdpPage(input: { requestId: string; clientName: string }): string {
  const request = `<input type="hidden" name="request" value="${escapeHtml(input.requestId)}">`;
  return page(
    'DemoIdP',
    `<h1>DemoIdP</h1><p>A stand-in for an external identity provider (Google, SAML, OIDC).
The app “${escapeHtml(input.clientName)}” asks to know who you are.</p>
<form method="post" action="/login">${request}<button type="submit" class="idp" name="action" value="demoidp-consent">Continue as Pat (pat@demoidp.example)</button></form>
<form method="post" action="/login">${request}<button type="submit" class="secondary" name="action" value="cancel">Cancel</button></form>`,
  );
}

export function errorPage(message: string): string {
  return page(
    'Sign-in error',
    `<h1>Something went wrong</h1><p class="error" role="alert">${escapeHtml(message)}</p>`,
  );
}
