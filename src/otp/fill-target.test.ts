// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { fieldToFill, fillOnPage } from './fill-target';

const ORIGIN = window.location.origin;

beforeEach(() => {
  document.body.innerHTML = '';
});

const input = (selector: string) => document.querySelector<HTMLInputElement>(selector);

describe('which field the shortcut or menu fills', () => {
  it('fills the focused one-time-code field, not the first one', () => {
    document.body.innerHTML = `
      <label>Verification code <input id="first" autocomplete="one-time-code"></label>
      <label>Verification code <input id="second" autocomplete="one-time-code"></label>`;
    input('#second')?.focus();
    expect(fillOnPage(document, '123456', ORIGIN)).toBe('filled');
    expect(input('#second')?.value).toBe('123456');
    expect(input('#first')?.value).toBe('');
  });

  it('fills a focused plain text box the classifier would not have picked (the person chose it)', () => {
    document.body.innerHTML = `<input id="code"><input id="otp" autocomplete="one-time-code">`;
    input('#code')?.focus();
    expect(fillOnPage(document, '654321', ORIGIN)).toBe('filled');
    expect(input('#code')?.value).toBe('654321');
    expect(input('#otp')?.value).toBe('');
  });

  it('never fills a focused password or email field: the page’s code field gets it instead', () => {
    document.body.innerHTML = `
      <input id="password" type="password"><input id="email" type="email" name="email">
      <label>Verification code <input id="otp" autocomplete="one-time-code"></label>`;
    for (const id of ['#password', '#email']) {
      input(id)?.focus();
      expect(fillOnPage(document, '111222', ORIGIN)).toBe('filled');
      expect(input(id)?.value).toBe('');
    }
    expect(input('#otp')?.value).toBe('111222');
  });

  it('fills the whole row of split boxes when one box is focused', () => {
    document.body.innerHTML = `<div>${'<input maxlength="1" inputmode="numeric">'.repeat(6)}</div>`;
    const boxes = [...document.querySelectorAll('input')];
    boxes[3]?.focus();
    expect(fillOnPage(document, '987654', ORIGIN)).toBe('filled');
    expect(boxes.map((box) => box.value).join('')).toBe('987654');
  });

  it('without focus, fills the first one-time-code field of the page', () => {
    document.body.innerHTML = `
      <input id="search" type="search"><input id="otp" name="otp" maxlength="6">`;
    const field = fieldToFill(document);
    expect(field?.kind === 'single' ? field.input.id : undefined).toBe('otp');
  });

  it('answers no-field when the page has nothing to fill, and fills nothing', () => {
    document.body.innerHTML = `<input id="name" name="firstname"><input type="password">`;
    input('#name')?.focus();
    expect(fillOnPage(document, '123456', ORIGIN)).toBe('no-field');
    expect(input('#name')?.value).toBe('');
  });

  it('fills nothing when the document is no longer the origin the code is for', () => {
    document.body.innerHTML = `<input id="otp" autocomplete="one-time-code">`;
    input('#otp')?.focus();
    expect(fillOnPage(document, '123456', 'https://elsewhere.example')).toBe('other-origin');
    expect(input('#otp')?.value).toBe('');
  });

  it('looks into an open shadow root for the focused box', () => {
    document.body.innerHTML = `<code-input></code-input><input id="otp" autocomplete="one-time-code">`;
    const host = document.querySelector('code-input');
    const shadow = host?.attachShadow({ mode: 'open' });
    const inner = document.createElement('input');
    inner.setAttribute('aria-label', 'Code');
    shadow?.append(inner);
    inner.focus();
    expect(fillOnPage(document, '246810', ORIGIN)).toBe('filled');
    expect(inner.value).toBe('246810');
    expect(input('#otp')?.value).toBe('');
  });
});
