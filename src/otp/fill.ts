/**
 * Puts a code into a page's field so that the page's framework notices. React keeps its own
 * copy of an input's value and ignores an `input` event when the element's value matches it, so
 * the value is written with the prototype's native setter (bypassing any instance override a
 * framework installed) and then announced with the events a person's typing produces.
 */
import type { OtpField } from './field-classifier';

function setNativeValue(input: HTMLInputElement, value: string): void {
  const view = input.ownerDocument.defaultView;
  const prototype = view ? view.HTMLInputElement.prototype : HTMLInputElement.prototype;
  // Runs the prototype's setter with `this = input`, skipping any own `value` on the instance.
  Reflect.set(prototype, 'value', value, input);
}

function eventConstructors(input: HTMLInputElement) {
  const view = input.ownerDocument.defaultView;
  return {
    KeyboardEvent: view?.KeyboardEvent ?? KeyboardEvent,
    InputEvent: view?.InputEvent ?? InputEvent,
    Event: view?.Event ?? Event,
  };
}

function key(input: HTMLInputElement, type: 'keydown' | 'keyup', character: string): void {
  const { KeyboardEvent } = eventConstructors(input);
  input.dispatchEvent(
    new KeyboardEvent(type, {
      key: character,
      code: /^[0-9]$/.test(character) ? `Digit${character}` : '',
      bubbles: true,
      cancelable: true,
      composed: true,
    }),
  );
}

function announce(input: HTMLInputElement, data: string, inputType: string): void {
  const { InputEvent, Event } = eventConstructors(input);
  input.dispatchEvent(new InputEvent('input', { data, inputType, bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Writes the whole code into one input, as a paste would. */
export function fillSingle(input: HTMLInputElement, code: string): void {
  input.focus();
  setNativeValue(input, code);
  announce(input, code, 'insertFromPaste');
}

/**
 * Types one character per box, with key events, as a person would: widgets that move the focus
 * or keep their state from keydown see the same sequence as with real typing.
 */
export function fillSplit(inputs: readonly HTMLInputElement[], code: string): void {
  // Codes are ASCII digits, so code units are characters.
  const characters = code.split('');
  inputs.forEach((input, index) => {
    const character = characters[index];
    if (character === undefined) return;
    input.focus();
    key(input, 'keydown', character);
    setNativeValue(input, character);
    announce(input, character, 'insertText');
    key(input, 'keyup', character);
  });
}

export function fillOtpField(field: OtpField, code: string): void {
  if (field.kind === 'single') fillSingle(field.input, code);
  else fillSplit(field.inputs, code);
}
