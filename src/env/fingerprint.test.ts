// planColumns: which normalisation each pair of result column types gets, or why two results cannot be equal.
import { describe, expect, it } from 'vitest';
import { type ColumnType, planColumns, positional } from './fingerprint.ts';

const cols = (...types: string[]): ColumnType[] => types.map((type, j) => ({ name: `c${j}`, type }));

/** The SQL each column's normaliser writes for column `x` on both grids, or the reason there is none. */
function plan(a: string[], b: string[]): [string, string][] | string {
  const p = planColumns(cols(...a), cols(...b));
  return p.ok ? p.norms.map((n) => [n('x', 0), n('x', 1)].map((s) => s.replace(/\s+/g, ' ')) as [string, string]) : p.reason;
}

const same = (sql: string): [string, string] => [sql, sql];

/** The float normaliser: rounding to a binary grid of relative step 2^-20, shifted by half a step on grid 1. */
const GRID: [string, string] = [0, 1].map((shift) => {
  const step = 'pow(2, floor(log2(abs(x::DOUBLE))) - 20)';
  const [off, back] = shift ? [' + 0.5', ' - 0.5'] : ['', ''];
  return (
    'CASE WHEN x::DOUBLE IS NULL OR x::DOUBLE = 0 OR isinf(x::DOUBLE) OR isnan(x::DOUBLE) THEN x::DOUBLE ' +
    `ELSE (round(x::DOUBLE / ${step}${off})${back}) * ${step} END`
  );
}) as [string, string];

describe('planColumns', () => {
  it.each([
    ['integers of any width, signed or not', 'TINYINT', 'UBIGINT', same('x::HUGEINT')],
    ['a BIGINT count against a HUGEINT sum', 'BIGINT', 'HUGEINT', same('x::HUGEINT')],
    ['decimals of other scales', 'DECIMAL(10,2)', 'DECIMAL(18,3)', same('x::DECIMAL(38, 10)')],
    ['an integer against a decimal', 'INTEGER', 'DECIMAL(38,0)', same('x::DECIMAL(38, 10)')],
    ['DOUBLE against DOUBLE', 'DOUBLE', 'DOUBLE', GRID],
    ['FLOAT against an integer', 'FLOAT', 'BIGINT', GRID],
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

  it('plans each column on its own, in order', () => {
    expect(plan(['BIGINT', 'VARCHAR', 'DOUBLE', 'DATE'], ['INTEGER', 'VARCHAR', 'DECIMAL(10,2)', 'DATE'])).toEqual([
      same('x::HUGEINT'),
      same('x'),
      GRID,
      same('x::TIMESTAMP'),
    ]);
  });

  it('takes no columns on both sides as a plan with no normalisers', () => {
    expect(planColumns([], [])).toEqual({ ok: true, norms: [] });
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
