// Result equality: equivalent rewrites match on main and holdout; rewrites that change, drop, add or hard-code rows do not.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/env/executor.ts';
import type { Engine } from '../../src/env/engine.ts';
import { makeRig } from './fixtures.ts';

let x: Executor;
let engine: Engine;
beforeAll(async () => {
  const made = await makeRig();
  x = made.executor;
  engine = made.rig.visible;
});

const compare = (a: string, b: string, orderSensitive = false) => x.compare(a, b, { orderSensitive, judge: true, withPlans: false });

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
      'a float column rounded to 4 decimals',
      'SELECT customer_id, avg(total::DOUBLE) AS a FROM orders GROUP BY customer_id',
      'SELECT customer_id, round(avg(total::DOUBLE), 4) AS a FROM orders GROUP BY customer_id',
      'main',
    ],
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

  it('a hard-coded visible answer matches the visible data but fails the hidden data, which is never shown', () => {
    const original = "SELECT count(*) AS n FROM orders WHERE status = 'completed'";
    const n = engine.rows(original)[0].n; // the visible answer, read directly
    expect(Number(n)).toBeGreaterThan(0);
    const r = compare(original, `SELECT ${n} AS n`);
    expect(r.results_match).toBe(true);
    expect(r.holdout_match).toBe(false);
    expect(r.diff).toBeNull();
    expect(r.verdict).toMatch(/^wrong result on the hidden data \(on the judged data\), though it matches the visible data/);
  });

  it('swapped columns are a different result, with the reason', () => {
    const r = compare('SELECT id, email FROM users', 'SELECT email, id FROM users');
    expect(r.results_match).toBe(false);
    expect(r.verdict).toMatch(/column 1 is BIGINT in the original but VARCHAR in the rewrite/);
    expect(r.diff?.columns_match).toBe(false);
  });

  it('previews and diffs results whose column names repeat', () => {
    const r = x.compare('SELECT 1 AS a, 2 AS a', 'SELECT 1 AS a, 3 AS a', { orderSensitive: false, judge: true, withPlans: false });
    expect(r.preview.optimized).toEqual({ columns: ['a', 'a'], rows: [['1', '3']] });
    expect(r.diff?.only_in_optimized).toEqual([['1', '3']]);
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
