import { describe, expect, it } from 'vitest';
import { busyMs } from './cdp-profiler';

const frame = (functionName: string, url = '') => ({
  functionName,
  url,
  lineNumber: 0,
  columnNumber: 9,
});

describe('busyMs', () => {
  it('sums the non-idle samples and names minified functions by file:line:column', () => {
    const result = busyMs({
      nodes: [
        { id: 1, callFrame: frame('(idle)') },
        { id: 2, callFrame: frame('ps', 'chrome-extension://x/background.js') },
        { id: 3, callFrame: frame('(garbage collector)') },
      ],
      samples: [1, 2, 2, 3, 1],
      // timeDeltas[i + 1] is how long sample i lasted (µs).
      timeDeltas: [0, 5000, 2000, 3000, 1000, 0],
    });
    expect(result.busy).toBe(6);
    expect(result.top).toEqual([
      ['ps background.js:1:10', 5],
      ['(garbage collector)', 1],
    ]);
  });
});
