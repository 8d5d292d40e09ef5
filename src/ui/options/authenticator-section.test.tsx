// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeatureRequest, FeatureResponse } from '../../platform/feature-protocol';
import { entry, featureBackground } from '../testing/feature-fixtures';
import { DEMO_ACCOUNT, fakeClient, STRICT_ACCOUNT } from '../testing/fixtures';
import { AuthenticatorSection } from './authenticator-section';

afterEach(cleanup);

function section(
  initial: Parameters<typeof featureBackground>[0] = {},
  refuse?: (request: FeatureRequest) => FeatureResponse | undefined,
) {
  const fake = fakeClient(
    { accounts: [DEMO_ACCOUNT, STRICT_ACCOUNT], activeAccountId: 'demo', busy: false },
    undefined,
    { feature: featureBackground(initial, refuse) },
  );
  render(<AuthenticatorSection client={fake.client} accounts={[DEMO_ACCOUNT, STRICT_ACCOUNT]} />);
  return fake;
}

const type = (label: string, value: string) => {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
};

const badUri = (request: FeatureRequest): FeatureResponse | undefined =>
  request.type === 'otp:addUri' && !request.uri.includes('secret=')
    ? {
        ok: false,
        error: {
          code: 'OtpUriSecretMissing',
          message: 'The link has no secret parameter.',
          recovery: 'Copy the whole otpauth:// link again.',
        },
      }
    : undefined;

describe('AuthenticatorSection', () => {
  it("adds by otpauth link and shows the background's message for a defective one", async () => {
    const fake = section({}, badUri);
    await screen.findByText('No code yet.');
    const form = screen.getByRole('form', { name: 'Add from an otpauth link' });
    type('otpauth:// link', 'otpauth://totp/Demo:alice?issuer=Demo');
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('The link has no secret parameter.');
    expect(alert.getAttribute('data-code')).toBe('OtpUriSecretMissing');

    type('otpauth:// link', ' otpauth://totp/Demo:alice?secret=JBSWY3DPEHPK3PXP ');
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    await screen.findByText('Added.');
    expect(fake.featureActions()[1]).toEqual({
      type: 'otp:addUri',
      uri: 'otpauth://totp/Demo:alice?secret=JBSWY3DPEHPK3PXP',
    });
    expect(within(form).queryByRole('alert')).toBeNull();
  });

  it('checks the manual entry, then sends it with algorithm, digits and period', async () => {
    const fake = section();
    await screen.findByText('No code yet.');
    const form = screen.getByRole('form', { name: 'Add by hand' });
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    expect(within(form).getByText(/Enter the account name/)).toBeTruthy();
    expect(within(form).getByText('Enter the setup key the site showed.')).toBeTruthy();
    expect(fake.featureActions()).toEqual([]);

    type('Issuer', 'Demo');
    type('Account', 'alice');
    type('Setup key', 'jbsw y3dp ehpk 3pxp');
    fireEvent.change(within(form).getByLabelText('Algorithm'), { target: { value: 'SHA512' } });
    fireEvent.change(within(form).getByLabelText('Digits'), { target: { value: '8' } });
    type('Period (seconds)', '60');
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    await screen.findByText('Added.');
    expect(fake.featureActions()).toEqual([
      {
        type: 'otp:addManual',
        issuer: 'Demo',
        account: 'alice',
        secret: 'JBSWY3DPEHPK3PXP',
        algorithm: 'SHA512',
        digits: 8,
        period: 60,
      },
    ]);
  });

  it('removes an entry only after confirmation', async () => {
    const fake = section({ authenticator: { entries: [entry('a')] } });
    fireEvent.click(await screen.findByRole('button', { name: 'Remove Demo (a@example.com)…' }));
    expect(screen.getByRole('note').textContent).toMatch(/locked out/);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.featureActions()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Demo (a@example.com)…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Demo (a@example.com)' }));
    await screen.findByText('Removed Demo (a@example.com).');
    expect(fake.featureActions()).toEqual([{ type: 'otp:remove', id: 'a' }]);
  });

  it('exports behind a confirmation: shows the URI and its QR code', async () => {
    const fake = section({ authenticator: { entries: [entry('a')] } });
    fireEvent.click(await screen.findByRole('button', { name: 'Export Demo (a@example.com)…' }));
    expect(screen.queryByRole('img', { name: /QR code/ })).toBeNull();
    fireEvent.click(
      screen.getByRole('button', { name: 'Show the secret of Demo (a@example.com)' }),
    );
    expect(
      await screen.findByRole('img', { name: 'QR code of Demo (a@example.com)' }),
    ).toBeTruthy();
    expect(screen.getByText(/^otpauth:\/\/totp\/Demo:a\?secret=/)).toBeTruthy();
    expect(fake.featureActions()).toEqual([{ type: 'otp:export', id: 'a' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Hide' }));
    expect(screen.queryByRole('img', { name: /QR code/ })).toBeNull();
  });

  it('sets a passphrase of 8+ characters, says it cannot be recovered, locks and unlocks', async () => {
    const fake = section();
    await screen.findByText(/forgotten passphrase cannot be recovered/);
    type('New passphrase', 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Set passphrase' }));
    expect(screen.getByText('Use at least 8 characters.')).toBeTruthy();
    type('New passphrase', 'correct horse');
    fireEvent.click(screen.getByRole('button', { name: 'Set passphrase' }));
    await screen.findByText('Passphrase set.');
    fireEvent.click(screen.getByRole('button', { name: 'Lock now' }));
    await screen.findByLabelText('Passphrase');
    type('Passphrase', 'correct horse');
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await screen.findByText('Unlocked.');
    expect(fake.featureActions()).toEqual([
      { type: 'otp:setPassphrase', passphrase: 'correct horse' },
      { type: 'otp:lock' },
      { type: 'otp:unlock', passphrase: 'correct horse' },
    ]);
  });

  it('shows a wrong passphrase error next to the unlock form', async () => {
    section({ authenticator: { status: 'locked' } }, (request) =>
      request.type === 'otp:unlock'
        ? {
            ok: false,
            error: { code: 'OtpWrongPassphrase', message: 'Wrong passphrase.', recovery: 'Retry.' },
          }
        : undefined,
    );
    await screen.findByLabelText('Passphrase');
    type('Passphrase', 'nope');
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    const form = screen.getByRole('form', { name: 'Unlock the authenticator' });
    expect((await within(form).findByRole('alert')).textContent).toContain('Wrong passphrase.');
  });

  it('has per-account auto-answer switches, off by default', async () => {
    const fake = section({ authenticator: { autoAnswer: ['strict'] } });
    const demo = await screen.findByRole('switch', { name: 'Answer automatically for Demo pool' });
    const strict = screen.getByRole('switch', { name: 'Answer automatically for Strict pool' });
    expect((demo as HTMLInputElement).checked).toBe(false);
    expect((strict as HTMLInputElement).checked).toBe(true);
    fireEvent.click(demo);
    expect(fake.featureActions()).toEqual([
      { type: 'otp:setAutoAnswer', accountId: 'demo', enabled: true },
    ]);
  });

  it('shows BackgroundUnavailable when nothing answers', async () => {
    const fake = fakeClient({ accounts: [], activeAccountId: null, busy: false });
    render(<AuthenticatorSection client={fake.client} accounts={[]} />);
    expect((await screen.findByRole('alert')).getAttribute('data-code')).toBe(
      'BackgroundUnavailable',
    );
  });
});
