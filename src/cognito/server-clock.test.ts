import { describe, expect, it } from 'vitest';
import { createServerClock, fetchObservingClock, serverNow } from './server-clock';

const at = (iso: string) => Date.parse(iso);

describe('server clock', () => {
  it('knows nothing before an answer, and ignores answers without a readable Date', () => {
    const clock = createServerClock();
    expect(clock.offsetMs()).toBeUndefined();
    clock.observe(null, 0);
    clock.observe('not a date', 0);
    expect(clock.offsetMs()).toBeUndefined();
  });

  it.each([
    ['local clock 10 minutes fast', '2026-11-22T10:10:00.000Z', -600_000],
    ['local clock 10 minutes slow', '2026-11-22T09:50:00.000Z', 600_000],
  ])('%s: the offset is measured to within a second', (_name, localIso, expected) => {
    const clock = createServerClock();
    clock.observe('Sun, 22 Nov 2026 10:00:00 GMT', at(localIso));
    expect(Math.abs((clock.offsetMs() ?? 0) - expected)).toBeLessThanOrEqual(1000);
  });

  it('corrects "now" only when the offset is more than noise', () => {
    const clock = createServerClock();
    const local = at('2026-11-22T10:00:00.300Z');
    const now = () => local;
    clock.observe('Sun, 22 Nov 2026 10:00:00 GMT', local);
    expect(serverNow(clock, now)()).toBe(local);
    clock.observe('Sun, 22 Nov 2026 10:10:00 GMT', local);
    expect(serverNow(clock, now)()).toBe(at('2026-11-22T10:10:00.500Z'));
    expect(serverNow(undefined, now)()).toBe(local);
  });

  it('reads the Date of every answer passing through fetch', async () => {
    const clock = createServerClock();
    const answer: typeof fetch = () =>
      Promise.resolve(new Response('{}', { headers: { date: 'Sun, 22 Nov 2026 10:00:00 GMT' } }));
    const response = await fetchObservingClock(answer, clock, () => at('2026-11-22T10:05:00Z'))(
      'http://x/',
    );
    expect(await response.text()).toBe('{}');
    expect(clock.offsetMs()).toBe(-299_500);
  });
});
