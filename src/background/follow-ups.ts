/**
 * Work the background does after it has answered (e.g. confirming a new device once the person
 * already sees DONE). `start` only queues it under a key (the account); `release(key)` schedules
 * that queue for a little later, once that account's reply is on its way, so neither the work's
 * CPU (the device verifier's modular exponentiation) nor its requests compete with the popup
 * painting the answer. Keyed, because another request finishing (a page's getState) must not
 * launch it early. `settled()` launches everything at once and waits: tests, and a sign-out that
 * needs it finished. A follow-up that throws is logged, never re-thrown.
 */
import type { Logger } from '../platform/logger';

/**
 * How long after the reply a follow-up starts. The popup needs 20–80 ms from the reply to DONE
 * in its DOM on a loaded 2-core machine (bench, 2026-11-22); 300 ms leaves it alone.
 */
export const FOLLOW_UP_DELAY_MS = 300;

export interface FollowUps {
  start(key: string, name: string, task: () => Promise<void>): void;
  /** Schedules what is queued under `key` (call it when that key's reply is ready). */
  release(key: string): void;
  /** Launches every follow-up now and resolves once all, including ones started meanwhile, end. */
  settled(): Promise<void>;
}

export function createFollowUps(
  logger: Logger,
  later: (run: () => void) => void = (run) => setTimeout(run, FOLLOW_UP_DELAY_MS),
): FollowUps {
  const queued = new Map<string, (() => void)[]>();
  const notLaunched = new Set<() => void>();
  const running = new Set<Promise<void>>();

  function start(key: string, name: string, task: () => Promise<void>) {
    let resolveLaunch: () => void = () => undefined;
    const launched = new Promise<void>((resolve) => (resolveLaunch = resolve));
    const launch = () => {
      notLaunched.delete(launch);
      resolveLaunch();
    };
    const run = (async () => {
      await launched;
      try {
        await task();
      } catch (error) {
        logger.warn(`follow-up "${name}" failed`, error);
      }
    })();
    running.add(run);
    void run.finally(() => running.delete(run));
    notLaunched.add(launch);
    queued.set(key, [...(queued.get(key) ?? []), launch]);
  }

  function release(key: string) {
    const launches = queued.get(key) ?? [];
    queued.delete(key);
    if (launches.length > 0)
      later(() => {
        for (const launch of launches) launch();
      });
  }

  return {
    start,
    release,
    async settled() {
      while (running.size > 0) {
        queued.clear();
        for (const launch of [...notLaunched]) launch();
        await Promise.all([...running]);
      }
    },
  };
}
