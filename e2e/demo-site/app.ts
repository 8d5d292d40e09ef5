/**
 * The demo site: a real aws-amplify v6 app configured with the local pool's demo pool. It never
 * signs in by itself — whatever session it shows came from Cognito Pass. Stable element ids for
 * the browser tests. Query parameters: `storage=cookies` switches Amplify to its CookieStorage
 * (the SSR setup); `echo=<origin>` makes the page call that echo server (cookies, Authorization).
 */
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, getCurrentUser } from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { CookieStorage, Hub } from 'aws-amplify/utils';

import { DEMO_CLIENT_ID, DEMO_ENDPOINT, DEMO_POOL_ID } from './app-config';

const params = new URLSearchParams(location.search);
const useCookies = params.get('storage') === 'cookies';

Amplify.configure(
  {
    Auth: {
      Cognito: {
        userPoolId: DEMO_POOL_ID,
        userPoolClientId: DEMO_CLIENT_ID,
        userPoolEndpoint: DEMO_ENDPOINT,
      },
    },
  },
  useCookies ? { ssr: true } : undefined,
);
if (useCookies) {
  cognitoUserPoolsTokenProvider.setKeyValueStorage(
    new CookieStorage({ sameSite: 'lax', secure: location.protocol === 'https:' }),
  );
}

function show(id: string, text: string): void {
  const element = document.getElementById(id);
  if (element) element.textContent = text;
}

async function callGetUser(accessToken: string): Promise<string> {
  try {
    return await getUser(accessToken);
  } catch (error) {
    // The pool being down says nothing about the session: keep showing who is signed in.
    return `error: ${String(error)}`;
  }
}

async function getUser(accessToken: string): Promise<string> {
  const response = await fetch(DEMO_ENDPOINT, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser',
    },
    body: JSON.stringify({ AccessToken: accessToken }),
  });
  const body = (await response.json()) as {
    Username?: string;
    UserAttributes?: Array<{ Name: string; Value: string }>;
    __type?: string;
  };
  if (!response.ok) return `error: ${body.__type ?? String(response.status)}`;
  const email = body.UserAttributes?.find((attribute) => attribute.Name === 'email')?.Value;
  return `${body.Username ?? '?'} <${email ?? '?'}>`;
}

async function callEcho(): Promise<void> {
  const echo = params.get('echo');
  if (!echo) return;
  try {
    const response = await fetch(`${echo}/echo`, { credentials: 'include' });
    show('echo', await response.text());
  } catch (error) {
    show('echo', `error: ${String(error)}`);
  }
}

let renders = 0;

/** Reads the session the way any Amplify app does, on demand, and shows it. */
async function render(): Promise<void> {
  renders += 1;
  show('renders', String(renders));
  show('storage-kind', useCookies ? 'cookies' : 'localStorage');
  try {
    const user = await getCurrentUser();
    const session = await fetchAuthSession();
    const accessToken = session.tokens?.accessToken.toString() ?? '';
    show('who', `Signed in as ${user.username}`);
    show('username', user.username);
    show('user-id', user.userId);
    show('access-token-tail', accessToken.slice(-16));
    show('access-token-iat', String(session.tokens?.accessToken.payload.iat ?? ''));
    show('getuser', accessToken ? await callGetUser(accessToken) : 'no access token');
  } catch {
    show('who', 'Not signed in.');
    for (const id of ['username', 'user-id', 'access-token-tail', 'access-token-iat', 'getuser']) {
      show(id, '');
    }
  }
  await callEcho();
  document.body.dataset.rendered = String(renders);
}

// Amplify reads storage on demand, so a page re-reads when told something changed: Hub events
// (Amplify's own cross-tab listener) and the `storage` events Cognito Pass's bridge announces.
Hub.listen('auth', () => void render());
window.addEventListener('storage', () => void render());
document.getElementById('refresh')?.addEventListener('click', () => void render());
// What an app holding the refresh token does by itself when its access token runs out.
document.getElementById('site-refresh')?.addEventListener('click', () => {
  void fetchAuthSession({ forceRefresh: true })
    .catch((error: unknown) => {
      show('site-refresh-error', String(error));
    })
    .then(render);
});
// What the first synchronous read saw, before any event: proves the session was there on load.
show(
  'initial-last-auth-user',
  useCookies
    ? document.cookie.includes(`CognitoIdentityServiceProvider.${DEMO_CLIENT_ID}.LastAuthUser=`)
      ? 'present'
      : 'absent'
    : (localStorage.getItem(`CognitoIdentityServiceProvider.${DEMO_CLIENT_ID}.LastAuthUser`) ??
        'absent'),
);
void render();
