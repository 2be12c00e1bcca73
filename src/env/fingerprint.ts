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
 * Relative tolerance for floating results: 6 significant digits. Summing doubles in another order moves the last
 * ~3 of 16 digits, so rounding at 6 almost never lands the two sides on different sides of a rounding edge,
 * while any real change to a value shows.
 */
const FLOAT_DIGITS = 6;

/** How column j is normalised on both sides, or why the two columns cannot be equal. */
export type ColumnPlan = { ok: true; expr: (col: string) => string } | { ok: false; reason: string };

/** Chooses one normalisation per column so both sides hash alike when their values are equal. */
export function planColumns(a: ColumnType[], b: ColumnType[]): ColumnPlan[] | string {
  if (a.length !== b.length) return `the original returns ${a.length} columns, the rewrite ${b.length}`;
  return a.map((ca, j) => {
    const [ka, kb] = [kind(ca.type), kind(b[j].type)];
    if (NUMERIC.includes(ka) && NUMERIC.includes(kb)) {
      // Integer widths do not matter; exact numbers stay exact; any float side is compared with a tolerance.
      if (ka === 'integer' && kb === 'integer') return { ok: true, expr: (c) => `${c}::HUGEINT` };
      if (ka !== 'float' && kb !== 'float') return { ok: true, expr: (c) => `${c}::DECIMAL(38, 10)` };
      return { ok: true, expr: roundFloat };
    }
    if (ka === 'temporal' && kb === 'temporal') return { ok: true, expr: (c) => `${c}::TIMESTAMP` };
    if (ka === kb && ka !== 'other') return { ok: true, expr: (c) => c };
    if (ka === 'other' && ca.type === b[j].type) return { ok: true, expr: (c) => `${c}::VARCHAR` };
    return { ok: false, reason: `column ${j + 1} is ${ca.type} in the original but ${b[j].type} in the rewrite` };
  });
}

function roundFloat(c: string): string {
  const d = `${c}::DOUBLE`;
  return `CASE WHEN ${d} IS NULL OR ${d} = 0 OR isinf(${d}) OR isnan(${d}) THEN ${d}
    ELSE round(${d}, ${FLOAT_DIGITS - 1} - floor(log10(abs(${d})))::INTEGER) END`;
}

/** Positional names c1..ck: result column names may repeat or differ between the two queries. */
export function positional(k: number): string[] {
  return Array.from({ length: k }, (_, j) => `c${j + 1}`);
}

/**
 * Fingerprint of a result: row count and the sum of normalised row hashes (a multiset hash: row order and
 * duplicates both count correctly). With `ordered`, each row's position is hashed too.
 */
export function fingerprintSql(sql: string, plan: (ColumnPlan & { ok: true })[], ordered: boolean): string {
  const cols = positional(plan.length);
  const norm = plan.map((p, j) => p.expr(cols[j])).join(', ');
  const rowHash = ordered ? `hash(row_number() OVER (), ${norm})` : `hash(${norm})`;
  return `SELECT count(*)::BIGINT AS n, coalesce(sum(h)::VARCHAR, '0') AS h
    FROM (SELECT ${rowHash} AS h FROM (\n${sql}\n) AS q(${cols.join(', ')}))`;
}

/** Rows in one result but not the other (multiset difference), as text cells, at most `limit` per side. */
export function diffSql(original: string, optimized: string, plan: (ColumnPlan & { ok: true })[], limit: number): string {
  const cols = positional(plan.length);
  const norm = plan.map((p, j) => `(${p.expr(cols[j])})::VARCHAR AS ${cols[j]}`).join(', ');
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
