// Pure figures of `bench` (issue 13): medians, spreads, rates, the interval coverage check, and target lines.

/** Median of a non-empty list (the mean of the middle two when even). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of nothing');
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Geometric mean of positive numbers: the mean of ratios that treats 2× and 0.5× as opposites. */
export function geomean(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('geometric mean of nothing');
  return Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
}

/** The spread: half the range, so "±0.02" reads as (max - min) / 2 <= 0.02. */
export function halfRange(xs: readonly number[]): number {
  return (Math.max(...xs) - Math.min(...xs)) / 2;
}

/** Steps per minute of `n` steps that took `ms` in all. */
export function perMinute(n: number, ms: number): number {
  return ms > 0 ? (60_000 * n) / ms : 0;
}

/** P(X <= k) for X ~ Binomial(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  let pmf = (1 - p) ** n; // P(X = 0)
  let sum = pmf;
  for (let i = 1; i <= k; i++) {
    pmf *= ((n - i + 1) / i) * (p / (1 - p));
    sum += pmf;
  }
  return Math.min(1, sum);
}

/** Intervals from repeated calls of one rewrite: how many contain the median of the calls' own point estimates. */
export interface Coverage {
  calls: number;
  contained: number;
  median: number;
}

/** Coverage of one task's repeated calls; calls without an interval (a null speedup or CI) count as calls that missed. */
export function coverageOf(calls: readonly { speedup: number | null; ci: [number, number] | null }[]): Coverage {
  const points = calls.flatMap((c) => (c.speedup === null ? [] : [c.speedup]));
  const m = points.length ? median(points) : NaN;
  const contained = calls.filter((c) => c.ci !== null && c.ci[0] <= m && m <= c.ci[1]).length;
  return { calls: calls.length, contained, median: m };
}

/**
 * The fewest of `calls` intervals that must contain the median for them to be consistent with intervals that hold at
 * `rate`: a one-sided binomial test at level `alpha`. With 30 calls a true 95% interval misses 4 times about 6% of the
 * time, so "at least 95% contained" alone would fail a correct interval too often to be a target.
 */
export function coverageFloor(calls: number, rate = 0.95, alpha = 0.05): number {
  let k = 0;
  while (k < calls && binomialCdf(k, calls, rate) < alpha) k++;
  return k;
}

/** One checked target: the figure, its limit, which way it must lie, and the load average when it was measured. */
export interface Check {
  name: string;
  value: number;
  limit: number;
  /** 'max': value <= limit passes; 'min': value >= limit passes */
  kind: 'max' | 'min';
  /** /proc/loadavg's first three fields at the time */
  load: string;
  /** a figure that cannot be judged on this run (a subset of tasks): printed, not counted */
  skip?: string;
  /** how to print value and limit */
  digits?: number;
}

export const passes = (c: Check) => (c.kind === 'max' ? c.value <= c.limit : c.value >= c.limit);

/** `PASS  name: value (target <= limit; load 1.2 0.9 0.8)`, or SKIP with the reason. */
export function checkLine(c: Check): string {
  const d = c.digits ?? 2;
  const verdict = c.skip ? 'SKIP' : passes(c) ? 'PASS' : 'FAIL';
  const why = c.skip ? `; ${c.skip}` : '';
  return `${verdict}  ${c.name}: ${c.value.toFixed(d)} (target ${c.kind === 'max' ? '<=' : '>='} ${c.limit.toFixed(d)}${why}; load ${c.load})`;
}

/** The run passes when no checked target failed (skipped ones do not count). */
export const allPass = (checks: readonly Check[]) => checks.every((c) => c.skip !== undefined || passes(c));
