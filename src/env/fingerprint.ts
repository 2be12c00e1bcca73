// SQL builders that compare two results inside DuckDB: type-normalised multiset fingerprints and a small row diff.

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

/**
 * Floating results are compared on a binary grid with a relative step of 2^-GRID_BITS (about 1e-6): summing doubles
 * in another order moves only the last few of 53 bits. A decimal grid would be wrong here: values that come from
 * cents (17025.15) sit exactly on its rounding edges. Each fingerprint is taken on two grids offset by half a step,
 * and a value cannot sit on an edge of both.
 */
const GRID_BITS = 20;

/** A normalised expression of column `col` on grid `shift` (0 or 1; only floats depend on it). */
export type Normaliser = (col: string, shift: 0 | 1) => string;

/** One normaliser per column, or why the two results cannot be equal. */
export type ColumnPlan = { ok: true; norms: Normaliser[] } | { ok: false; reason: string };

/** Chooses one normalisation per column so both sides hash alike when their values are equal. */
export function planColumns(a: ColumnType[], b: ColumnType[]): ColumnPlan {
  if (a.length !== b.length) return { ok: false, reason: `the original returns ${a.length} columns, the rewrite ${b.length}` };
  const norms: Normaliser[] = [];
  for (const [j, ca] of a.entries()) {
    const [ka, kb] = [kind(ca.type), kind(b[j].type)];
    let n: Normaliser | null = null;
    if (NUMERIC.includes(ka) && NUMERIC.includes(kb)) {
      // Integer widths do not matter; exact numbers stay exact; any float side is compared with a tolerance.
      if (ka === 'integer' && kb === 'integer') n = (c) => `${c}::HUGEINT`;
      else if (ka !== 'float' && kb !== 'float') n = (c) => `${c}::DECIMAL(38, 10)`;
      else n = onGrid;
    } else if (ka === 'temporal' && kb === 'temporal') n = (c) => `${c}::TIMESTAMP`;
    else if (ka === kb && ka !== 'other') n = (c) => c;
    else if (ka === 'other' && ca.type === b[j].type) n = (c) => `${c}::VARCHAR`;
    if (!n) return { ok: false, reason: `column ${j + 1} is ${ca.type} in the original but ${b[j].type} in the rewrite` };
    norms.push(n);
  }
  return { ok: true, norms };
}

function onGrid(c: string, shift: 0 | 1): string {
  const d = `${c}::DOUBLE`;
  const step = `pow(2, floor(log2(abs(${d}))) - ${GRID_BITS})`;
  const off = shift ? ' + 0.5' : '';
  const back = shift ? ' - 0.5' : '';
  return `CASE WHEN ${d} IS NULL OR ${d} = 0 OR isinf(${d}) OR isnan(${d}) THEN ${d}
    ELSE (round(${d} / ${step}${off})${back}) * ${step} END`;
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
