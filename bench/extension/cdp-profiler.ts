/**
 * CPU time of one JavaScript thread over a window, from the V8 sampling profiler: the sum of the
 * samples that are not "(idle)". The page's thread is profiled through its own CDP session; the
 * service worker (which Playwright exposes no CDP session for) through the page's session with
 * Target.sendMessageToTarget.
 */
import type { CDPSession } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

type Send = (method: string, params?: Record<string, unknown>) => Promise<unknown>;

/** Busy milliseconds in a profile, and the heaviest functions (for the report's evidence). */
export function busyMs(profile: CpuProfile): { busy: number; top: [string, number][] } {
  const names = new Map(
    profile.nodes.map((node) => [
      node.id,
      node.callFrame.url === ''
        ? node.callFrame.functionName
        : // Minified names mean little: file:line:column finds the function in the build.
          `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop() ?? ''}:${String(node.callFrame.lineNumber + 1)}:${String(node.callFrame.columnNumber + 1)}`,
    ]),
  );
  const byName = new Map<string, number>();
  let busy = 0;
  (profile.samples ?? []).forEach((sample, i) => {
    const name = names.get(sample) ?? '(unknown)';
    const ms = (profile.timeDeltas?.[i + 1] ?? profile.timeDeltas?.[i] ?? 0) / 1000;
    if (name === '(idle)') return;
    busy += ms;
    byName.set(name, (byName.get(name) ?? 0) + ms);
  });
  const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 8);
  return { busy, top };
}

export interface ThreadProfiler {
  start(): Promise<void>;
  stop(): Promise<CpuProfile>;
  detach(): Promise<void>;
}

function profilerOver(send: Send, detach: () => Promise<void>): ThreadProfiler {
  let enabled = false;
  return {
    async start() {
      if (!enabled) {
        await send('Profiler.enable');
        await send('Profiler.setSamplingInterval', { interval: 100 });
        enabled = true;
      }
      await send('Profiler.start');
    },
    async stop() {
      const reply = (await send('Profiler.stop')) as { profile: CpuProfile };
      return reply.profile;
    },
    detach,
  };
}

export function pageProfiler(session: CDPSession): ThreadProfiler {
  return profilerOver(
    (method, params) => session.send(method as 'Profiler.start', params),
    () => session.detach(),
  );
}

/** Attaches to the extension's service worker target through a page's CDP session. */
export async function workerProfiler(
  session: CDPSession,
  extensionId: string,
): Promise<ThreadProfiler> {
  const { targetInfos } = await session.send('Target.getTargets');
  const worker = targetInfos.find(
    (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
  );
  if (!worker) throw new Error('the extension has no running service worker to profile');
  const { sessionId } = await session.send('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: false,
  });
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const onMessage = (event: { sessionId?: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
    };
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter || message.id === undefined) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  };
  session.on('Target.receivedMessageFromTarget', onMessage);
  const send: Send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      session
        .send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method, params }),
        })
        .catch(reject);
    });
  return profilerOver(send, async () => {
    session.off('Target.receivedMessageFromTarget', onMessage);
    await session.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  });
}
