/**
 * The page side of OTP autofill: a small button beside every one-time-code field, inside a
 * closed shadow root so the page can neither read nor click it. A click (a real one: the event
 * must be trusted) asks the background for the code of this origin's entry and fills it.
 *
 * Imports only the classifier, the filler and the message guards: no otplib, no vault, no
 * valibot, so the content script stays small and never holds a secret.
 */
import { findOtpFields, type OtpField } from './field-classifier';
import { fillOtpField } from './fill';
import { isOtpCodeResponse } from './message-guards';

export interface AutofillDeps {
  document: Document;
  /** Sends `{ type: 'otp:getCode' }` to the background and returns its raw answer. */
  requestCode: () => Promise<unknown>;
  /** Whether a click came from the person; only tests replace it. */
  isUserGesture?: (event: Event) => boolean;
  /** Delay before rescanning after the page changed. */
  rescanDelayMs?: number;
}

export interface OtpAutofill {
  /** Fills the focused field (or the first one) with a code the background pushed. */
  fillWithCode(code: string): boolean;
  rescan(): void;
  stop(): void;
}

export const BUTTON_HOST_TAG = 'cognito-pass-otp';
const BUTTON_SIZE = 22;
const BUTTON_LABEL = 'Fill the one-time code from Cognito Pass';

const STYLE = `:host{all:initial;}button{all:initial;box-sizing:border-box;width:${BUTTON_SIZE}px;height:${BUTTON_SIZE}px;border-radius:50%;background:#1f6feb;color:#fff;font:700 9px/22px system-ui,sans-serif;text-align:center;cursor:pointer;box-shadow:0 1px 3px rgb(0 0 0 / 35%);}button:focus-visible{outline:2px solid #0b3d91;outline-offset:2px;}button[data-state="busy"]{opacity:0.6;cursor:progress;}button[data-state="error"]{background:#b42318;}button[data-state="done"]{background:#1a7f37;}`;

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
  const view = document.defaultView;
  const isUserGesture = deps.isUserGesture ?? ((event: Event) => event.isTrusted);
  const attached = new Map<HTMLInputElement, Attached>();
  let rescanTimer: ReturnType<typeof setTimeout> | undefined;

  function place(field: OtpField, host: HTMLElement) {
    const rect = anchorOf(field).getBoundingClientRect();
    const scrollX = view?.scrollX ?? 0;
    const scrollY = view?.scrollY ?? 0;
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
    let response: unknown;
    try {
      response = await deps.requestCode();
    } catch {
      response = undefined;
    }
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
    host.style.cssText = `position:absolute;z-index:2147483647;width:${BUTTON_SIZE}px;height:${BUTTON_SIZE}px;margin:0;padding:0;border:0;`;
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

  function rescan() {
    const fields = findOtpFields(document);
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
  const observer = view
    ? new view.MutationObserver((records) => {
        const pageChanged = records.some(
          (record) =>
            !isOurs(record.target) && ![...record.addedNodes, ...record.removedNodes].every(isOurs),
        );
        if (pageChanged) scheduleRescan();
      })
    : undefined;
  observer?.observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: [
      'type',
      'autocomplete',
      'maxlength',
      'hidden',
      'disabled',
      'readonly',
      'style',
      'aria-hidden',
      'name',
      'id',
    ],
  });
  const reposition = () => {
    for (const entry of attached.values()) entry.place();
  };
  view?.addEventListener('resize', reposition, { passive: true });
  view?.addEventListener('scroll', reposition, { passive: true, capture: true });
  rescan();

  return {
    fillWithCode(code) {
      const fields = findOtpFields(document);
      const active = document.activeElement;
      const target =
        fields.find((field) => inputsOf(field).some((input) => input === active)) ?? fields[0];
      if (!target) return false;
      fillOtpField(target, code);
      return true;
    },
    rescan,
    stop() {
      observer?.disconnect();
      if (rescanTimer !== undefined) clearTimeout(rescanTimer);
      view?.removeEventListener('resize', reposition);
      view?.removeEventListener('scroll', reposition, { capture: true });
      for (const entry of attached.values()) entry.host.remove();
      attached.clear();
    },
  };
}
