import { describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger';
import { createFollowUps } from './follow-ups';

describe('follow-ups', () => {
  it('start without waiting, and settled() waits for every one, also those started meanwhile', async () => {
    const followUps = createFollowUps(createLogger('silent', () => undefined));
    const done: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    followUps.start('first', async () => {
      await gate;
      done.push('first');
      followUps.start('second', async () => {
        await Promise.resolve();
        done.push('second');
      });
    });
    expect(done).toEqual([]);
    const settled = followUps.settled();
    release();
    await settled;
    expect(done).toEqual(['first', 'second']);
  });

  it('logs a failure by name and keeps going', async () => {
    const lines: string[] = [];
    const followUps = createFollowUps(
      createLogger('debug', (_level, message) => lines.push(message)),
    );
    followUps.start('broken', () => Promise.reject(new Error('boom')));
    await followUps.settled();
    expect(lines).toEqual(['follow-up "broken" failed']);
    await expect(followUps.settled()).resolves.toBeUndefined();
  });
});
