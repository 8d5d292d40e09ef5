// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { findOtpFields } from './field-classifier';
import { fillOtpField, fillSingle, fillSplit } from './fill';

// The prototype's own accessor, run on the instance (what React's tracker wraps).
const readNative = (input: HTMLInputElement): string =>
  Reflect.get(HTMLInputElement.prototype, 'value', input);
const writeNative = (input: HTMLInputElement, value: string): void => {
  Reflect.set(HTMLInputElement.prototype, 'value', value, input);
};

/**
 * What React does to a controlled input: an own `value` property that remembers the last value
 * React saw, and an `onChange` that fires only when the element's real value differs from it.
 */
function reactControlled(input: HTMLInputElement): string[] {
  let tracked = readNative(input);
  Object.defineProperty(input, 'value', {
    configurable: true,
    get: () => readNative(input),
    set: (value: string) => {
      tracked = value;
      writeNative(input, value);
    },
  });
  const onChange: string[] = [];
  input.addEventListener('input', () => {
    const actual = readNative(input);
    if (actual !== tracked) {
      tracked = actual;
      onChange.push(actual);
    }
  });
  return onChange;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('fillSingle', () => {
  it('is seen by a React-controlled input (where a plain assignment is not)', () => {
    document.body.innerHTML = '<input id="naive"><input id="ours">';
    const naive = document.getElementById('naive') as HTMLInputElement;
    const ours = document.getElementById('ours') as HTMLInputElement;
    const naiveChanges = reactControlled(naive);
    const ourChanges = reactControlled(ours);

    naive.value = '123456';
    naive.dispatchEvent(new Event('input', { bubbles: true }));
    expect(naiveChanges).toEqual([]);

    fillSingle(ours, '123456');
    expect(ourChanges).toEqual(['123456']);
    expect(ours.value).toBe('123456');
  });

  it('fires input then change, bubbling, as Vue v-model and Angular forms expect', () => {
    document.body.innerHTML = '<form><input autocomplete="one-time-code"></form>';
    const seen: string[] = [];
    const form = document.querySelector('form') as HTMLFormElement;
    for (const type of ['focus', 'input', 'change']) {
      form.addEventListener(
        type,
        (event) => {
          seen.push(`${event.type}:${(event.target as HTMLInputElement).value}`);
        },
        true,
      );
    }
    const [field] = findOtpFields(document);
    if (!field) throw new Error('no field');
    fillOtpField(field, '654321');
    expect(seen).toEqual(['focus:', 'input:654321', 'change:654321']);
    expect(document.activeElement).toBe(document.querySelector('input'));
  });
});

describe('fillSplit', () => {
  /** A split-box widget like the common React ones: state from key + input, focus moves on. */
  function splitWidget(count: number) {
    document.body.innerHTML = `<div class="otp">${'<input maxlength="1" inputmode="numeric">'.repeat(count)}</div>`;
    const inputs = [...document.querySelectorAll('input')];
    const state: string[] = Array.from({ length: count }, () => '');
    const keys: string[] = [];
    inputs.forEach((input, index) => {
      const changes = reactControlled(input);
      input.addEventListener('keydown', (event) => keys.push(event.key));
      input.addEventListener('input', () => {
        state[index] = changes.at(-1) ?? state[index] ?? '';
        inputs[index + 1]?.focus();
      });
    });
    return { inputs, state, keys };
  }

  it('types one digit per box with key events, and the widget state follows', () => {
    const widget = splitWidget(6);
    const [field] = findOtpFields(document);
    expect(field?.kind).toBe('split');
    if (!field) return;
    fillOtpField(field, '902315');
    expect(widget.state).toEqual(['9', '0', '2', '3', '1', '5']);
    expect(widget.keys).toEqual(['9', '0', '2', '3', '1', '5']);
    expect(widget.inputs.map((input) => input.value).join('')).toBe('902315');
  });

  it('fills as many boxes as it has digits for', () => {
    const widget = splitWidget(8);
    fillSplit(widget.inputs, '123456');
    expect(widget.state).toEqual(['1', '2', '3', '4', '5', '6', '', '']);
  });
});
