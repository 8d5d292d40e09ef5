// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { findOtpFields, scoreInput } from './field-classifier';

beforeEach(() => {
  document.body.innerHTML = '';
});

function page(html: string) {
  document.body.innerHTML = html;
  return findOtpFields(document);
}

const single = (html: string) => {
  const fields = page(html);
  return fields.length === 1 && fields[0]?.kind === 'single';
};

describe('single fields', () => {
  it('accepts autocomplete="one-time-code" on its own', () => {
    expect(single('<input autocomplete="one-time-code">')).toBe(true);
  });

  it.each([
    '<label for="c">Verification code</label><input id="c">',
    '<input name="otp">',
    '<input name="mfaCode">',
    '<input aria-label="2FA code">',
    '<input placeholder="Código de verificación">',
    '<label>Bestätigungscode <input></label>',
    '<input placeholder="Code de vérification">',
    '<input placeholder="请输入验证码">',
    '<span id="l">認証コード</span><input aria-labelledby="l">',
    '<input name="code" inputmode="numeric" maxlength="6">',
    '<form><h2>Enter your one-time code</h2><input name="code"></form>',
  ])('recognises %s', (html) => {
    expect(single(html)).toBe(true);
  });

  it('does not take a bare "code" for a one-time code', () => {
    expect(page('<input name="code">')).toEqual([]);
    expect(scoreInput(document.querySelector('input') as HTMLInputElement).score).toBe(2);
  });

  it.each([
    ['password', '<input type="password" autocomplete="one-time-code" name="otp">'],
    ['phone', '<input type="tel" name="phone" placeholder="verification code">'],
    ['tel autocomplete', '<input autocomplete="tel" name="otp">'],
    ['card', '<input name="cardnumber" inputmode="numeric" maxlength="8" aria-label="OTP">'],
    ['cvc', '<input name="cvc" autocomplete="cc-csc" placeholder="code">'],
    ['search', '<input type="search" name="otp">'],
    ['search words', '<input name="q" aria-label="Search 2FA docs">'],
    ['email', '<input type="email" name="otp">'],
    ['username', '<input autocomplete="username" name="otp">'],
    ['hidden type', '<input type="hidden" name="otp">'],
    ['hidden attribute', '<div hidden><input name="otp"></div>'],
    ['aria-hidden', '<input aria-hidden="true" name="otp">'],
    ['display none', '<input style="display: none" name="otp">'],
    ['disabled', '<input disabled autocomplete="one-time-code">'],
    ['readonly', '<input readonly autocomplete="one-time-code">'],
    ['recovery code', '<input name="recovery_code" placeholder="2FA recovery code">'],
    ['coupon', '<input name="promo_code" placeholder="one-time discount code">'],
    ['captcha', '<input placeholder="请输入图形验证码">'],
  ])('vetoes %s whatever the positive signals', (_, html) => {
    expect(page(html)).toEqual([]);
    expect(scoreInput(document.querySelector('input') as HTMLInputElement).veto).toBeDefined();
  });
});

describe('split digit boxes', () => {
  const boxes = (count: number, attributes = 'inputmode="numeric"') =>
    Array.from({ length: count }, () => `<span><input maxlength="1" ${attributes}></span>`).join(
      '',
    );

  it('groups 4 to 8 single-character boxes into one field', () => {
    for (const count of [4, 6, 8]) {
      const fields = page(`<div>${boxes(count)}</div>`);
      expect(fields).toHaveLength(1);
      expect(fields[0]?.kind === 'split' && fields[0].inputs.length).toBe(count);
    }
  });

  it('keeps the boxes of a 3 + 3 layout together and in order', () => {
    const fields = page(
      `<fieldset><div>${boxes(3)}</div><b>-</b><div>${boxes(3)}</div></fieldset>`,
    );
    expect(fields).toHaveLength(1);
    const inputs = [...document.querySelectorAll('input')];
    expect(fields[0]?.kind === 'split' && fields[0].inputs).toEqual(inputs);
  });

  it('accepts type="tel" boxes (numeric keypad) but not too few or too many', () => {
    expect(page(`<div>${boxes(6, 'type="tel"')}</div>`)).toHaveLength(1);
    expect(page(`<div>${boxes(3)}</div>`)).toEqual([]);
    expect(page(`<div>${boxes(9)}</div>`)).toEqual([]);
  });

  it('does not join boxes that are far apart in the page', () => {
    const far = `<section><div><div><div>${boxes(2)}</div></div></div></section>`;
    expect(page(`<main>${far}${far}</main>`)).toEqual([]);
  });

  it('vetoes rows that are something else', () => {
    expect(page(`<div>${boxes(6, 'type="password"')}</div>`)).toEqual([]);
    expect(page(`<div>${boxes(4, 'name="card"')}</div>`)).toEqual([]);
  });

  it('reports fields in document order', () => {
    const fields = page(
      `<input name="otp"><div>${boxes(6)}</div><input autocomplete="one-time-code">`,
    );
    expect(fields.map((field) => field.kind)).toEqual(['single', 'split', 'single']);
  });
});
