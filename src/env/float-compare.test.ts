// The float tolerance as numbers (its bound, its edges, NULL/NaN/infinity) and when floatCompareSql has nothing to decide.
import { describe, expect, it } from 'vitest';
import { type ColumnType, planColumns } from './fingerprint.ts';
import { DOUBLE_TOLERANCE, FLOAT_TOLERANCE, floatCompareSql, matchesWithinTolerance, withinTolerance } from './float-compare.ts';

const cols = (...types: string[]): ColumnType[] => types.map((type, j) => ({ name: `c${j}`, type }));
const T = DOUBLE_TOLERANCE;
const rel = 2 ** -T.bits;

describe('DOUBLE_TOLERANCE', () => {
  it('is the worst case of two one-by-one sums of up to 2^20 non-negative doubles: 2·γ(2^20 − 1) < 2^-32', () => {
    const u = 2 ** -53;
    const k = 2 ** 20 - 1;
    const gamma = (k * u) / (1 - k * u);
    expect(2 * gamma).toBeLessThan(rel);
    // …and the largest table stays under 2^20 rows (events: 1,000,000 plus a 0.1% share of copies).
    expect(1_000_000 * 1.001 + 1).toBeLessThan(2 ** 20);
  });

  it('is relative above 4295 (floor / 2^-32) and absolute below', () => {
    expect(T.floor / rel).toBeCloseTo(4295, 0);
  });
});

describe('withinTolerance', () => {
  it.each([
    ['equal values', 17025.15, 17025.15, true],
    ['one bit apart', 17025.15, 17025.149999999998, true],
    ['2^-33 apart, relatively', 1e6, 1e6 * (1 + 2 ** -33), true],
    ['2^-31 apart, relatively', 1e6, 1e6 * (1 + 2 ** -31), false],
    ['a cent apart below 0.01 · 2^32', 4e7, 4e7 + 0.01, false],
    ['a cent apart above 0.01 · 2^32: within 2^-32 of it', 5e7, 5e7 + 0.01, true],
    ['round(x, 4) of an average', 152.37461, 152.3747, false],
    ['a sum that cancels, 1e-7 from 0', 0, 1e-7, true],
    ['a millionth and a half from 0', 0, 1.5e-6, false],
    ['opposite signs', 1e-3, -1e-3, false],
    ['largest doubles of opposite signs (their difference overflows)', Number.MAX_VALUE, -Number.MAX_VALUE, false],
  ])('%s', (_, a, b, expected) => {
    expect(withinTolerance(a, b, T)).toBe(expected);
    expect(withinTolerance(b, a, T)).toBe(expected);
  });

  it.each([
    ['NULL and NULL', null, null, true],
    ['NULL and 0', null, 0, false],
    ['NaN and NaN', NaN, NaN, true],
    ['NaN and a number', NaN, 1, false],
    ['NaN and infinity', NaN, Infinity, false],
    ['NaN and NULL', NaN, null, false],
    ['infinity and infinity', Infinity, Infinity, true],
    ['−infinity and infinity', -Infinity, Infinity, false],
    ['infinity and the largest double', Infinity, Number.MAX_VALUE, false],
  ])('%s: only the same special value', (_, a, b, expected) => {
    expect(withinTolerance(a, b, T)).toBe(expected);
    expect(withinTolerance(b, a, T)).toBe(expected);
  });

  it("FLOAT's tolerance allows a few float roundings (7 significant digits) and no more", () => {
    const f = Math.fround(152.37461);
    expect(withinTolerance(f, 152.37461, FLOAT_TOLERANCE)).toBe(true);
    expect(withinTolerance(f, 152.37, FLOAT_TOLERANCE)).toBe(false);
    expect(withinTolerance(f * (1 + 2 ** -18), f, FLOAT_TOLERANCE)).toBe(false);
    expect(withinTolerance(f, 152.37461, DOUBLE_TOLERANCE)).toBe(false);
  });
});

describe('floatCompareSql', () => {
  it('has nothing to decide when no column is compared as a float', () => {
    expect(floatCompareSql('SELECT 1', 'SELECT 1', planColumns(cols('BIGINT', 'VARCHAR'), cols('INTEGER', 'VARCHAR')), false)).toBeNull();
    expect(floatCompareSql('SELECT 1', 'SELECT 1', planColumns(cols('DECIMAL(10,2)'), cols('DECIMAL(38,2)')), false)).toBeNull();
  });

  it('has nothing to decide when the columns cannot match', () => {
    expect(floatCompareSql('SELECT 1', 'SELECT 1', planColumns(cols('DOUBLE'), cols('VARCHAR')), false)).toBeNull();
  });

  it('numbers rows by their own order only when the result is ordered', () => {
    const plan = planColumns(cols('VARCHAR', 'DOUBLE'), cols('VARCHAR', 'DOUBLE'));
    const ordered = floatCompareSql('SELECT 1', 'SELECT 2', plan, true)!;
    const sorted = floatCompareSql('SELECT 1', 'SELECT 2', plan, false)!;
    expect(ordered).toMatch(/row_number\(\) OVER \(\)/);
    expect(ordered).not.toMatch(/ORDER BY/);
    // Non-floats first, then the float's bucket, then the float itself.
    expect(sorted).toMatch(/OVER \(ORDER BY v1 ASC NULLS LAST, CASE WHEN v2 [^]* ASC NULLS LAST, v2 ASC NULLS LAST\)/);
  });

  it('reads its one row: 0 differing rows is a match', () => {
    expect(matchesWithinTolerance({ differing: 0 })).toBe(true);
    expect(matchesWithinTolerance({ differing: 3 })).toBe(false);
  });
});
