import { describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger';
import { createFollowUps } from './follow-ups';

const silent = createLogger('silent', () => undefined);

describe('follow-ups', () => {
  it('nothing runs before its own key is released, and then only on the later task', async () => {
    const later: (() => void)[] = [];
    const followUps = createFollowUps(silent, (run) => later.push(run));
    const done: string[] = [];
    followUps.start('alice', 'device', () => {
      done.push('device');
      return Promise.resolve();
    });
    followUps.release('bob');
    expect(later).toEqual([]);
    await Promise.resolve();
    expect(done).toEqual([]);
    followUps.release('alice');
    await Promise.resolve();
    expect(done).toEqual([]);
    later.forEach((run) => {
      run();
    });
    await followUps.settled();
    expect(done).toEqual(['device']);
  });

  it('settled() launches at once, without waiting for the delay, every one, also those started meanwhile', async () => {
    const followUps = createFollowUps(silent, () => undefined);
    const done: string[] = [];
    followUps.start('a', 'first', async () => {
      await Promise.resolve();
      done.push('first');
      followUps.start('a', 'second', async () => {
        await Promise.resolve();
        done.push('second');
      });
    });
    await followUps.settled();
    expect(done).toEqual(['first', 'second']);
  });

  it('logs a failure by name and keeps going', async () => {
    const lines: string[] = [];
    const followUps = createFollowUps(
      createLogger('debug', (_level, message) => lines.push(message)),
      () => undefined,
    );
    followUps.start('a', 'broken', () => Promise.reject(new Error('boom')));
    await followUps.settled();
    expect(lines).toEqual(['follow-up "broken" failed']);
    await expect(followUps.settled()).resolves.toBeUndefined();
  });
});
