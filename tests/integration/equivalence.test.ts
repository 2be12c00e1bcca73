// Result equality: equivalent rewrites match on main and holdout; rewrites that change, drop, add or hard-code rows do not.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXECUTOR, Executor } from '../../src/env/executor.ts';
import { DuckDBEngine } from '../../src/env/engine.ts';
import { MAIN_SPEC, generateDatasets } from '../../src/env/dataset.ts';
import { loadDuckDB } from '../../src/node/load-duckdb.ts';
import { RUNAWAY_EXECUTOR, TEST_EXECUTOR } from './fixtures.ts';

let x: Executor;
/** the same engine with the short cancel, for the one original that never finishes */
let runaway: Executor;
let engine: DuckDBEngine;
beforeAll(async () => {
  engine = new DuckDBEngine(await loadDuckDB());
  generateDatasets(engine, MAIN_SPEC);
  engine.harden();
  x = new Executor(engine, { ...DEFAULT_EXECUTOR, ...TEST_EXECUTOR });
  runaway = new Executor(engine, { ...DEFAULT_EXECUTOR, ...RUNAWAY_EXECUTOR });
});

const compare = (a: string, b: string, orderSensitive = false) => x.compare(a, b, { orderSensitive, withPlans: false });

const PER_CUSTOMER_FLOAT = 'SELECT customer_id, sum(total::DOUBLE) AS s FROM orders GROUP BY customer_id';

describe('equivalent rewrites match', () => {
  it.each([
    ['rows in another order', 'SELECT id, email FROM users ORDER BY id', 'SELECT id, email FROM users ORDER BY id DESC'],
    [
      'other integer widths',
      'SELECT tier, count(*) AS n FROM users GROUP BY tier',
      'SELECT tier, count(*)::INTEGER AS n FROM users GROUP BY tier',
    ],
    [
      'HUGEINT sum of counts vs BIGINT count',
      'SELECT status, count(*) FROM orders GROUP BY status',
      'SELECT status, sum(n) FROM (SELECT status, customer_id, count(*) AS n FROM orders GROUP BY ALL) GROUP BY status',
    ],
    [
      'floats summed in another order',
      PER_CUSTOMER_FLOAT,
      'SELECT customer_id, sum(s) FROM (SELECT customer_id, status, sum(total::DOUBLE) AS s FROM orders GROUP BY ALL) GROUP BY customer_id',
    ],
    ['DECIMAL vs DOUBLE of the same sums', 'SELECT customer_id, sum(total) FROM orders GROUP BY customer_id', PER_CUSTOMER_FLOAT],
    ['other column names', 'SELECT id AS a FROM users', 'SELECT id AS b FROM users'],
    [
      'duplicate rows kept as they are',
      'SELECT * FROM orders',
      'SELECT id, customer_id, product_id, status, total, created_at FROM orders',
    ],
  ])('%s', (_, a, b) => {
    const r = compare(a, b);
    expect(r.optimized_error).toBeNull();
    expect([r.results_match, r.holdout_match]).toEqual([true, true]);
    expect(r.diff).toBeNull();
  });
});

describe('wrong rewrites do not match', () => {
  it.each([
    ['a dropped row', 'SELECT id, email FROM users', 'SELECT id, email FROM users WHERE id > 1', 'main'],
    ['a duplicated row', 'SELECT id FROM users', 'SELECT id FROM users UNION ALL SELECT 1', 'main'],
    [
      'an altered value',
      'SELECT id, total FROM orders',
      'SELECT id, CASE WHEN id = 77 THEN total + 0.01 ELSE total END FROM orders',
      'main',
    ],
    [
      'duplicates removed',
      'SELECT id, status FROM orders WHERE id < 50000',
      'SELECT DISTINCT id, status FROM orders WHERE id < 50000',
      'main',
    ],
    ['NULLs counted', 'SELECT count(total) FROM orders', 'SELECT count(*) FROM orders', 'main'],
    [
      'a tiny change to a float sum',
      PER_CUSTOMER_FLOAT,
      'SELECT customer_id, sum(total::DOUBLE) * 1.0001 FROM orders GROUP BY customer_id',
      'main',
    ],
  ])('%s', (_, a, b, where) => {
    const r = compare(a, b);
    expect(r.results_match).toBe(false);
    expect(r.diff?.dataset).toBe(where);
    expect(r.diff!.only_in_original.length + r.diff!.only_in_optimized.length).toBeGreaterThan(0);
    expect(r.verdict).toMatch(/wrong result/);
  });

  it('a hard-coded visible answer matches main but fails the holdout', () => {
    const original = "SELECT count(*) AS n FROM orders WHERE status = 'completed'";
    const n = engine.rows(original)[0].n; // the visible answer, read directly
    expect(Number(n)).toBeGreaterThan(0);
    const r = compare(original, `SELECT ${n} AS n`);
    expect(r.results_match).toBe(true);
    expect(r.holdout_match).toBe(false);
    expect(r.diff?.dataset).toBe('holdout');
    expect(r.verdict).toMatch(/hidden holdout/);
  });

  it('swapped columns are a different result, with the reason', () => {
    const r = compare('SELECT id, email FROM users', 'SELECT email, id FROM users');
    expect(r.results_match).toBe(false);
    expect(r.verdict).toMatch(/column 1 is BIGINT in the original but VARCHAR in the rewrite/);
    expect(r.diff?.columns_match).toBe(false);
  });

  it('previews and diffs results whose column names repeat', () => {
    const r = x.compare('SELECT 1 AS a, 2 AS a', 'SELECT 1 AS a, 3 AS a', { orderSensitive: false, withPlans: false });
    expect(r.preview.optimized).toEqual({ columns: ['a', 'a'], rows: [['1', '3']] });
    expect(r.diff?.only_in_optimized).toEqual([['1', '3']]);
  });

  it('blames a failing original on the original, not on the rewrite', () => {
    const r = runaway.compare('SELECT count(*) FROM events a, events b', 'SELECT 1', { orderSensitive: false, withPlans: false });
    expect(r.original_error).toMatch(/^TIMEOUT: cancelled after/);
    expect([r.optimized_error, r.results_match, r.holdout_match]).toEqual([null, null, null]);
    expect(r.verdict).toMatch(/the original query timed out .*the rewrite could not be compared/);
  });

  it('a missing column is a different result', () => {
    const r = compare('SELECT id, email FROM users', 'SELECT id FROM users');
    expect(r.verdict).toMatch(/returns 2 columns, the rewrite 1/);
  });

  it('row order matters only when the original orders by a unique key', () => {
    const a = 'SELECT id, email FROM users ORDER BY id';
    expect(compare(a, 'SELECT id, email FROM users ORDER BY id DESC', true).results_match).toBe(false);
    expect(compare(a, 'SELECT id, email FROM users ORDER BY id', true).results_match).toBe(true);
  });
});
