// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { BUTTON_HOST_TAG, startOtpAutofill, type OtpAutofill } from './autofill-ui';

let attachShadow: MockInstance<Element['attachShadow']>;
let autofill: OtpAutofill | undefined;

beforeEach(() => {
  document.body.innerHTML = '';
  // Closed roots are out of reach by design; the spy (which calls through) keeps the handles.
  attachShadow = vi.spyOn(Element.prototype, 'attachShadow');
});

afterEach(() => {
  autofill?.stop();
  autofill = undefined;
});

const hosts = () => [...document.querySelectorAll(BUTTON_HOST_TAG)];
const shadowRoots = () => attachShadow.mock.results.map((result) => result.value as ShadowRoot);
const buttonOf = (index: number) => {
  const button = shadowRoots()[index]?.querySelector('button');
  if (!button) throw new Error(`no button ${index}`);
  return button;
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function start(requestCode: () => Promise<unknown>, isUserGesture = () => true) {
  autofill = startOtpAutofill({ document, requestCode, isUserGesture, rescanDelayMs: 0 });
  return autofill;
}

describe('otp autofill on a page', () => {
  it('puts one button per field in a closed shadow root, none elsewhere', () => {
    document.body.innerHTML = `
      <form><input name="username" autocomplete="username"><input type="password"></form>
      <form><input id="single" autocomplete="one-time-code"></form>
      <div>${'<input maxlength="1" inputmode="numeric">'.repeat(6)}</div>`;
    start(() => Promise.resolve(undefined));
    expect(hosts()).toHaveLength(2);
    for (const host of hosts()) expect(host.shadowRoot).toBeNull();
    expect(shadowRoots()).toHaveLength(2);
    expect(shadowRoots().every((root) => root.mode === 'closed')).toBe(true);
    // The page's own DOM has no button to find or click.
    expect(document.querySelector('button')).toBeNull();
  });

  it('shows nothing on a page without code fields', () => {
    document.body.innerHTML = '<input type="search" name="q"><input type="email">';
    start(() => Promise.resolve(undefined));
    expect(hosts()).toEqual([]);
  });

  it('asks for the code on click and fills a single input', async () => {
    document.body.innerHTML = '<input id="code" autocomplete="one-time-code">';
    const requestCode = vi.fn(() =>
      Promise.resolve({ ok: true, code: '482913', secondsRemaining: 20 }),
    );
    start(requestCode);
    buttonOf(0).click();
    await settle();
    expect(requestCode).toHaveBeenCalledTimes(1);
    expect((document.getElementById('code') as HTMLInputElement).value).toBe('482913');
    expect(buttonOf(0).dataset.state).toBe('done');
  });

  it('asks once without a click, fills only when allowed and the field is still empty', async () => {
    document.body.innerHTML = '<input id="code" autocomplete="one-time-code">';
    const requestCode = vi.fn(() => Promise.resolve(undefined));
    const requestAutoCode = vi.fn(() =>
      Promise.resolve({ ok: true, code: '482913', secondsRemaining: 20 }),
    );
    autofill = startOtpAutofill({ document, requestCode, requestAutoCode, rescanDelayMs: 0 });
    await settle();
    expect((document.getElementById('code') as HTMLInputElement).value).toBe('482913');
    autofill.rescan();
    autofill.rescan();
    expect(requestAutoCode).toHaveBeenCalledTimes(1);
    expect(requestCode).not.toHaveBeenCalled();
    autofill.stop();

    // Refused (no opt-in): nothing filled, no error shown, the button waits for a click.
    document.body.innerHTML = '<input id="code" autocomplete="one-time-code">';
    autofill = startOtpAutofill({
      document,
      requestCode,
      requestAutoCode: () =>
        Promise.resolve({
          ok: false,
          error: { code: 'OTP_GESTURE_REQUIRED', message: 'm', recovery: 'r' },
        }),
      rescanDelayMs: 0,
    });
    await settle();
    expect((document.getElementById('code') as HTMLInputElement).value).toBe('');
    expect(buttonOf(1).dataset.state).toBeUndefined();
    autofill.stop();

    // What the person already typed is never overwritten.
    document.body.innerHTML = '<input id="code" autocomplete="one-time-code" value="12">';
    autofill = startOtpAutofill({ document, requestCode, requestAutoCode, rescanDelayMs: 0 });
    await settle();
    expect((document.getElementById('code') as HTMLInputElement).value).toBe('12');
  });

  it('fills split digit boxes', async () => {
    document.body.innerHTML = `<div>${'<span><input maxlength="1" type="tel"></span>'.repeat(6)}</div>`;
    start(() => Promise.resolve({ ok: true, code: '007531', secondsRemaining: 9 }));
    buttonOf(0).click();
    await settle();
    const values = [...document.querySelectorAll('input')].map((input) => input.value);
    expect(values).toEqual(['0', '0', '7', '5', '3', '1']);
  });

  it('ignores clicks that are not the person’s (untrusted events)', async () => {
    document.body.innerHTML = '<input id="code" autocomplete="one-time-code">';
    const requestCode = vi.fn(() =>
      Promise.resolve({ ok: true, code: '111111', secondsRemaining: 5 }),
    );
    autofill = startOtpAutofill({ document, requestCode });
    buttonOf(0).click();
    await settle();
    expect(requestCode).not.toHaveBeenCalled();
    expect((document.getElementById('code') as HTMLInputElement).value).toBe('');
  });

  it('shows the refusal and fills nothing when the background says no or answers junk', async () => {
    document.body.innerHTML = '<input id="code" autocomplete="one-time-code">';
    const answers: unknown[] = [
      { ok: false, error: { code: 'OTP_NO_ENTRY', message: 'No entry.', recovery: 'Link one.' } },
      { ok: true, code: 'abcdef', secondsRemaining: 5 },
      { ok: true, code: '123456', secondsRemaining: 5, secret: 'JBSWY3DPEHPK3PXP' },
    ];
    const requestCode = vi.fn(() => Promise.resolve(answers.shift()));
    start(requestCode);
    buttonOf(0).click();
    await settle();
    expect(buttonOf(0).dataset.state).toBe('error');
    expect(buttonOf(0).title).toBe('No entry. Link one.');
    for (let i = 0; i < 2; i++) {
      buttonOf(0).click();
      await settle();
      expect(buttonOf(0).dataset.state).toBe('error');
    }
    expect((document.getElementById('code') as HTMLInputElement).value).toBe('');
    expect(requestCode).toHaveBeenCalledTimes(3);
  });

  it('follows the page: fields that appear get a button, fields that go lose it', async () => {
    start(() => Promise.resolve(undefined));
    expect(hosts()).toEqual([]);
    const form = document.createElement('form');
    form.innerHTML = '<label for="otp">Verification code</label><input id="otp">';
    document.body.append(form);
    await vi.waitFor(() => expect(hosts()).toHaveLength(1));
    form.remove();
    await vi.waitFor(() => expect(hosts()).toHaveLength(0));
  });

  it('removes its buttons when stopped', () => {
    document.body.innerHTML = '<input autocomplete="one-time-code">';
    const api = start(() => Promise.resolve(undefined));
    expect(hosts()).toHaveLength(1);
    api.stop();
    expect(hosts()).toEqual([]);
  });
});
