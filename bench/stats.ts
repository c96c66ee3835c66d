/** Timing statistics of the bench: warm-up runs first, then p50/p90/min of the measured ones. */
export interface Stat {
  p50: number;
  p90: number;
  min: number;
  runs: number;
}

export function summarize(times: number[]): Stat {
  const sorted = [...times].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { p50: q(0.5), p90: q(0.9), min: sorted[0]!, runs: sorted.length };
}

/** Time `fn` (wall clock, ms). */
export async function measure(fn: () => unknown, runs: number, warmup = 3): Promise<Stat> {
  return measureOwn(async () => {
    const t = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - t) / 1e6;
  }, runs, warmup);
}

/** `fn` reports its own figure in ms (so it can prepare untimed, or take the figure from elsewhere, e.g. the page's clock). */
export async function measureOwn(fn: () => Promise<number>, runs: number, warmup = 1): Promise<Stat> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await fn());
  return summarize(times);
}
