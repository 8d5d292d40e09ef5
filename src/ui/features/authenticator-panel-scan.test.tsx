// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OtpError } from '../../otp/errors';
import { featureBackground } from '../testing/feature-fixtures';
import { DEMO_ACCOUNT, fakeClient } from '../testing/fixtures';
import { AuthenticatorPanel } from './authenticator-panel';

const URI = 'otpauth://totp/Demo:bob%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Demo';
const decoded = vi.hoisted((): { uri: string | Error } => ({ uri: '' }));

// happy-dom cannot decode a PNG: the pixel step is replaced, the otpauth parsing is real.
vi.mock('../../otp/qr-decode', () => ({
  pixelsOfDataUrl: () => Promise.resolve({ data: new Uint8ClampedArray(4), width: 1, height: 1 }),
  otpauthFromPixels: () => {
    if (decoded.uri instanceof Error) throw decoded.uri;
    return decoded.uri;
  },
}));

afterEach(cleanup);

function panel(capture: () => Promise<string>) {
  const fake = fakeClient(
    { accounts: [DEMO_ACCOUNT], activeAccountId: 'demo', busy: false },
    undefined,
    { feature: featureBackground() },
  );
  render(<AuthenticatorPanel client={fake.client} capture={capture} isVisible={() => false} />);
  return fake;
}

describe('scan a QR code on this page', () => {
  it('prefills issuer and account from the code, binds a user, saves after confirmation', async () => {
    decoded.uri = URI;
    const capture = vi.fn(() => Promise.resolve('data:image/png;base64,AAAA'));
    const fake = panel(capture);
    fireEvent.click(await screen.findByRole('button', { name: 'Scan a QR code on this page' }));
    await screen.findByRole('form', { name: 'Add the scanned code' });
    expect(capture).toHaveBeenCalledTimes(1);
    expect(screen.getByLabelText<HTMLInputElement>('Issuer').value).toBe('Demo');
    expect(screen.getByLabelText<HTMLInputElement>('Account').value).toBe('bob@example.com');
    // Nothing is saved before the person confirms, and the secret is never shown.
    expect(fake.featureActions()).toEqual([]);
    expect(document.body.textContent).not.toContain('JBSWY3DPEHPK3PXP');
    fireEvent.change(screen.getByLabelText('Answers sign-in for'), {
      target: { value: DEMO_ACCOUNT.id },
    });
    fireEvent.input(await screen.findByLabelText('User name'), { target: { value: 'bob' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved Demo (bob@example.com).');
    expect(fake.featureActions()).toEqual([
      {
        type: 'otp:addUri',
        uri: URI,
        issuer: 'Demo',
        account: 'bob@example.com',
        accountId: DEMO_ACCOUNT.id,
        username: 'bob',
      },
    ]);
  });

  it('explains a page without a code, and a tab it cannot capture', async () => {
    decoded.uri = new OtpError({
      code: 'QR_NOT_FOUND',
      message: 'No QR code was found on this page.',
      recovery: 'Scroll.',
    });
    panel(() => Promise.resolve('data:image/png;base64,AAAA'));
    fireEvent.click(await screen.findByRole('button', { name: 'Scan a QR code on this page' }));
    await screen.findByText('No QR code was found on this page.');
    cleanup();
    panel(() => Promise.reject(new Error('Cannot access contents of url "chrome://newtab/"')));
    fireEvent.click(await screen.findByRole('button', { name: 'Scan a QR code on this page' }));
    await screen.findByText('Cognito Pass could not see this tab.');
  });
});
