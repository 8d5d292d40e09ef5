/**
 * The page side of OTP autofill: a small button beside every one-time-code field, inside a
 * closed shadow root so the page can neither read nor click it. A click (a real one: the event
 * must be trusted) asks the background for the code of this origin's entry and fills it.
 *
 * Imports only the classifier, the filler and the message guards: no otplib, no vault, no
 * valibot, so the content script stays small and never holds a secret.
 */
import { findOtpFields, list, type OtpField } from './field-classifier';
import { fillOtpField } from './fill';
import { isOtpCodeResponse } from './message-guards';

export interface AutofillDeps {
  document: Document;
  /** Sends `{ type: 'otp:getCode' }` to the background and returns its raw answer. */
  requestCode: () => Promise<unknown>;
  /**
   * Sends `{ type: 'otp:getCode', auto: true }`: asked once, when the first field shows up. The
   * background answers it only for origins the person opted in for filling without a click.
   */
  requestAutoCode?: () => Promise<unknown>;
  /** Whether a click came from the person; only tests replace it. */
  isUserGesture?: (event: Event) => boolean;
  /** Delay before rescanning after the page changed. */
  rescanDelayMs?: number;
}

export interface OtpAutofill {
  rescan(): void;
  stop(): void;
}

export const BUTTON_HOST_TAG = 'cognito-pass-otp';
const BUTTON_SIZE = 22;
const BUTTON_LABEL = 'Fill the one-time code from Cognito Pass';

// Kept short: every byte here ships in an 8 KB content script.
const STYLE = `:host{all:initial}button{all:initial;width:22px;height:22px;border-radius:50%;background:#1f6feb;color:#fff;font:700 9px/22px sans-serif;text-align:center;cursor:pointer}button:focus-visible{outline:2px solid}[data-state=busy]{opacity:.6}[data-state=error]{background:#b42318}[data-state=done]{background:#1a7f37}`;

interface Attached {
  field: OtpField;
  host: HTMLElement;
  place: () => void;
}

function anchorOf(field: OtpField): HTMLInputElement {
  const anchor = field.kind === 'single' ? field.input : field.inputs[field.inputs.length - 1];
  if (!anchor) throw new Error('an OTP field without inputs');
  return anchor;
}

function inputsOf(field: OtpField): readonly HTMLInputElement[] {
  return field.kind === 'single' ? [field.input] : field.inputs;
}

export function startOtpAutofill(deps: AutofillDeps): OtpAutofill {
  const { document } = deps;
  // A page's document always has its window (only detached documents have none).
  const view = document.defaultView as Window & typeof globalThis;
  const isUserGesture = deps.isUserGesture ?? ((event: Event) => event.isTrusted);
  const attached = new Map<HTMLInputElement, Attached>();
  let rescanTimer: ReturnType<typeof setTimeout> | undefined;

  function place(field: OtpField, host: HTMLElement) {
    const rect = anchorOf(field).getBoundingClientRect();
    const scrollX = view.scrollX;
    const scrollY = view.scrollY;
    // Inside the right edge of a single input; just after the last box of a split row.
    const left = field.kind === 'single' ? rect.right - BUTTON_SIZE - 4 : rect.right + 6;
    host.style.left = `${Math.round(left + scrollX)}px`;
    host.style.top = `${Math.round(rect.top + scrollY + (rect.height - BUTTON_SIZE) / 2)}px`;
  }

  async function onClick(field: OtpField, button: HTMLButtonElement, event: Event) {
    event.preventDefault();
    event.stopPropagation();
    if (!isUserGesture(event) || button.dataset.state === 'busy') return;
    button.dataset.state = 'busy';
    const response: unknown = await deps.requestCode().catch(() => undefined);
    const answer = isOtpCodeResponse(response) ? response : undefined;
    if (answer?.ok && inputsOf(field).every((input) => input.isConnected)) {
      fillOtpField(field, answer.code);
      button.dataset.state = 'done';
      button.title = BUTTON_LABEL;
    } else {
      button.dataset.state = 'error';
      button.title =
        answer && !answer.ok
          ? `${answer.error.message} ${answer.error.recovery}`
          : 'Cognito Pass could not get a code for this page.';
    }
  }

  function attach(field: OtpField): Attached {
    const host = document.createElement(BUTTON_HOST_TAG);
    // Inline, so page rules cannot move it; its size is the button's.
    host.style.cssText = 'position:absolute;z-index:2147483647;margin:0';
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'OTP';
    button.title = BUTTON_LABEL;
    button.setAttribute('aria-label', BUTTON_LABEL);
    // Keep the focus in the page's field while pressing the button.
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', (event) => void onClick(field, button, event));
    shadow.append(style, button);
    // On <html>, not <body>: a positioned or transformed body would shift the button.
    document.documentElement.append(host);
    const entry = { field, host, place: () => place(field, host) };
    entry.place();
    return entry;
  }

  let autoAsked = false;
  async function autoFill(field: OtpField) {
    const response: unknown = await deps.requestAutoCode?.().catch(() => undefined);
    // Refused (the usual case: no opt-in) is silent; the button stays for a click.
    if (!isOtpCodeResponse(response) || !response.ok) return;
    const inputs = inputsOf(field);
    // Never overwrite what the person already typed.
    if (inputs.every((input) => input.isConnected && input.value === ''))
      fillOtpField(field, response.code);
  }

  function rescan() {
    const fields = findOtpFields(document);
    const first = fields[0];
    if (first && !autoAsked && deps.requestAutoCode) {
      autoAsked = true;
      void autoFill(first);
    }
    const keep = new Set<HTMLInputElement>();
    for (const field of fields) {
      const anchor = anchorOf(field);
      keep.add(anchor);
      const existing = attached.get(anchor);
      if (existing && inputsOf(existing.field).length === inputsOf(field).length) {
        existing.place();
        continue;
      }
      existing?.host.remove();
      attached.set(anchor, attach(field));
    }
    for (const [anchor, entry] of attached) {
      if (!keep.has(anchor)) {
        entry.host.remove();
        attached.delete(anchor);
      }
    }
  }

  const scheduleRescan = () => {
    if (rescanTimer !== undefined) return;
    rescanTimer = setTimeout(() => {
      rescanTimer = undefined;
      rescan();
    }, deps.rescanDelayMs ?? 150);
  };
  const isOurs = (node: Node) => node.nodeName.toLowerCase() === BUTTON_HOST_TAG;
  const observer = new view.MutationObserver((records) => {
    const pageChanged = records.some(
      (record) =>
        !isOurs(record.target) && ![...record.addedNodes, ...record.removedNodes].every(isOurs),
    );
    if (pageChanged) scheduleRescan();
  });
  observer.observe(document.documentElement, {
    subtree: true,
    childList: true,
    // Only what the classifier reads, so animations and class flips cost nothing.
    attributeFilter: list(
      'type autocomplete maxlength hidden disabled readonly style aria-hidden name id',
    ),
  });
  const reposition = () => {
    for (const entry of attached.values()) entry.place();
  };
  view.addEventListener('resize', reposition, { passive: true });
  view.addEventListener('scroll', reposition, { passive: true, capture: true });
  rescan();

  return {
    rescan,
    stop() {
      observer.disconnect();
      if (rescanTimer !== undefined) clearTimeout(rescanTimer);
      view.removeEventListener('resize', reposition);
      view.removeEventListener('scroll', reposition, { capture: true });
      for (const entry of attached.values()) entry.host.remove();
      attached.clear();
    },
  };
}
