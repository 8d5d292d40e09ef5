import { describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger';
import { createFollowUps } from './follow-ups';

const silent = createLogger('silent', () => undefined);

describe('follow-ups', () => {
  it('nothing runs before release, and then only on the later task', async () => {
    const later: (() => void)[] = [];
    const followUps = createFollowUps(silent, (run) => later.push(run));
    const done: string[] = [];
    followUps.start('device', () => {
      done.push('device');
      return Promise.resolve();
    });
    await Promise.resolve();
    expect(done).toEqual([]);
    followUps.release();
    await Promise.resolve();
    expect(done).toEqual([]);
    later.forEach((run) => {
      run();
    });
    await followUps.settled();
    expect(done).toEqual(['device']);
  });

  it('settled() releases and waits for every one, also those started meanwhile', async () => {
    const followUps = createFollowUps(silent);
    const done: string[] = [];
    followUps.start('first', async () => {
      await Promise.resolve();
      done.push('first');
      followUps.start('second', async () => {
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
    );
    followUps.start('broken', () => Promise.reject(new Error('boom')));
    await followUps.settled();
    expect(lines).toEqual(['follow-up "broken" failed']);
    await expect(followUps.settled()).resolves.toBeUndefined();
  });
});
