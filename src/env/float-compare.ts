// Float results compared within the tolerance summation order needs: the tolerances, their grid, and the exact row-paired check.
import type { ColumnPlan } from './fingerprint.ts';

/**
 * Two floats are equal when |a − b| ≤ 2^-bits · max(|a|, |b|) + floor. A NULL equals only a NULL, NaN only NaN and
 * an infinity only the same infinity.
 */
export interface Tolerance {
  readonly bits: number;
  readonly floor: number;
}

/**
 * DOUBLE results (and DECIMAL or integer results compared with a DOUBLE). Summing n doubles one by one in any order
 * (DuckDB's grouped sum(DOUBLE) does exactly that) is off by at most γ(n−1)·Σ|x| with γ(k) = k·u/(1 − k·u), u = 2^-53
 * (Higham, Accuracy and Stability of Numerical Algorithms, §4.2); two orders differ by at most twice that, and a
 * DECIMAL sum is exact, AVG = SUM/COUNT adds one rounding. Every measure in the data is ≥ 0 (totals, prices, counts),
 * so Σ|x| is the sum itself, and no table reaches 2^20 rows (events: 1,001,000), so any two orders of one sum
 * differ by less than 2·2^20·2^-53 = 2^-32 of it: that is the bound, not an estimate. It is also what data can really
 * need: adding 0.1 (or 152.37) 2^20 times one by one is off from the exact sum by 2^-36 of it (measured on DuckDB),
 * so a tighter 2^-36 would call that sum and the exact one different. Order effects on the orders table are
 * far smaller (per-customer sums 2^-47, all 500k totals ascending vs descending 2^-42).
 *
 * What it catches: a value moved by more than 2^-32 of itself plus the floor. So round(x, 4) wherever it moves a value
 * by more than 1e-6 when |x| < 4295 (its largest move is 5e-5; averages, prices and ratios here are far below), but
 * no longer above about 2e5; and a value one cent off below 0.01 · 2^32 ≈ 4.3e7 (every per-group sum here; not a
 * DOUBLE sum of all 500k totals, 7.6e7, where 2 cents are caught).
 *
 * The floor is for results near 0 whose addends were not (sums that cancel): there the error is relative to Σ|x|,
 * which the result does not show. The worst-case bound cannot be a floor (2^-32 · 1e6 would pass round(x, 4)
 * everywhere); rounding errors of one-by-one sums behave like a random walk, about √n·u·Σ|x| ≈ 1e-7 for 2^20 addends
 * totalling 1e6 (measured: per-customer sums of deviations from the mean cancel to within 4e-9). 1e-6 is about ten
 * times that, 10^4 times below a cent and 50 times below round(x, 4)'s largest move.
 */
export const DOUBLE_TOLERANCE: Tolerance = { bits: 32, floor: 1e-6 };

/**
 * Columns the original returns as FLOAT: a 24-bit significand, so two honest computations of one value rounded to
 * FLOAT are a float ulp (2^-23) apart; 2^-20 allows a few float roundings. Only the original's type decides: a
 * rewrite that returns FLOAT where the original returns DOUBLE has thrown precision away and is held to DOUBLE's.
 */
export const FLOAT_TOLERANCE: Tolerance = { bits: 20, floor: 1e-6 };

/**
 * Unordered results are paired by sorting; floats are sorted by this coarser bucket first, so rows whose first float
 * ties on one side and differs in the last bits on the other still pair with the rows their later columns match.
 */
const SORT_BUCKET_BITS = 20;

/** The tolerance as a plain test of two numbers (null is SQL NULL): the same rule as the SQL, for tests and callers in JS. */
export function withinTolerance(a: number | null, b: number | null, t: Tolerance): boolean {
  if (a === null || b === null) return a === b;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= 2 ** -t.bits * Math.max(Math.abs(a), Math.abs(b)) + t.floor;
}

/** A number as a DOUBLE literal: a bare 0.000001 would be a DECIMAL in DuckDB. */
const double = (x: number) => `${x}::DOUBLE`;

/**
 * SQL: the DOUBLE `d` rounded to a binary grid whose step is 2^-bits of the power of two at or below |d| (so within
 * 2^-bits of |d|), shifted by half a step when `shift` is 1. Two values in one cell differ by less than a step; a
 * value near an edge of one grid is half a step from the other's. NULL, zero, NaN and infinities stay as they are,
 * and so do values of the top binade, which could round up to infinity; the exponent is held at -1022 so subnormals
 * get a step that is not 0.
 */
export function gridSql(d: string, bits: number, shift: 0 | 1): string {
  const step = `pow(2, greatest(floor(log2(abs(${d}))), -1022) - ${bits})`;
  const [off, back] = shift ? [' + 0.5', ' - 0.5'] : ['', ''];
  return `CASE WHEN ${d} IS NULL OR ${d} = 0 OR isinf(${d}) OR isnan(${d}) OR abs(${d}) >= pow(2, 1023) THEN ${d}
    ELSE (round(${d} / ${step}${off})${back}) * ${step} END`;
}

/** SQL: whether DOUBLEs `a` and `b` are equal within `t`; never NULL, so NOT of it counts every difference. */
export function closeSql(a: string, b: string, t: Tolerance): string {
  return `CASE WHEN ${a} IS NULL OR ${b} IS NULL THEN ${a} IS NULL AND ${b} IS NULL
      WHEN ${a} = ${b} THEN true
      WHEN isfinite(${a}) AND isfinite(${b})
        THEN abs(${a} - ${b}) <= ${double(2 ** -t.bits)} * greatest(abs(${a}), abs(${b})) + ${double(t.floor)}
      ELSE false END`;
}

/**
 * The exact check behind the grid fingerprint, for when the row counts agree but neither grid's hash does (a float
 * near a grid edge on one side and across it on the other: with thousands of rows some always are). One row,
 * `differing`: how many paired rows differ, a non-float column after the fingerprint's normalisation (exactly) or a
 * float beyond its tolerance, plus rows left without a partner. 0 means the results are equal within the tolerance.
 *
 * Rows are paired by position: with `ordered`, in the order each query returns them (row_number() OVER (), as the
 * fingerprint numbers them); otherwise both results are sorted by all columns, non-floats first, then each float's
 * coarse bucket, then the floats themselves (ascending, NULLs last, NaN above infinity, both sides alike). Any pairing
 * within the tolerance proves the two multisets equal within it, so a 0 is never wrong; the sort can only miss a
 * pairing when rows that agree on every non-float column have floats within the tolerance of each other and these
 * straddle a bucket edge (about 2^-12 of such rows for differences of 2^-32).
 *
 * Null when there is nothing for it to decide: the columns cannot match, or none is compared as a float, so the
 * fingerprints are exact and their disagreement stands.
 */
export function floatCompareSql(original: string, optimized: string, plan: ColumnPlan, ordered: boolean): string | null {
  if (!plan.ok || !plan.tolerances.some((t) => t !== null)) return null;
  const k = plan.norms.length;
  const cols = Array.from({ length: k }, (_, j) => `c${j + 1}`);
  const vals = Array.from({ length: k }, (_, j) => `v${j + 1}`);
  const floats = plan.tolerances.flatMap((t, j) => (t === null ? [] : [j]));
  const exact = plan.tolerances.flatMap((t, j) => (t === null ? [j] : []));
  // Floats as DOUBLE (an exact widening of FLOAT, DECIMAL and integers up to 2^53); the rest as the fingerprint has them.
  const value = (j: number) => (plan.tolerances[j] === null ? plan.norms[j](cols[j], 0) : `${cols[j]}::DOUBLE`);
  const select = cols.map((_, j) => `${value(j)} AS ${vals[j]}`).join(', ');
  const sortKeys = [
    ...exact.map((j) => vals[j]),
    ...floats.map((j) => gridSql(vals[j], SORT_BUCKET_BITS, 0)),
    ...floats.map((j) => vals[j]),
  ].map((e) => `${e} ASC NULLS LAST`);
  const numbered = (sql: string) =>
    ordered
      ? `SELECT rn, ${select} FROM (SELECT row_number() OVER () AS rn, * FROM (\n${sql}\n) AS q(${cols.join(', ')}))`
      : `SELECT row_number() OVER (ORDER BY ${sortKeys.join(', ')}) AS rn, * FROM (SELECT ${select} FROM (\n${sql}\n) AS q(${cols.join(', ')}))`;
  const same = cols.map((_, j) => {
    const [a, b] = [`a.${vals[j]}`, `b.${vals[j]}`];
    const t = plan.tolerances[j];
    return t === null ? `${a} IS NOT DISTINCT FROM ${b}` : `(${closeSql(a, b, t)})`;
  });
  return `WITH a AS (${numbered(original)}),
         b AS (${numbered(optimized)})
    SELECT count(*)::BIGINT AS differing
    FROM a FULL OUTER JOIN b ON a.rn = b.rn
    WHERE a.rn IS NULL OR b.rn IS NULL OR NOT (${same.join('\n      AND ')})`;
}

/** Whether the one row of floatCompareSql says the two results are equal within the tolerance. */
export function matchesWithinTolerance(row: Record<string, unknown>): boolean {
  return Number(row.differing) === 0;
}
