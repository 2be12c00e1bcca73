// The edge-case datasets bite: every variant of every task returns rows on each, and a result other than on the visible data.
import { beforeAll, describe, expect, it } from 'vitest';
import { checksums, generateDataset, MAIN_SPEC, TABLES } from '../../src/env/dataset.ts';
import { EDGE_DATASETS } from '../../src/env/edge-data.ts';
import { DuckDBEngine } from '../../src/env/engine.ts';
import { loadTasks } from '../../src/env/tasks.ts';
import { loadDuckDB } from '../../src/node/load-duckdb.ts';
import { readTaskFiles } from '../../src/node/task-files.ts';
import { allVariants, columnsOf, type EdgeEngine, edgeEngines, fingerprint, normsFor, pinned, sameResult } from './edge-engines.ts';

const tasks = [...loadTasks(readTaskFiles()).values()];

let visible: DuckDBEngine;
let edges: EdgeEngine[];

beforeAll(async () => {
  visible = new DuckDBEngine(await loadDuckDB());
  generateDataset(visible, MAIN_SPEC);
  visible.harden();
  edges = await edgeEngines();
});

/** Column names and types of the four tables, as information_schema reports them. */
const schemaOf = (engine: DuckDBEngine) =>
  engine.rows(
    `SELECT table_name AS t, string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) AS cols
     FROM information_schema.columns WHERE table_schema = 'main' GROUP BY table_name ORDER BY table_name`,
  );

describe('edge datasets: shape', () => {
  it('there are several, with distinct names and a reason each', () => {
    expect(EDGE_DATASETS.length).toBeGreaterThanOrEqual(4);
    expect(new Set(EDGE_DATASETS.map((d) => d.name)).size).toBe(EDGE_DATASETS.length);
    for (const d of EDGE_DATASETS) expect(d.why.length, d.name).toBeGreaterThan(80);
  });

  it('each has exactly the visible tables, columns and types, and a few thousand rows at most', () => {
    for (const { name, engine } of edges) {
      expect(schemaOf(engine), name).toEqual(schemaOf(visible));
      for (const t of TABLES) {
        const n = Number(engine.rows(`SELECT count(*) AS n FROM ${t}`)[0].n);
        expect(n, `${name}.${t}`).toBeGreaterThan(0);
        expect(n, `${name}.${t}`).toBeLessThanOrEqual(5_000);
      }
    }
  });

  it('keeps the keys and NOT NULL columns the task references rely on', () => {
    const one = (engine: DuckDBEngine, sql: string) => Number(engine.rows(sql)[0].n);
    for (const { name, engine } of edges) {
      expect(one(engine, 'SELECT count(*) - count(DISTINCT id) AS n FROM users'), `${name}: users.id is a key`).toBe(0);
      expect(one(engine, 'SELECT count(*) - count(DISTINCT id) AS n FROM products'), `${name}: products.id is a key`).toBe(0);
      // orders and events may repeat an id only as an exact copy of the whole row
      for (const t of ['orders', 'events'])
        expect(one(engine, `SELECT count(DISTINCT id) - count(DISTINCT ${t}) AS n FROM ${t}`), `${name}: ${t} ids`).toBe(0);
      const notNull = {
        users: ['id', 'tier', 'plan', 'created_at'],
        products: ['id', 'name', 'price'],
        orders: ['id', 'product_id', 'status', 'created_at'],
        events: ['id', 'session_id', 'event_type', 'occurred_at'],
      };
      for (const [t, cols] of Object.entries(notNull))
        for (const c of cols) expect(one(engine, `SELECT count(*) - count(${c}) AS n FROM ${t}`), `${name}: ${t}.${c}`).toBe(0);
    }
  });

  it('holds what the visible data never has: NULLs, copies, dates and ids beyond its ranges, unseen text', () => {
    const all = (sql: string) => edges.map(({ engine }) => Number(engine.rows(sql)[0].n));
    const some = (sql: string) => Math.max(...all(sql));
    // in every dataset (the shared core): orders before 2023 and after 2024, events outside 2024, ids beyond 10 000
    expect(Math.min(...all(`SELECT count(*) AS n FROM orders WHERE created_at < DATE '2023-01-01'`))).toBeGreaterThan(0);
    expect(Math.min(...all(`SELECT count(*) AS n FROM orders WHERE created_at > DATE '2024-12-31'`))).toBeGreaterThan(0);
    expect(Math.min(...all(`SELECT count(*) AS n FROM events WHERE year(occurred_at) <> 2024`))).toBeGreaterThan(0);
    expect(Math.min(...all(`SELECT count(*) AS n FROM users WHERE id > 10000 OR id < 1`))).toBeGreaterThan(0);
    expect(
      Math.min(...all(`SELECT count(*) AS n FROM users u WHERE NOT EXISTS (FROM orders o WHERE o.customer_id = u.id)`)),
    ).toBeGreaterThan(0);
    // in at least one
    expect(some(`SELECT count(*) AS n FROM orders WHERE total <= 0`)).toBeGreaterThan(0);
    expect(some(`SELECT count(*) - count(DISTINCT orders) AS n FROM orders`)).toBeGreaterThan(100);
    expect(some(`SELECT count(*) - count(DISTINCT events) AS n FROM events`)).toBeGreaterThan(100);
    expect(some(`SELECT count(*) - count(email) AS n FROM users`)).toBeGreaterThan(10);
    expect(some(`SELECT count(*) AS n FROM orders WHERE status NOT IN ('completed', 'shipped', 'pending', 'cancelled')`)).toBeGreaterThan(
      0,
    );
    expect(some(`SELECT count(*) AS n FROM events WHERE NOT regexp_matches(session_id, '^sess_[0-9]+$')`)).toBeGreaterThan(0);
    expect(some(`SELECT count(*) AS n FROM events WHERE session_id LIKE '%\\%%' ESCAPE '\\'`)).toBeGreaterThan(0);
  });

  it('has float results where rounding to 4 decimals changes the value beyond the comparison tolerance', () => {
    const small = edges.find((e) => e.name === 'small_amounts')!.engine;
    const [r] = small.rows(`SELECT avg(total) AS x, round(avg(total), 4) AS r FROM orders`);
    expect(Math.abs(Number(r.x) - Number(r.r)) / Math.abs(Number(r.x))).toBeGreaterThan(1e-5);
  });

  it('is generated again bit for bit: the statements are deterministic', async () => {
    const again = new DuckDBEngine(await loadDuckDB());
    for (const [i, d] of EDGE_DATASETS.entries()) {
      again.exec(`CREATE SCHEMA again_${i}`);
      again.exec(`SET schema = 'again_${i}'`);
      for (const s of d.statements) again.exec(s);
      expect(checksums(again, `again_${i}`), d.name).toEqual(checksums(edges[i].engine, 'main'));
    }
  });
});

describe('every branch of an OR or UNION in an original selects rows on each edge dataset', () => {
  // The variants below prove that each whole original returns rows; one branch of an OR or a UNION could still
  // select nothing, and then its constant would never be tested.
  const params = (id: string) => tasks.find((t) => t.id.startsWith(`${id}_`))!.params;
  const branches: [string, string][] = [
    ['task_3', `FROM events WHERE event_type LIKE '%purchase%'`],
    ['task_3', `FROM events WHERE event_type LIKE '%buy%'`],
    ['task_3', `FROM events WHERE session_id LIKE 'sess_%'`],
    ['task_4', `FROM orders WHERE status = 'completed'`],
    ['task_4', `FROM orders WHERE status = 'shipped'`],
    ...params('task_10').day.map((d): [string, string] => ['task_10', `FROM events WHERE occurred_at = DATE '${d}'`]),
    ...params('task_10').session.map((s): [string, string] => ['task_10', `FROM events WHERE session_id = 'sess_${s}'`]),
    ...params('task_26').since.map((d): [string, string] => [
      'task_26',
      `FROM orders WHERE status = 'cancelled' AND created_at >= DATE '${d}'`,
    ]),
    ...params('task_26').since.map((d): [string, string] => [
      'task_26',
      `FROM events WHERE event_type = 'signup' AND occurred_at >= DATE '${d}'`,
    ]),
  ];

  it.each(branches)('%s: %s', (_task, from) => {
    for (const { name, engine } of edges) expect(Number(engine.rows(`SELECT count(*) AS n ${from}`)[0].n), name).toBeGreaterThan(0);
  });
});

describe('every variant of every task returns rows on each edge dataset, and not the visible result', () => {
  const cases = tasks.flatMap((task) => allVariants(task).map((values) => [task.id, JSON.stringify(values), task, values] as const));

  it('covers the whole library (every value of every parameter, in every combination)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(122);
  });

  it.each(cases)('%s %s', (_id, _label, task, values) => {
    const sql = pinned(task, values).original;
    const seen = columnsOf(visible, sql);
    const onVisible = fingerprint(visible, sql, normsFor(seen, seen), task.order_sensitive);
    for (const { name, engine } of edges) {
      const f = fingerprint(engine, sql, normsFor(seen, columnsOf(engine, sql)), task.order_sensitive);
      expect(f.n, `${name}: the original returns rows`).toBeGreaterThan(0);
      expect(sameResult(f, onVisible), `${name}: the result differs from the visible one`).toBe(false);
    }
  });
});
