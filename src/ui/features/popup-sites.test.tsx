// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PopupApp } from '../popup-app';
import { featureBackground, site } from '../testing/feature-fixtures';
import { fakeClient, stateAt, type FakeFeatureOptions } from '../testing/fixtures';

afterEach(cleanup);

const DONE = {
  name: 'DONE' as const,
  user: { username: 'alice', sub: 'sub-alice', email: 'alice@example.com' },
  accessTokenExpiresAt: Date.now() + 3_600_000,
};

function popup(features: FakeFeatureOptions) {
  const fake = fakeClient(stateAt(DONE), undefined, features);
  render(<PopupApp client={fake.client} />);
  return fake;
}

describe('PopupSites on the DONE screen', () => {
  it("lists this account's sites with their grant state, not other accounts' sites", async () => {
    popup({
      feature: featureBackground({
        sites: [
          site('https://app.example.com'),
          site('http://127.0.0.1:5173', { format: 'amplify-cookies', granted: false }),
          site('https://other.example', { accountId: 'strict' }),
        ],
      }),
    });
    const list = await screen.findByRole('list');
    expect(list.textContent).toContain('https://app.example.com');
    expect(list.textContent).toContain('Amplify (localStorage) · access granted');
    expect(list.textContent).toContain('Amplify (cookies) · access revoked');
    expect(list.textContent).not.toContain('other.example');
  });

  it('shares the active tab: asks permission for exactly that origin, then sends shareSite', async () => {
    const fake = popup({
      feature: featureBackground(),
      activeOrigin: 'https://app.example.com',
    });
    await screen.findByText(/not shared with any site/);
    const share = { type: 'shareSite', origin: 'https://app.example.com', accountId: 'demo' };
    fireEvent.click(
      await screen.findByRole('button', { name: 'Share with this site (https://app.example.com)' }),
    );
    // Recorded within the click itself, before the prompt is answered (it may close the popup).
    expect(fake.featureActions()).toEqual([share]);
    await screen.findByText('Shared with https://app.example.com.');
    expect(fake.permissionRequests).toEqual([['https://app.example.com/*']]);
    // Then, the popup still open and the grant given, shared again to show the result here.
    expect(fake.featureActions()).toEqual([share, share]);
    expect(screen.queryByRole('button', { name: /Share with this site/ })).toBeNull();
  });

  it('says so when the permission is refused, and shares nothing', async () => {
    const fake = popup({
      feature: featureBackground(),
      activeOrigin: 'https://app.example.com',
      grant: false,
    });
    fireEvent.click(await screen.findByRole('button', { name: /Share with this site/ }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/did not grant/);
    // Only the recording made in the click: the background keeps it pending, and without a
    // grant it never becomes a share (src/sites/wire.test.ts). Nothing is shared after refusal.
    expect(fake.featureActions()).toEqual([
      { type: 'shareSite', origin: 'https://app.example.com', accountId: 'demo' },
    ]);
    expect(screen.queryByText(/^Shared with https/)).toBeNull();
  });

  it('offers no share button for a site already shared or a tab without a web origin', async () => {
    popup({
      feature: featureBackground({ sites: [site('https://app.example.com', { accountId: 'x' })] }),
      activeOrigin: 'https://app.example.com',
    });
    await screen.findByText(/not shared with any site/);
    expect(screen.queryByRole('button', { name: /Share with this site/ })).toBeNull();
    cleanup();
    popup({ feature: featureBackground() });
    await screen.findByText(/not shared with any site/);
    expect(screen.queryByRole('button', { name: /Share with this site/ })).toBeNull();
  });

  it('shows the BackgroundUnavailable error when nothing answers', async () => {
    popup({ activeOrigin: 'https://app.example.com' });
    await waitFor(() => {
      expect(screen.getByRole('alert').getAttribute('data-code')).toBe('BackgroundUnavailable');
    });
    expect(screen.queryByRole('button', { name: /Share with this site/ })).toBeNull();
  });
});
