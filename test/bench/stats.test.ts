import { describe, expect, it } from 'vitest';
import { measureOwnPair, summarize } from '../../bench/stats';

describe('bench statistics', () => {
  it('summarizes p50, p90 and min of unsorted times', () => {
    expect(summarize([5, 1, 4, 2, 3])).toEqual({ p50: 3, p90: 5, min: 1, runs: 5 });
  });

  it('runs the product and its baseline alternately after one warm-up each, and keeps their figures apart', async () => {
    const calls: string[] = [];
    let p = 0;
    let r = 0;
    const result = await measureOwnPair(
      async () => {
        calls.push('P');
        return 100 + p++;
      },
      async () => {
        calls.push('R');
        return 10 + r++;
      },
      4,
    );
    expect(calls.join('')).toBe('PR' + 'PRRPPRRP');
    // warm-up figures (100, 10) are not counted
    expect(result.product).toEqual({ p50: 103, p90: 104, min: 101, runs: 4 });
    expect(result.raw).toEqual({ p50: 13, p90: 14, min: 11, runs: 4 });
  });
});
