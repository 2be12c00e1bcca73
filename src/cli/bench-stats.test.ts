// The bench's pure figures: medians, spreads, rates, interval coverage and its binomial test, target lines.
import { describe, expect, it } from 'vitest';
import { allPass, binomialCdf, checkLine, coverageFloor, coverageOf, geomean, halfRange, median, perMinute } from './bench-stats.ts';

describe('bench figures', () => {
  it('median, geometric mean, half range, per minute', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
    expect(geomean([2, 0.5])).toBeCloseTo(1, 12);
    expect(geomean([1, 4, 16])).toBeCloseTo(4, 12);
    expect(halfRange([0.5, 0.56, 0.52])).toBeCloseTo(0.03, 12);
    expect(perMinute(10, 30_000)).toBe(20);
    expect(perMinute(3, 0)).toBe(0);
  });

  it('binomial cdf against exact small cases', () => {
    expect(binomialCdf(0, 2, 0.5)).toBeCloseTo(0.25, 12);
    expect(binomialCdf(1, 2, 0.5)).toBeCloseTo(0.75, 12);
    expect(binomialCdf(2, 2, 0.5)).toBe(1);
    expect(binomialCdf(-1, 5, 0.3)).toBe(0);
    // 30 calls at 95%: P(at most 26 contained) = P(4 or more misses) ≈ 0.061; at most 25 ≈ 0.016.
    expect(binomialCdf(26, 30, 0.95)).toBeCloseTo(0.0608, 3);
    expect(binomialCdf(25, 30, 0.95)).toBeCloseTo(0.0156, 3);
  });

  it('coverage counts the intervals that hold the median of the point estimates', () => {
    const c = coverageOf([
      { speedup: 2.0, ci: [1.8, 2.2] },
      { speedup: 2.1, ci: [2.05, 2.3] },
      { speedup: 1.9, ci: [1.7, 2.05] },
      { speedup: null, ci: null },
    ]);
    expect(c.median).toBe(2.0);
    expect(c).toMatchObject({ calls: 4, contained: 2 });
    expect(coverageFloor(30)).toBe(26);
    expect(coverageFloor(10)).toBe(8); // P(at most 7 of 10) ≈ 0.012, P(at most 8) ≈ 0.086
    expect(coverageFloor(0)).toBe(0);
  });

  it('target lines: pass, fail, skip, and which count', () => {
    const ok = { name: 'a', value: 1.1, limit: 1.15, kind: 'max' as const, load: '0.5 0.4 0.3' };
    const low = { name: 'b', value: 20, limit: 23.6, kind: 'min' as const, load: '0.5 0.4 0.3', digits: 1 };
    expect(checkLine(ok)).toBe('PASS  a: 1.10 (target <= 1.15; load 0.5 0.4 0.3)');
    expect(checkLine(low)).toBe('FAIL  b: 20.0 (target >= 23.6; load 0.5 0.4 0.3)');
    expect(checkLine({ ...low, skip: 'subset' })).toMatch(/^SKIP {2}b: 20\.0 \(target >= 23\.6; subset; load/);
    expect(allPass([ok])).toBe(true);
    expect(allPass([ok, low])).toBe(false);
    expect(allPass([ok, { ...low, skip: 'subset' }])).toBe(true);
  });
});
