/**
 * Work the background does after it has answered (e.g. confirming a new device once the person
 * already sees DONE). `start` only queues it; `release` launches the queue on a later task, once
 * the reply is on its way, so even the work's synchronous part (the device verifier's modular
 * exponentiation) never delays the reply. Nothing waits for it, except whoever asks `settled()`:
 * tests, and a sign-out that needs it finished. A follow-up that throws is logged, never re-thrown.
 */
import type { Logger } from '../platform/logger';

export interface FollowUps {
  start(name: string, task: () => Promise<void>): void;
  /** Launches what is queued, after the current task (call it when the reply is ready). */
  release(): void;
  /** Resolves once every follow-up, including ones started meanwhile, has finished. */
  settled(): Promise<void>;
}

export function createFollowUps(
  logger: Logger,
  later: (run: () => void) => void = (run) => setTimeout(run, 0),
): FollowUps {
  const queued: (() => void)[] = [];
  const running = new Set<Promise<void>>();

  function start(name: string, task: () => Promise<void>) {
    let launch: () => void = () => undefined;
    const launched = new Promise<void>((resolve) => (launch = resolve));
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
    queued.push(launch);
  }

  function release() {
    const launches = queued.splice(0);
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
        release();
        await Promise.all([...running]);
      }
    },
  };
}
