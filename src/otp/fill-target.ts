/**
 * The page side of the keyboard shortcut and the context-menu entry (bundled into the unlisted
 * `otp-fill` script, injected only after the person pressed or chose it). Which field gets the
 * code: the one the person is in (a right-click focuses the field it hit, so the menu lands
 * here too), else the first one-time-code field of the page, the one the button-less fill uses.
 */
import { findOtpFields, scoreInput, type OtpField } from './field-classifier';
import { fillOtpField } from './fill';
import type { PageFillResult } from './page-fill';

/** The focused element, looking through open shadow roots (web-component code inputs). */
function focusedInput(document: Document): HTMLInputElement | undefined {
  let focused: Element | null = document.activeElement;
  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
  // Compared by name: the element may come from another realm than this script's globals.
  return focused?.tagName === 'INPUT' ? (focused as HTMLInputElement) : undefined;
}

const inputsOf = (field: OtpField): readonly HTMLInputElement[] =>
  field.kind === 'single' ? [field.input] : field.inputs;

export function fieldToFill(document: Document): OtpField | undefined {
  const fields = findOtpFields(document);
  const focused = focusedInput(document);
  if (focused) {
    const containing = fields.find((field) => inputsOf(field).includes(focused));
    if (containing) return containing;
    // The person chose this field, so it gets the code even when its labels say little; but
    // never one the classifier rules out (not a text box, disabled, a password, phone, card...).
    const verdict = scoreInput(focused);
    if (verdict.veto === undefined) return { kind: 'single', input: focused, score: verdict.score };
  }
  return fields[0];
}

/**
 * Fills `code` into this document, only if it still is `expectedOrigin`: the tab may have
 * navigated between the person's gesture and this injection.
 */
export function fillOnPage(
  document: Document,
  code: string,
  expectedOrigin: string,
): PageFillResult {
  if (document.location.origin !== expectedOrigin) return 'other-origin';
  const field = fieldToFill(document);
  if (!field) return 'no-field';
  fillOtpField(field, code);
  return 'filled';
}
