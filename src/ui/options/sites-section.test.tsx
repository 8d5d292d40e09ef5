// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { REFRESH_TOKEN_TRADE_OFF } from '../../sites/page-requests';
import { featureBackground, site } from '../testing/feature-fixtures';
import {
  DEMO_ACCOUNT,
  fakeClient,
  STRICT_ACCOUNT,
  type FakeFeatureOptions,
} from '../testing/fixtures';
import { SitesSection } from './sites-section';

afterEach(cleanup);

function section(features: FakeFeatureOptions) {
  const fake = fakeClient(
    { accounts: [DEMO_ACCOUNT, STRICT_ACCOUNT], activeAccountId: 'demo', busy: false },
    undefined,
    features,
  );
  render(<SitesSection client={fake.client} accounts={[DEMO_ACCOUNT, STRICT_ACCOUNT]} />);
  return fake;
}

const type = (label: string, value: string) => {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
};

describe('SitesSection', () => {
  it('refuses an origin with a path before asking anything, then shares a valid one', async () => {
    const fake = section({ feature: featureBackground() });
    await screen.findByText('No site yet.');
    fireEvent.click(screen.getByRole('button', { name: 'Add a site' }));
    expect(screen.getByText(REFRESH_TOKEN_TRADE_OFF)).toBeTruthy();
    type('Site origin', 'https://app.example.com/login');
    fireEvent.click(screen.getByRole('button', { name: 'Share with this site' }));
    expect(screen.getByText(/without a path/)).toBeTruthy();
    expect(screen.getByLabelText('Site origin').getAttribute('aria-invalid')).toBe('true');
    expect(fake.permissionRequests).toEqual([]);
    expect(fake.featureActions()).toEqual([]);

    type('Site origin', 'https://app.example.com');
    fireEvent.change(screen.getByLabelText('Account'), { target: { value: 'strict' } });
    fireEvent.click(screen.getByLabelText('Share the refresh token too'));
    fireEvent.click(screen.getByRole('button', { name: 'Share with this site' }));
    await screen.findByText('Shared with https://app.example.com.');
    expect(fake.permissionRequests).toEqual([['https://app.example.com/*']]);
    expect(fake.featureActions()).toEqual([
      {
        type: 'shareSite',
        origin: 'https://app.example.com',
        accountId: 'strict',
        format: 'amplify-local-storage',
        shareRefreshToken: true,
      },
    ]);
    const row = screen.getByText('https://app.example.com').closest('li');
    expect(row?.textContent).toContain('Strict pool · Amplify (localStorage)');
  });

  it('asks host access for the API origins of the header format too', async () => {
    const fake = section({ feature: featureBackground() });
    fireEvent.click(await screen.findByRole('button', { name: 'Add a site' }));
    type('Site origin', 'http://127.0.0.1:5173');
    fireEvent.change(screen.getByLabelText('Format'), {
      target: { value: 'authorization-header' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Share with this site' }));
    expect(screen.getByText(/at least one API origin/)).toBeTruthy();
    type('API origins (one per line)', 'https://api.example.com');
    fireEvent.change(screen.getByLabelText('Token in the header'), { target: { value: 'id' } });
    fireEvent.click(screen.getByRole('button', { name: 'Share with this site' }));
    await screen.findByText('Shared with http://127.0.0.1:5173.');
    expect(fake.permissionRequests).toEqual([
      ['http://127.0.0.1:5173/*', 'https://api.example.com/*'],
    ]);
    expect(fake.featureActions()[0]).toMatchObject({
      type: 'shareSite',
      format: 'authorization-header',
      apiOrigins: ['https://api.example.com'],
      tokenForHeader: 'id',
    });
  });

  it('shows a refused permission and keeps the form', async () => {
    const fake = section({ feature: featureBackground(), grant: false });
    fireEvent.click(await screen.findByRole('button', { name: 'Add a site' }));
    type('Site origin', 'https://app.example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Share with this site' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/did not grant/);
    expect(fake.featureActions()).toEqual([]);
    expect(screen.getByLabelText<HTMLInputElement>('Site origin').value).toBe(
      'https://app.example.com',
    );
  });

  it('shows the background error, lists revoked sites and removes after confirmation', async () => {
    const fake = section({
      feature: featureBackground(
        { sites: [site('https://app.example.com', { granted: false })] },
        (request) =>
          request.type === 'updateSite'
            ? {
                ok: false,
                error: { code: 'SiteNotFound', message: 'No such site.', recovery: 'Reload.' },
              }
            : undefined,
      ),
    });
    expect(await screen.findByText('access revoked in the browser')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Edit https://app.example.com' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save site' }));
    expect((await screen.findByRole('alert')).textContent).toContain('No such site.');

    fireEvent.click(screen.getByRole('button', { name: 'Remove https://app.example.com…' }));
    expect(fake.featureActions().map((r) => r.type)).toEqual(['updateSite']);
    fireEvent.click(
      screen.getByRole('button', { name: 'Stop sharing with https://app.example.com' }),
    );
    await screen.findByText('Stopped sharing with https://app.example.com.');
    expect(fake.featureActions()[1]).toEqual({
      type: 'removeSite',
      origin: 'https://app.example.com',
    });
    await waitFor(() => {
      expect(screen.getByText('No site yet.')).toBeTruthy();
    });
  });

  it('shows BackgroundUnavailable when the background does not know these requests', async () => {
    section({});
    expect((await screen.findByRole('alert')).getAttribute('data-code')).toBe(
      'BackgroundUnavailable',
    );
  });
});
