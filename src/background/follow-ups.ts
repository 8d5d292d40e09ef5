/**
 * Work the background starts after it has answered (e.g. confirming a new device once the person
 * already sees DONE). Nothing waits for it, except whoever asks `settled()`: tests, and a worker
 * that wants to finish its bookkeeping. A follow-up that throws is logged, never re-thrown.
 */
import type { Logger } from '../platform/logger';

export interface FollowUps {
  start(name: string, task: () => Promise<void>): void;
  /** Resolves once every follow-up, including ones started meanwhile, has finished. */
  settled(): Promise<void>;
}

export function createFollowUps(logger: Logger): FollowUps {
  const running = new Set<Promise<void>>();
  return {
    start(name, task) {
      const run = (async () => {
        try {
          await task();
        } catch (error) {
          logger.warn(`follow-up "${name}" failed`, error);
        }
      })();
      running.add(run);
      void run.finally(() => running.delete(run));
    },
    async settled() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
