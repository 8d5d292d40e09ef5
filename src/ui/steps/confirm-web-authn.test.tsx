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

function renderStep(credentials: PasskeyPageApi['place']['credentials'], options: object) {
  const props = stepProps({
    name: 'CONFIRM_SIGN_IN_WITH_WEB_AUTHN',
    credentialRequestOptions: JSON.stringify(options),
  });
  const api: PasskeyPageApi = {
    send: vi.fn(),
    place: { credentials, here: EXTENSION_ID },
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
});
