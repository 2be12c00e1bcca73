// planColumns: which normalisation each pair of result column types gets, or why two results cannot be equal.
import { describe, expect, it } from 'vitest';
import { type ColumnType, planColumns, positional } from './fingerprint.ts';
import { DOUBLE_TOLERANCE, FLOAT_TOLERANCE } from './float-compare.ts';

const cols = (...types: string[]): ColumnType[] => types.map((type, j) => ({ name: `c${j}`, type }));

/** The SQL each column's normaliser writes for column `x` on both grids, or the reason there is none. */
function plan(a: string[], b: string[]): [string, string][] | string {
  const p = planColumns(cols(...a), cols(...b));
  return p.ok ? p.norms.map((n) => [n('x', 0), n('x', 1)].map((s) => s.replace(/\s+/g, ' ')) as [string, string]) : p.reason;
}

const same = (sql: string): [string, string] => [sql, sql];

/** The float normaliser: rounding to a binary grid of relative step 2^-bits, shifted by half a step on grid 1. */
const grid = (bits: number) =>
  [0, 1].map((shift) => {
    const step = `pow(2, greatest(floor(log2(abs(x::DOUBLE))), -1022) - ${bits})`;
    const [off, back] = shift ? [' + 0.5', ' - 0.5'] : ['', ''];
    return (
      'CASE WHEN x::DOUBLE IS NULL OR x::DOUBLE = 0 OR isinf(x::DOUBLE) OR isnan(x::DOUBLE) OR abs(x::DOUBLE) >= pow(2, 1023) ' +
      'THEN x::DOUBLE ' +
      `ELSE (round(x::DOUBLE / ${step}${off})${back}) * ${step} END`
    );
  }) as [string, string];
/** DOUBLE's grid, 2^-32 (float-compare.ts); FLOAT's, 2^-20, when the original returns FLOAT. */
const GRID = grid(32);
const FLOAT_GRID = grid(20);

describe('planColumns', () => {
  it.each([
    ['integers of any width, signed or not', 'TINYINT', 'UBIGINT', same('x::HUGEINT')],
    ['a BIGINT count against a HUGEINT sum', 'BIGINT', 'HUGEINT', same('x::HUGEINT')],
    ['decimals of other scales', 'DECIMAL(10,2)', 'DECIMAL(18,3)', same('x::DECIMAL(38, 10)')],
    ['an integer against a decimal', 'INTEGER', 'DECIMAL(38,0)', same('x::DECIMAL(38, 10)')],
    ['DOUBLE against DOUBLE', 'DOUBLE', 'DOUBLE', GRID],
    ['DOUBLE against an integer', 'DOUBLE', 'BIGINT', GRID],
    ['a DECIMAL sum against a DOUBLE one', 'DECIMAL(38,2)', 'DOUBLE', GRID],
    ['DATE against TIMESTAMP', 'DATE', 'TIMESTAMP', same('x::TIMESTAMP')],
    ['timestamps of other precisions and zones', 'TIMESTAMP_NS', 'TIMESTAMP WITH TIME ZONE', same('x::TIMESTAMP')],
    ['text', 'VARCHAR', 'VARCHAR', same('x')],
    ['booleans', 'BOOLEAN', 'BOOLEAN', same('x')],
    ['the same other type (lists, structs, intervals) as text', 'INTEGER[]', 'INTEGER[]', same('x::VARCHAR')],
    ['type names in lower case', 'bigint', 'integer', same('x::HUGEINT')],
  ])('%s', (_, a, b, expected) => {
    expect(plan([a], [b])).toEqual([expected]);
    expect(plan([b], [a])).toEqual([expected]);
  });

  it.each([
    ['FLOAT against FLOAT', 'FLOAT', 'FLOAT', FLOAT_GRID],
    ['FLOAT against DOUBLE (the rewrite is more precise)', 'FLOAT', 'DOUBLE', FLOAT_GRID],
    ['an integer against FLOAT (the rewrite lost precision)', 'BIGINT', 'FLOAT', GRID],
    ['DOUBLE against FLOAT (the rewrite lost precision)', 'DOUBLE', 'FLOAT', GRID],
    ['REAL, which DuckDB calls FLOAT, in lower case', 'float', 'INTEGER', FLOAT_GRID],
  ])("%s: the original's type decides the tolerance", (_, a, b, expected) => {
    expect(plan([a], [b])).toEqual([expected]);
  });

  it('gives each float column its tolerance and every other column none', () => {
    const p = planColumns(cols('BIGINT', 'DOUBLE', 'VARCHAR', 'FLOAT'), cols('INTEGER', 'DECIMAL(18,2)', 'VARCHAR', 'DOUBLE'));
    expect(p.ok && p.tolerances).toEqual([null, DOUBLE_TOLERANCE, null, FLOAT_TOLERANCE]);
  });

  it('plans each column on its own, in order', () => {
    expect(plan(['BIGINT', 'VARCHAR', 'DOUBLE', 'DATE'], ['INTEGER', 'VARCHAR', 'DECIMAL(10,2)', 'DATE'])).toEqual([
      same('x::HUGEINT'),
      same('x'),
      GRID,
      same('x::TIMESTAMP'),
    ]);
  });

  it('takes no columns on both sides as a plan with no normalisers', () => {
    expect(planColumns([], [])).toEqual({ ok: true, norms: [], tolerances: [] });
  });

  it('refuses a different number of columns, either way round', () => {
    expect(planColumns(cols('BIGINT', 'VARCHAR'), cols('BIGINT'))).toEqual({
      ok: false,
      reason: 'the original returns 2 columns, the rewrite 1',
    });
    expect(planColumns([], cols('BIGINT'))).toEqual({ ok: false, reason: 'the original returns 0 columns, the rewrite 1' });
  });

  it.each([
    ['a number against text', ['BIGINT'], ['VARCHAR'], 'column 1 is BIGINT in the original but VARCHAR in the rewrite'],
    ['text against a date', ['VARCHAR'], ['DATE'], 'column 1 is VARCHAR in the original but DATE in the rewrite'],
    ['a boolean against an integer', ['BOOLEAN'], ['INTEGER'], 'column 1 is BOOLEAN in the original but INTEGER in the rewrite'],
    ['a date against a time of day', ['DATE'], ['TIME'], 'column 1 is DATE in the original but TIME in the rewrite'],
    ['two different other types', ['INTEGER[]'], ['BIGINT[]'], 'column 1 is INTEGER[] in the original but BIGINT[] in the rewrite'],
    ['unknown type names', ['FOO'], ['BAR'], 'column 1 is FOO in the original but BAR in the rewrite'],
    [
      'the first mismatch of several columns, numbered from 1',
      ['BIGINT', 'VARCHAR', 'DATE', 'BOOLEAN'],
      ['BIGINT', 'VARCHAR', 'VARCHAR', 'VARCHAR'],
      'column 3 is DATE in the original but VARCHAR in the rewrite',
    ],
  ])('refuses %s, naming the column and both types', (_, a, b, reason) => {
    expect(planColumns(cols(...a), cols(...b))).toEqual({ ok: false, reason });
  });

  it('only the types decide: column names may differ or repeat', () => {
    const a = [
      { name: 'n', type: 'BIGINT' },
      { name: 'n', type: 'VARCHAR' },
    ];
    const b = [
      { name: 'count', type: 'INTEGER' },
      { name: 'status', type: 'VARCHAR' },
    ];
    const p = planColumns(a, b);
    expect(p.ok && p.norms.map((n) => n('c1', 0))).toEqual(['c1::HUGEINT', 'c1']);
  });
});

describe('positional', () => {
  it('names k columns c1..ck', () => {
    expect(positional(3)).toEqual(['c1', 'c2', 'c3']);
    expect(positional(0)).toEqual([]);
  });
});
