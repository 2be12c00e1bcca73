// Order-statistic confidence intervals of the median.
import { describe, expect, it } from 'vitest';
import { median, medianCI } from './stats.ts';

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
});
