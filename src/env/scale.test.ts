// The scale op on the real engine: a point per size from data generated in the scratch instance, wrong rewrites flagged,
// hostile SQL refused as execute refuses it, a failing size beside a measured one, and nothing of the episode changed.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from './environment.ts';
import { rowCounts } from './dataset.ts';
import { makeEnv, ok } from '../../tests/integration/fixtures.ts';

const TASK = 'task_1_basic_antipatterns';
const REFERENCE = `SELECT id, customer_id, product_id, status, total, created_at FROM orders
WHERE customer_id = 5000 AND created_at >= make_date(2024, 1, 1) AND created_at < make_date(2025, 1, 1)`;
// The same columns, other rows: orders 1–3 are not customer 5000's orders of 2024 at any size.
const WRONG = 'SELECT id, customer_id, product_id, status, total, created_at FROM orders WHERE id <= 3';
const SMALL = [0.05, 0.01];

let env: Environment;
beforeAll(async () => {
  env = await makeEnv();
});

describe('the scale op', () => {
  it('needs its scratch instance opened first (transports do it; in process the caller does)', async () => {
    const r = env.scale({ task_id: TASK, optimized_query: REFERENCE, scales: [0.01] });
    expect(r).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'INTERNAL: the scratch database was not opened before the scale call' },
    });
    await env.scratch!.open();
  });

  it('measures a point per size, smallest first, with row counts that grow with the size', () => {
    const { task_id, points } = ok(env.scale({ task_id: TASK, optimized_query: REFERENCE, scales: SMALL }));
    expect(task_id).toBe(TASK);
    expect(points.map((p) => p.scale)).toEqual([0.01, 0.05]);
    for (const p of points) {
      const planned = rowCounts(p.scale);
      // users and products have no duplicates; orders and events have a few re-ingested copies on top
      expect([p.rows.users, p.rows.products]).toEqual([planned.users, planned.products]);
      expect(p.rows.orders).toBeGreaterThanOrEqual(planned.orders);
      expect(p.rows.events).toBeGreaterThanOrEqual(planned.events);
      expect(p).toMatchObject({ results_match: true, error: null, why_null: {} });
      expect(p.pairs).toBeGreaterThanOrEqual(3);
      expect(p.speedup).toBeGreaterThan(0);
      expect(p.original_ms).toBeGreaterThan(0);
    }
    expect(points[1].rows.orders).toBeGreaterThan(points[0].rows.orders);
    expect(points[1].rows.events).toBeGreaterThan(points[0].rows.events);
  });

  it('flags a wrong rewrite at every size', () => {
    const { points } = ok(env.scale({ task_id: TASK, optimized_query: WRONG, scales: SMALL }));
    expect(points.map((p) => [p.scale, p.results_match, p.error])).toEqual([
      [0.01, false, null],
      [0.05, false, null],
    ]);
    expect(points[0].verdict).toMatch(/^wrong result/);
  });

  it.each([
    ['two statements', 'SELECT 1; DROP TABLE orders'],
    ['a write', 'INSERT INTO orders SELECT * FROM orders'],
    ['a file read', "SELECT * FROM read_csv('/etc/passwd')"],
    ['a setting', "SET memory_limit = '10GB'"],
  ])('refuses %s as execute does, before generating anything', (_, sql) => {
    const r = env.scale({ task_id: TASK, optimized_query: sql, scales: [0.01] });
    const execution = ok(env.execute({ task_id: TASK, optimized_query: sql }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toBe(execution.optimized_error);
    expect(r.error.code).toBe(execution.optimized_error_code);
  });

  it('refuses sizes out of range and unknown tasks', () => {
    const err = (scales: number[]) => env.scale({ task_id: TASK, optimized_query: REFERENCE, scales });
    expect(err([5])).toMatchObject({ ok: false, error: { message: 'INVALID_REQUEST: scales[0] must be at most 4 (got 5)' } });
    expect(err([])).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(err([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(env.scale({ task_id: 'nope', optimized_query: REFERENCE })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_TASK' } });
  });

  it('reports a size that times out without failing the smaller one, and leaves the episode and leaderboard as they were', () => {
    // A run deadline of 2 s: the cross join of events with itself is 10^6 rows at the smallest size (milliseconds) and
    // 9·10^10 at 0.3 (minutes on any machine), so only the larger size is cancelled.
    ok(env.reset({ task_id: TASK, deadlines: { run_ms: 2_000, factor: 1 } }));
    const before = [ok(env.state()), ok(env.leaderboard())];
    const cross = 'SELECT count(*) AS n FROM events a, events b';
    const { points } = ok(env.scale({ task_id: TASK, optimized_query: cross, scales: [0.001, 0.3] }));
    expect(points[0]).toMatchObject({ scale: 0.001, error: null, results_match: false });
    expect(points[0].optimized_ms).toBeGreaterThan(0);
    expect(points[1]).toMatchObject({ scale: 0.3, optimized_ms: null, speedup: null });
    expect(points[1].error).toMatch(/^TIMEOUT: cancelled after 2\.0 s/);
    expect(points[1].why_null.speedup).toMatch(/^not measured: the rewrite failed/);
    expect([ok(env.state()), ok(env.leaderboard())]).toEqual(before);
  });

  it('leaves the visible data at its own size', () => {
    const sample = ok(env.sample({ table: 'users', n: 1 }));
    expect(sample.rows).toHaveLength(1);
    const run = ok(env.execute({ task_id: TASK, optimized_query: REFERENCE }));
    // customer 5000 exists only at full size: the visible data is still scale 1 after the scratch data was dropped
    expect(run.original_rows).toBeGreaterThan(0);
  });
});
