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
 * The product and its baseline, run alternately (product, raw, raw, product,
 * …) after `warmup` runs of each: a machine that gets busier or quieter during
 * the measurement (other processes on 2 cores) moves both figures alike, not
 * one of them. Each function reports its own figure in ms; runs go on while
 * `more(productTimes)` says so.
 */
async function alternate(
  product: () => Promise<number>,
  raw: () => Promise<number>,
  more: (productTimes: number[]) => boolean,
  warmup: number,
): Promise<{ product: Stat; raw: Stat }> {
  for (let i = 0; i < warmup; i++) {
    await product();
    await raw();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; more(a); i++) {
    if (i % 2 === 0) {
      a.push(await product());
      b.push(await raw());
    } else {
      b.push(await raw());
      a.push(await product());
    }
  }
  return { product: summarize(a), raw: summarize(b) };
}

/** A product call and its raw-SQL baseline, timed alternately (see alternate). */
export function measurePair(product: () => unknown, raw: () => unknown, runs: number, warmup = 3): Promise<{ product: Stat; raw: Stat }> {
  const spent = (times: number[]) => times.reduce((sum, t) => sum + t, 0);
  return alternate(() => time(product), () => time(raw), (times) => !enough(runs, spent(times), times.length), warmup);
}

/** `fn` reports its own figure in ms (so it can prepare untimed, or take the figure from elsewhere, e.g. the page's clock). */
export async function measureOwn(fn: () => Promise<number>, runs: number, warmup = 1): Promise<Stat> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await fn());
  return summarize(times);
}

/** measureOwn for a product and its baseline, alternately (see alternate). */
export function measureOwnPair(product: () => Promise<number>, raw: () => Promise<number>, runs: number, warmup = 1): Promise<{ product: Stat; raw: Stat }> {
  return alternate(product, raw, (times) => times.length < runs, warmup);
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
