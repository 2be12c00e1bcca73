// Order-statistic confidence intervals of the median, and their exact coverage (checked by simulation).
import { describe, expect, it } from 'vitest';
import { median, medianCI, medianCICoverage, minSamplesForCoverage } from './stats.ts';

/** mulberry32: a tiny seeded generator, so the simulation is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe('stats', () => {
  it('takes medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
  it('uses min and max below 6 samples, then cuts the tails', () => {
    expect(medianCI([5, 1, 3, 2, 4])).toEqual([1, 5]);
    // n = 9: P(B ≤ 1) = 10/512, so cutting one each side keeps 96% coverage; two would drop to 82%
    expect(medianCI([1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual([2, 8]);
    const many = Array.from({ length: 25 }, (_, i) => i + 1);
    const [lo, hi] = medianCI(many);
    expect(lo).toBeLessThan(13);
    expect(hi).toBeGreaterThan(13);
    expect(hi - lo).toBeLessThan(12);
  });

  it('computes the exact coverage of the interval medianCI picks', () => {
    // [min, max] of n samples misses the median only when all n fall on one side: 2 · 2^-n
    expect(medianCICoverage(1)).toBe(0);
    expect(medianCICoverage(3)).toBe(0.75);
    expect(medianCICoverage(5)).toBe(0.9375);
    expect(medianCICoverage(6)).toBe(0.96875);
    // n = 9 cuts one each side: 1 − 2 · (1 + 9) / 512
    expect(medianCICoverage(9)).toBeCloseTo(1 - 20 / 512, 12);
    for (let n = 6; n <= 200; n++) expect(medianCICoverage(n)).toBeGreaterThanOrEqual(0.95);
    for (let n = 1; n < 6; n++) expect(medianCICoverage(n)).toBeLessThan(0.95);
  });

  it('needs 6 samples for a 95% interval, 8 for 99%', () => {
    expect(minSamplesForCoverage(0.95)).toBe(6);
    expect(minSamplesForCoverage(0.99)).toBe(8);
    expect(() => minSamplesForCoverage(1)).toThrow(RangeError);
  });

  it('agrees with a simulation of the coverage', () => {
    const random = rng(7);
    const trials = 20_000;
    for (const n of [3, 5, 6, 9, 14]) {
      let covered = 0;
      for (let t = 0; t < trials; t++) {
        // skewed samples (like timing ratios) whose true median is exactly 1
        const xs = Array.from({ length: n }, () => Math.exp(random() - 0.5) ** 3);
        const [lo, hi] = medianCI(xs);
        if (lo <= 1 && 1 <= hi) covered++;
      }
      expect(Math.abs(covered / trials - medianCICoverage(n))).toBeLessThan(0.01);
    }
  });
});
