// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOtpFields, scoreInput } from './field-classifier';

const CORPUS = join(import.meta.dirname, '../../test/fixtures/otp-pages');
const pages = readdirSync(CORPUS).filter((file) => file.endsWith('.html'));

interface Miss {
  page: string;
  input: string;
  expected: boolean;
  reasons: string;
}

function describeInput(input: HTMLInputElement): string {
  return input.outerHTML.slice(0, 140);
}

describe('field classifier on the saved-page corpus', () => {
  it('has at least 15 pages with both positives and negatives', () => {
    expect(pages.length).toBeGreaterThanOrEqual(15);
  });

  it('reaches precision ≥ 0.95 and recall ≥ 0.9 over every input of every page', () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    let inputsSeen = 0;
    let positivePages = 0;
    const misses: Miss[] = [];
    for (const page of pages) {
      const html = readFileSync(join(CORPUS, page), 'utf8');
      const document = new DOMParser().parseFromString(html, 'text/html');
      const predicted = new Set(
        findOtpFields(document).flatMap((field) =>
          field.kind === 'single' ? [field.input] : field.inputs,
        ),
      );
      const inputs = [...document.querySelectorAll('input')];
      if (inputs.some((input) => input.hasAttribute('data-expect-otp'))) positivePages++;
      for (const input of inputs) {
        inputsSeen++;
        const expected = input.hasAttribute('data-expect-otp');
        const found = predicted.has(input);
        if (expected && found) truePositives++;
        if (!expected && found) falsePositives++;
        if (expected && !found) falseNegatives++;
        if (expected !== found) {
          const verdict = scoreInput(input);
          misses.push({
            page,
            input: describeInput(input),
            expected,
            reasons: `score ${verdict.score} veto ${verdict.veto ?? '-'}`,
          });
        }
      }
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    // Printed on purpose: the issue asks for the numbers in the test output.
    process.stdout.write(
      `OTP classifier corpus: ${pages.length} pages (${positivePages} with OTP fields), ${inputsSeen} inputs, ` +
        `TP ${truePositives} FP ${falsePositives} FN ${falseNegatives}, ` +
        `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}\n`,
    );
    for (const miss of misses) {
      process.stdout.write(
        `  ${miss.expected ? 'missed' : 'false hit'} in ${miss.page}: ${miss.input} — ${miss.reasons}\n`,
      );
    }
    expect(positivePages).toBeGreaterThanOrEqual(10);
    expect(pages.length - positivePages).toBeGreaterThanOrEqual(5);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});
