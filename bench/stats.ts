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
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  let spent = 0;
  while (!enough(runs, spent, times.length)) spent += times[times.push(await time(fn)) - 1]!;
  return summarize(times);
}

const time = async (fn: () => unknown): Promise<number> => {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

/** Fast calls are run more often (until ~0.3 s of them, at most 300), so a p50 of a millisecond is not a handful of samples. */
const enough = (runs: number, spent: number, done: number): boolean => done >= runs && (spent >= 300 || done >= 300);

/**
 * The product and its raw-SQL baseline, run alternately (product, raw, raw,
 * product, …): a machine that gets busier or quieter during the measurement
 * (other processes on 2 cores) moves both figures alike, not one of them.
 */
export async function measurePair(product: () => unknown, raw: () => unknown, runs: number, warmup = 3): Promise<{ product: Stat; raw: Stat }> {
  for (let i = 0; i < warmup; i++) {
    await product();
    await raw();
  }
  const a: number[] = [];
  const b: number[] = [];
  let spent = 0;
  for (let i = 0; !enough(runs, spent, i); i++) {
    if (i % 2 === 0) {
      a.push(await time(product));
      b.push(await time(raw));
    } else {
      b.push(await time(raw));
      a.push(await time(product));
    }
    spent += a.at(-1)!;
  }
  return { product: summarize(a), raw: summarize(b) };
}

/** `fn` reports its own figure in ms (so it can prepare untimed, or take the figure from elsewhere, e.g. the page's clock). */
export async function measureOwn(fn: () => Promise<number>, runs: number, warmup = 1): Promise<Stat> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await fn());
  return summarize(times);
}

/** One line of the bench's table. */
export interface Row {
  name: string;
  product: Stat;
  raw?: Stat;
  target?: string;
  pass?: boolean;
  /** the measuring process's peak RSS once this measurement was done (MB): which step raised it */
  peakRssMb?: number;
}
