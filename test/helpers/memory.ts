/** Peak resident-memory growth of this process while `work` runs, sampled by a timer that must keep firing (the thread stays free). */
export async function watchMemory<T>(work: Promise<T>): Promise<{ value: T; peakMb: number; ticks: number }> {
  const base = process.memoryUsage.rss();
  let peak = base;
  let ticks = 0;
  const timer = setInterval(() => {
    ticks++;
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  try {
    const value = await work;
    return { value, peakMb: (peak - base) / 1024 / 1024, ticks };
  } finally {
    clearInterval(timer);
  }
}
