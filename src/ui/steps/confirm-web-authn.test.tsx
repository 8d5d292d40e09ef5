// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PasskeyPageApi } from '../../passkeys/page-api';
import { PasskeyContext } from '../passkey-context';
import { stepProps } from '../testing/fixtures';
import { ConfirmWebAuthn } from './confirm-web-authn';

afterEach(cleanup);

/** The code of the webAuthnFailed answer the step sent. */
function failureCode(send: ReturnType<typeof stepProps>['send']): string | undefined {
  const [request] = vi.mocked(send).mock.calls.at(-1) ?? [];
  if (request?.type !== 'answer' || request.answer.kind !== 'webAuthnFailed') return undefined;
  return request.answer.code;
}

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const buffer = (...values: number[]) => Uint8Array.from(values).buffer;

function renderStep(
  credentials: PasskeyPageApi['place']['credentials'],
  options: object,
  tab?: PasskeyPageApi['tab'],
) {
  const props = stepProps({
    name: 'CONFIRM_SIGN_IN_WITH_WEB_AUTHN',
    credentialRequestOptions: JSON.stringify(options),
  });
  const api: PasskeyPageApi = {
    send: vi.fn(),
    place: { credentials, here: EXTENSION_ID },
    ...(tab !== undefined && { tab }),
  };
  render(
    <PasskeyContext.Provider value={api}>
      <ConfirmWebAuthn {...props} />
    </PasskeyContext.Provider>,
  );
  return props;
}

describe('CONFIRM_SIGN_IN_WITH_WEB_AUTHN', () => {
  it('runs the ceremony at once and answers with the assertion JSON', async () => {
    const get = vi.fn(() =>
      Promise.resolve({
        id: 'Bwc',
        rawId: buffer(7, 7),
        type: 'public-key',
        authenticatorAttachment: 'platform',
        response: {
          clientDataJSON: buffer(1),
          authenticatorData: buffer(2),
          signature: buffer(3),
          userHandle: null,
        },
      }),
    );
    const props = renderStep({ create: vi.fn(), get }, { challenge: 'AQID' });
    await waitFor(() => {
      expect(props.send).toHaveBeenCalled();
    });
    expect(get).toHaveBeenCalledTimes(1);
    expect(props.send).toHaveBeenCalledWith({
      type: 'answer',
      accountId: 'demo',
      answer: {
        kind: 'webAuthnCredential',
        credential: JSON.stringify({
          id: 'Bwc',
          rawId: 'Bwc',
          type: 'public-key',
          authenticatorAttachment: 'platform',
          clientExtensionResults: {},
          response: { clientDataJSON: 'AQ', authenticatorData: 'Ag', signature: 'Aw' },
        }),
      },
    });
  });

  it('a cancelled ceremony answers webAuthnFailed, once', async () => {
    const get = vi.fn(() => Promise.reject(new DOMException('no', 'NotAllowedError')));
    const props = renderStep({ create: vi.fn(), get }, { challenge: 'AQID' });
    await waitFor(() => {
      expect(props.send).toHaveBeenCalled();
    });
    expect(props.send).toHaveBeenCalledTimes(1);
    expect(failureCode(props.send)).toBe('PasskeyCancelled');
  });

  it('a web-domain RP ID is not tried here and falls back with the reason', async () => {
    const get = vi.fn();
    const props = renderStep({ create: vi.fn(), get }, { challenge: 'AQID', rpId: 'example.com' });
    await waitFor(() => {
      expect(props.send).toHaveBeenCalled();
    });
    expect(get).not.toHaveBeenCalled();
    expect(failureCode(props.send)).toBe('PasskeyWrongPlace');
  });

  it('"Use another way" aborts a waiting ceremony and answers only once', async () => {
    let signal: AbortSignal | undefined;
    const get = vi.fn(
      (request: { signal?: AbortSignal }) =>
        new Promise((_resolve, reject) => {
          signal = request.signal;
          request.signal?.addEventListener('abort', () => {
            reject(new DOMException('aborted', 'AbortError'));
          });
        }),
    );
    const props = renderStep({ create: vi.fn(), get }, { challenge: 'AQID' });
    await waitFor(() => {
      expect(screen.getByText('Waiting for your passkey…')).toBeTruthy();
    });
    fireEvent.click(screen.getByRole('button', { name: 'Use another way' }));
    await waitFor(() => {
      expect(signal?.aborted).toBe(true);
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(props.send).toHaveBeenCalledTimes(1);
    expect(failureCode(props.send)).toBe('PasskeyCancelled');
  });

  it('a web-domain RP ID goes to the background, which runs it in a tab of the site', async () => {
    const get = vi.fn();
    const tab = vi.fn<NonNullable<PasskeyPageApi['tab']>>(() =>
      Promise.resolve({
        ok: true,
        ceremony: { kind: 'signIn', state: 'waiting', origin: 'https://app.example.com' },
      }),
    );
    const props = renderStep(
      { create: vi.fn(), get },
      { challenge: 'AQID', rpId: 'example.com' },
      tab,
    );
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toContain(
        'Waiting for the passkey in the tab of https://app.example.com',
      );
    });
    expect(tab).toHaveBeenCalledWith({ type: 'passkeyTab:signIn', accountId: 'demo' });
    expect(get).not.toHaveBeenCalled();
    // The background answers Cognito itself: the page sends no answer.
    expect(props.send).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Use another way' }));
    await waitFor(() => {
      expect(tab).toHaveBeenCalledWith({ type: 'passkeyTab:cancel', accountId: 'demo' });
    });
    expect(props.send).not.toHaveBeenCalled();
  });

  it('shows why when the background could not use a tab (it already fell back)', async () => {
    const tab = vi.fn<NonNullable<PasskeyPageApi['tab']>>(() =>
      Promise.resolve({
        ok: false,
        error: {
          code: 'PasskeyWrongPlace',
          message: 'No tab of example.com.',
          recovery: 'Open it.',
        },
      }),
    );
    const props = renderStep(
      { create: vi.fn(), get: vi.fn() },
      { challenge: 'AQID', rpId: 'example.com' },
      tab,
    );
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('No tab of example.com.');
    });
    expect(props.send).not.toHaveBeenCalled();
  });

  it('options without an RP ID still run here even when tabs are offered', async () => {
    const get = vi.fn(() => Promise.reject(new DOMException('no', 'NotAllowedError')));
    const tab = vi.fn<NonNullable<PasskeyPageApi['tab']>>();
    const props = renderStep({ create: vi.fn(), get }, { challenge: 'AQID' }, tab);
    await waitFor(() => {
      expect(props.send).toHaveBeenCalled();
    });
    expect(get).toHaveBeenCalledTimes(1);
    expect(tab).not.toHaveBeenCalled();
  });
});
