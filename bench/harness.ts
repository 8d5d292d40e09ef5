/**
 * The benchmark loop shared by Node and the Chromium page: every iteration takes the next input
 * set and runs every (implementation, metric) case on it in a freshly shuffled order, so drift and
 * noise on this shared machine hit every contender alike. Each output is checked against the
 * expected value; a mismatch aborts the run (a fast wrong answer is not a result).
 */
export interface BenchCase<Input> {
  /** results.json key, e.g. "ours_key_ms". */
  key: string;
  /** Untimed preparation (e.g. resetting a library's cached A). */
  prepare?: (input: Input) => void | Promise<void>;
  run: (input: Input) => unknown;
  /** The expected output as a string; compared after each timed call. */
  expect: (input: Input, output: unknown) => boolean;
}

export interface BenchOptions {
  iterations: number;
  warmup: number;
  now: () => number;
  /** A deterministic shuffle source, so runs are comparable. */
  seed?: number;
  /** Called between iterations, never inside a timed region (e.g. globalThis.gc). */
  betweenIterations?: () => void;
}

export interface Summary {
  median: number;
  min: number;
  max: number;
  samples: number;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  const median =
    sorted.length % 2
      ? (sorted[mid] ?? NaN)
      : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
  return { median, min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN, samples: sorted.length };
}

export interface BenchRun {
  summaries: Record<string, Summary>;
  /** Per-iteration samples, aligned across keys (every case runs once per iteration). */
  samples: Record<string, number[]>;
}

/**
 * Median over iterations of numerator[i] / denominator[i]: the two ran in the same iteration, so
 * the ratio is less exposed to load on a shared machine than a ratio of medians.
 */
export function pairedRatio(run: BenchRun, numerator: string, denominator: string): number {
  const top = run.samples[numerator] ?? [];
  const bottom = run.samples[denominator] ?? [];
  const ratios = top.map((value, i) => value / (bottom[i] ?? NaN)).filter(Number.isFinite);
  return summarize(ratios).median;
}

export async function runInterleaved<Input>(
  cases: BenchCase<Input>[],
  inputs: Input[],
  options: BenchOptions,
): Promise<BenchRun> {
  const random = mulberry32(options.seed ?? 1);
  const samples = new Map<string, number[]>(cases.map((c) => [c.key, []]));
  for (let iteration = 0; iteration < options.warmup + options.iterations; iteration++) {
    const input = inputs[iteration % inputs.length];
    if (input === undefined) throw new Error('no benchmark inputs');
    options.betweenIterations?.();
    const order = [...cases];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as BenchCase<Input>, order[i] as BenchCase<Input>];
    }
    for (const benchCase of order) {
      await benchCase.prepare?.(input);
      const started = options.now();
      const output = await benchCase.run(input);
      const elapsed = options.now() - started;
      if (!benchCase.expect(input, output)) {
        throw new Error(`${benchCase.key} produced a wrong result on iteration ${iteration}`);
      }
      if (iteration >= options.warmup) samples.get(benchCase.key)?.push(elapsed);
    }
  }
  return {
    summaries: Object.fromEntries([...samples].map(([key, values]) => [key, summarize(values)])),
    samples: Object.fromEntries(samples),
  };
}
