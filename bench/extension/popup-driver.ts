/**
 * Drives the real popup page like a person, and times step changes from inside the page: a
 * MutationObserver notes when the root's data-step changes and when the next frame after it ran
 * (the new step is painted by then). Times are epoch milliseconds (timeOrigin + now), so they line
 * up with the proxy's record of the pool's answers in the Node process.
 */
import type { BrowserContext, Page } from 'playwright-core';

export const POPUP_VIEWPORT = { width: 360, height: 600 };

declare global {
  interface Window {
    __benchSteps?: { step: string; shown: number; painted: number }[];
  }
}

/**
 * Installed once per page: records every step change with the time it reached the DOM (`shown`)
 * and the time of the frame after it (`painted`).
 */
function installStepRecorder(): void {
  if (window.__benchSteps) return;
  const log: { step: string; shown: number; painted: number }[] = [];
  window.__benchSteps = log;
  let last = document.querySelector('[data-step]')?.getAttribute('data-step') ?? '';
  new MutationObserver(() => {
    const step = document.querySelector('[data-step]')?.getAttribute('data-step') ?? '';
    if (step === last) return;
    last = step;
    const shown = performance.timeOrigin + performance.now();
    requestAnimationFrame(() => {
      setTimeout(
        () => log.push({ step, shown, painted: performance.timeOrigin + performance.now() }),
        0,
      );
    });
  }).observe(document.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-step'],
  });
}

export async function currentStep(page: Page): Promise<string | null> {
  return page.locator('[data-step]').first().getAttribute('data-step');
}

export async function waitForStep(page: Page, step: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (name) => document.querySelector('[data-step]')?.getAttribute('data-step') === name,
    step,
    { timeout, polling: 10 },
  );
}

/** Opens popup.html in a tab at the popup's size; resolves once a step (not LOADING) shows. */
export async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(POPUP_VIEWPORT);
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.waitForFunction(
    () => {
      const step = document.querySelector('[data-step]')?.getAttribute('data-step');
      return step !== undefined && step !== null && step !== 'LOADING';
    },
    undefined,
    { polling: 10 },
  );
  await page.evaluate(installStepRecorder);
  return page;
}

/** The demo build seeds its accounts in onInstalled: reopen until they are there. */
export async function openDemoPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const page = await openPopup(context, extensionId);
    if ((await currentStep(page)) !== 'NO_ACCOUNT') return page;
    await page.close();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the demo accounts were never seeded');
}

export interface TimedStep {
  from: string;
  to: string;
  /**
   * Epoch ms in the bench's own clock (the counting proxy's): the submit, the new step reaching
   * the DOM, and the frame after it.
   */
  startedAt: number;
  shownAt: number;
  paintedAt: number;
}

/**
 * The page's epoch clock minus this process's, from the closest of a few round trips. Chromium's
 * and Node's `timeOrigin` differ by several milliseconds here, which is as much as a local-pool
 * call lasts, so page times are shifted by it before they are compared with the proxy's.
 */
export async function pageClockOffset(page: Page, samples = 7): Promise<number> {
  let best = { roundTrip: Infinity, offset: 0 };
  for (let i = 0; i < samples; i++) {
    const before = performance.timeOrigin + performance.now();
    const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = performance.timeOrigin + performance.now();
    if (after - before < best.roundTrip)
      best = { roundTrip: after - before, offset: pageNow - (before + after) / 2 };
  }
  return best.offset;
}

/**
 * Submits the focused form (or clicks the button named `button`) at a time taken inside the
 * page, and waits until `to` is painted.
 */
export async function timedSubmit(page: Page, to: string, button?: string): Promise<TimedStep> {
  const from = (await currentStep(page)) ?? '';
  const startedAt = await page.evaluate((name) => {
    const log = window.__benchSteps;
    if (log) log.length = 0;
    const started = performance.timeOrigin + performance.now();
    if (name === undefined) {
      const active = document.activeElement;
      const form =
        active instanceof HTMLInputElement && active.form
          ? active.form
          : document.querySelector('form');
      if (!form) throw new Error('no form to submit');
      form.requestSubmit();
    } else {
      const target = [...document.querySelectorAll('button')].find((b) =>
        b.textContent.includes(name),
      );
      if (!target) throw new Error(`no button "${name}"`);
      target.click();
    }
    return started;
  }, button);
  const { shown, painted } = await page.evaluate(async (name) => {
    const deadline = performance.now() + 30_000;
    while (performance.now() < deadline) {
      const entry = window.__benchSteps?.find((e) => e.step === name);
      if (entry) return entry;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`the popup never showed ${name}`);
  }, to);
  const offset = await pageClockOffset(page);
  return {
    from,
    to,
    startedAt: startedAt - offset,
    shownAt: shown - offset,
    paintedAt: painted - offset,
  };
}
