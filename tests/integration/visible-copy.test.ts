// A kept copy of the visible tables (the page's second visit): attached only when it has the published checksums, then
// indistinguishable from generated tables to every query; anything else about it leaves the instance to generate.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import { DuckDBEngine } from '../../src/env/engine.ts';
import { MAIN_CHECKSUMS, MAIN_SPEC, checksums, describeTables, generateDataset } from '../../src/env/dataset.ts';
import { attachCopy, writeCopy } from '../../src/env/visible-copy.ts';
import { EMPTY_DATABASE_BASE64 } from '../../src/env/empty-database.ts';
import { instantiate, loadTasks } from '../../src/env/tasks.ts';
import { loadDuckDB } from '../../src/node/load-duckdb.ts';
import { createNodeEnvironment } from '../../src/node/create.ts';
import { readTaskFiles } from '../../src/node/task-files.ts';
import { TEST_EXECUTOR, TEST_JUDGED_SEED, action, ok } from './fixtures.ts';

let generated: DuckDBEngine;
let copy: Uint8Array;

async function fresh(): Promise<{ db: DuckDBBindings; engine: DuckDBEngine }> {
  const db = await loadDuckDB();
  return { db, engine: new DuckDBEngine(db) };
}

beforeAll(async () => {
  const { db, engine } = await fresh();
  generateDataset(engine, MAIN_SPEC);
  copy = writeCopy(db, engine);
  generated = engine;
});

/** A result's row count and order-free hash: equal for equal results, cheap for 500k rows. */
const summary = (sql: string) => `SELECT count(*) AS n, coalesce(sum(hash(q))::VARCHAR, '0') AS h FROM (${sql}) AS q`;

describe('a kept copy of the visible tables', () => {
  it('attaches read-only, verifies, and answers every task query as the generated tables do, also once hardened', async () => {
    const { db, engine } = await fresh();
    expect(attachCopy(db, engine, copy)).toBeNull();
    expect(checksums(engine, 'main')).toEqual(MAIN_CHECKSUMS);
    expect(describeTables(engine)).toEqual(describeTables(generated));
    engine.harden();
    const tasks = [...loadTasks(readTaskFiles()).values()].map((d) => instantiate(d, null));
    for (const t of tasks) {
      for (const sql of [t.original, t.reference]) {
        const gated = engine.gate(sql);
        const run = engine.run(gated, summary, { deadlineMs: 60_000 });
        expect(run.rows, `${t.id}: ${sql.slice(0, 60)}`).toEqual(generated.rows(summary(gated.sql)));
      }
    }
    // The no-op test compares a rewrite's plan with the original's on the visible instance: the plans' text may differ
    // on the copy (a scan lists its columns in another order), but whether a task's reference plans as its original
    // must not.
    const plan = (e: DuckDBEngine, sql: string) =>
      e
        .rows(`EXPLAIN ${e.gate(sql).sql}`)
        .map((r) => String(r.explain_value))
        .join('\n');
    for (const t of tasks)
      expect(plan(engine, t.original) === plan(engine, t.reference), t.id).toBe(
        plan(generated, t.original) === plan(generated, t.reference),
      );
    // Read-only: user SQL is gated to one query anyway, and trusted SQL cannot write into the copy either.
    expect(() => engine.exec('INSERT INTO users SELECT * FROM users LIMIT 1')).toThrow();
  });

  it('is refused when its bytes were changed or cut, and the instance then generates the tables as before', async () => {
    const changed = copy.slice();
    // Bytes inside the data blocks, well past the headers: DuckDB's block checksums or the table checksums catch it.
    for (let i = 0; i < 64; i++) changed[Math.floor(changed.length / 2) + i * 4096] ^= 0xff;
    for (const bad of [changed, copy.slice(0, copy.length >> 1), new Uint8Array(0)]) {
      const { db, engine } = await fresh();
      expect(attachCopy(db, engine, bad)).toEqual(expect.any(String));
      generateDataset(engine, MAIN_SPEC);
      expect(checksums(engine, 'main')).toEqual(MAIN_CHECKSUMS);
    }
  });

  it('is refused when it holds other data than the published (another seed)', async () => {
    const other = await fresh();
    generateDataset(other.engine, { ...MAIN_SPEC, seed: 7 });
    const otherCopy = writeCopy(other.db, other.engine);
    const { db, engine } = await fresh();
    expect(attachCopy(db, engine, otherCopy)).toMatch(/differ from the published checksums/);
    expect(engine.rows(`SELECT count(*) AS n FROM information_schema.tables WHERE table_catalog = 'visible_copy'`)).toEqual([{ n: 0 }]);
  });

  it('is refused when it holds anything but the four tables (a view whose SQL the checks would run)', async () => {
    const { db, engine } = await fresh();
    generateDataset(engine, MAIN_SPEC);
    // A copy made the way writeCopy makes one, plus a view: the checks must refuse it before they scan anything.
    db.registerFileBuffer(
      'crafted.duckdb',
      Uint8Array.from(atob(EMPTY_DATABASE_BASE64), (c) => c.charCodeAt(0)),
    );
    db.registerFileBuffer('crafted.duckdb.wal', new Uint8Array(0));
    engine.exec(`ATTACH 'crafted.duckdb' AS crafted`);
    for (const t of ['users', 'products', 'orders', 'events']) engine.exec(`CREATE TABLE crafted.${t} AS SELECT * FROM memory.main.${t}`);
    engine.exec('CREATE VIEW crafted.main.extra AS SELECT 1 AS x');
    engine.exec('DETACH crafted');
    const crafted = db.copyFileToBuffer('crafted.duckdb');
    const other = await fresh();
    expect(attachCopy(other.db, other.engine, crafted)).toBe(
      'it holds table events, table orders, table products, table users, view extra',
    );
  });

  it('makes the environment start on it (visible_source "copy"), and a step is judged as usual', async () => {
    const env = await createNodeEnvironment({ executor: TEST_EXECUTOR, judgedSeed: TEST_JUDGED_SEED, visibleCopy: copy });
    expect(env.info().visible_source).toBe('copy');
    const task = instantiate(loadTasks(readTaskFiles()).get('task_1_basic_antipatterns')!, null);
    ok(env.reset({ task_id: task.id }));
    const step = ok(env.step(action(task.reference)));
    expect(step.observation.last_execution?.results_match).toBe(true);
    expect(step.observation.last_execution?.holdout_match).toBe(true);
  });

  it('is not used for another dataset than the published one, nor when it does not verify', async () => {
    const other = await createNodeEnvironment({ executor: TEST_EXECUTOR, visibleCopy: copy, dataset: { scale: 0.01 } });
    expect(other.info().visible_source).toBe('generated (copy refused: the dataset is not the published one)');
    const bad = await createNodeEnvironment({ executor: TEST_EXECUTOR, visibleCopy: copy.slice(0, 4096) });
    expect(bad.info().visible_source).toMatch(/^generated \(copy refused: /);
    expect(bad.info().tables.map((t) => t.rows)).toEqual(describeTables(generated).map((t) => t.rows));
  });
});
