// SQL builders that compare two results inside DuckDB: type-normalised multiset fingerprints and a small row diff.
import { DOUBLE_TOLERANCE, FLOAT_TOLERANCE, type Tolerance, gridSql } from './float-compare.ts';

/** A result column as DESCRIBE reports it. */
export interface ColumnType {
  name: string;
  type: string;
}

type Kind = 'integer' | 'decimal' | 'float' | 'temporal' | 'text' | 'boolean' | 'other';

const INTEGER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/;

function kind(type: string): Kind {
  const t = type.toUpperCase();
  if (INTEGER.test(t)) return 'integer';
  if (t.startsWith('DECIMAL')) return 'decimal';
  if (t === 'FLOAT' || t === 'DOUBLE') return 'float';
  if (t === 'DATE' || t.startsWith('TIMESTAMP')) return 'temporal';
  if (t === 'VARCHAR') return 'text';
  if (t === 'BOOLEAN') return 'boolean';
  return 'other';
}

const NUMERIC: Kind[] = ['integer', 'decimal', 'float'];

/** A normalised expression of column `col` on grid `shift` (0 or 1; only floats depend on it). */
export type Normaliser = (col: string, shift: 0 | 1) => string;

/**
 * One normaliser per column and, per column, the tolerance it is compared with (null: exactly, after normalising), or
 * why the two results cannot be equal.
 */
export type ColumnPlan = { ok: true; norms: Normaliser[]; tolerances: (Tolerance | null)[] } | { ok: false; reason: string };

/** Chooses one normalisation per column so both sides hash alike when their values are equal. */
export function planColumns(a: ColumnType[], b: ColumnType[]): ColumnPlan {
  if (a.length !== b.length) return { ok: false, reason: `the original returns ${a.length} columns, the rewrite ${b.length}` };
  const norms: Normaliser[] = [];
  const tolerances: (Tolerance | null)[] = [];
  for (const [j, ca] of a.entries()) {
    const [ka, kb] = [kind(ca.type), kind(b[j].type)];
    let n: Normaliser | null = null;
    let tolerance: Tolerance | null = null;
    if (NUMERIC.includes(ka) && NUMERIC.includes(kb)) {
      // Integer widths do not matter; exact numbers stay exact; any float side is compared with a tolerance, FLOAT's
      // only when the original is FLOAT (a rewrite that narrows a DOUBLE to FLOAT has lost precision).
      if (ka === 'integer' && kb === 'integer') n = (c) => `${c}::HUGEINT`;
      else if (ka !== 'float' && kb !== 'float') n = (c) => `${c}::DECIMAL(38, 10)`;
      else {
        tolerance = ca.type.toUpperCase() === 'FLOAT' ? FLOAT_TOLERANCE : DOUBLE_TOLERANCE;
        n = onGrid(tolerance);
      }
    } else if (ka === 'temporal' && kb === 'temporal') n = (c) => `${c}::TIMESTAMP`;
    else if (ka === kb && ka !== 'other') n = (c) => c;
    else if (ka === 'other' && ca.type === b[j].type) n = (c) => `${c}::VARCHAR`;
    if (!n) return { ok: false, reason: `column ${j + 1} is ${ca.type} in the original but ${b[j].type} in the rewrite` };
    norms.push(n);
    tolerances.push(tolerance);
  }
  return { ok: true, norms, tolerances };
}

/**
 * Floating results are hashed on a binary grid whose step is their relative tolerance (float-compare.ts: 2^-32 for
 * DOUBLE) of the power of two at or below the value: two values in one cell are within the tolerance of each other,
 * so a grid match is never looser than the tolerance. A decimal grid would be wrong here: values that come from cents
 * (17025.15) sit exactly on its rounding edges. Each fingerprint is taken on two grids offset by half a step, and a
 * value cannot sit on an edge of both; but among thousands of rows that differ in their last bits, some straddle an
 * edge of one grid and others an edge of the other, and then floatCompareSql decides, value by value.
 */
function onGrid(t: Tolerance): Normaliser {
  return (c, shift) => gridSql(`${c}::DOUBLE`, t.bits, shift);
}

/** Positional names c1..ck: result column names may repeat or differ between the two queries. */
export function positional(k: number): string[] {
  return Array.from({ length: k }, (_, j) => `c${j + 1}`);
}

/**
 * Fingerprint of a result: row count and, per grid, the sum of normalised row hashes (a multiset hash: row order and
 * duplicates both count correctly). With `ordered`, each row's position is hashed too.
 */
export function fingerprintSql(sql: string, norms: Normaliser[], ordered: boolean): string {
  const cols = positional(norms.length);
  const row = (shift: 0 | 1) => {
    const norm = norms.map((n, j) => n(cols[j], shift)).join(', ');
    return ordered ? `hash(rn, ${norm})` : `hash(${norm})`;
  };
  return `SELECT count(*)::BIGINT AS n, coalesce(sum(h0)::VARCHAR, '0') AS h0, coalesce(sum(h1)::VARCHAR, '0') AS h1
    FROM (SELECT ${row(0)} AS h0, ${row(1)} AS h1
          FROM (SELECT ${ordered ? 'row_number() OVER () AS rn, ' : ''}* FROM (\n${sql}\n) AS q(${cols.join(', ')})))`;
}

/** Rows in one result but not the other (multiset difference), as text cells, at most `limit` per side. */
export function diffSql(original: string, optimized: string, norms: Normaliser[], limit: number): string {
  const cols = positional(norms.length);
  const norm = norms.map((n, j) => `(${n(cols[j], 0)})::VARCHAR AS ${cols[j]}`).join(', ');
  return `WITH a AS (SELECT ${norm} FROM (\n${original}\n) AS q(${cols.join(', ')})),
         b AS (SELECT ${norm} FROM (\n${optimized}\n) AS q(${cols.join(', ')}))
    SELECT * FROM (SELECT 'original' AS side, * FROM (FROM a EXCEPT ALL FROM b) LIMIT ${limit})
    UNION ALL
    SELECT * FROM (SELECT 'optimized' AS side, * FROM (FROM b EXCEPT ALL FROM a) LIMIT ${limit})`;
}

/** Forces every column of every row, returning one row: what the timed runs execute (design §2: consume results in DuckDB). */
export function consumeSql(sql: string, columns: number): string {
  const cols = positional(columns);
  return `SELECT count(*) AS n, sum(hash(${cols.join(', ')})) AS h FROM (\n${sql}\n) AS q(${cols.join(', ')})`;
}
