// The edge-case instance on the real engine: every dataset loaded once, each private to its own connection, all hardened.
import { beforeAll, describe, expect, it } from 'vitest';
import { EDGE_CASES, EdgeCases } from '../../src/env/edge-cases.ts';
import { DEFAULT_LIMITS, type Engine } from '../../src/env/engine.ts';
import { loadDuckDB } from '../../src/node/load-duckdb.ts';

const DEADLINE = { deadlineMs: 60_000 };
const user = (engine: Engine, sql: string) => engine.run(engine.gate(sql), (s) => s, DEADLINE).rows;

describe('EdgeCases on one instance', () => {
  let edges: EdgeCases;
  const engines: Engine[] = [];

  beforeAll(async () => {
    const load = EdgeCases.load(await loadDuckDB(), EDGE_CASES, DEFAULT_LIMITS);
    let r = load.next();
    while (!r.done) r = load.next();
    edges = r.value;
    edges.each((_, e) => void engines.push(e));
  }, 120_000);

  it('holds every dataset, each on an engine of its own', () => {
    expect(edges.datasets.map((d) => d.name)).toEqual(EDGE_CASES.map((d) => d.name));
    expect(new Set(engines).size).toBe(EDGE_CASES.length);
  });

  it("lets user SQL on a dataset's connection see that dataset's four tables and nothing else", () => {
    const counts = engines.map((e) => {
      const tables = user(e, 'SELECT database_name, table_name FROM duckdb_tables() ORDER BY table_name');
      expect(tables.map((t) => t.table_name)).toEqual(['events', 'orders', 'products', 'users']);
      // the instance's main schema is empty: each dataset lives in its connection's temporary tables only
      expect(new Set(tables.map((t) => t.database_name))).toEqual(new Set(['temp']));
      return Number(user(e, 'SELECT count(*) AS n FROM orders')[0].n);
    });
    // every dataset has its own number of orders, so each connection reads its own
    expect(new Set(counts).size).toBe(EDGE_CASES.length);
  });

  it('resolves main.<table> and query() to the same dataset as a bare name', () => {
    for (const e of engines) {
      const [bare] = user(e, 'SELECT count(*) AS n, sum(hash(id)) AS h FROM orders');
      expect(user(e, 'SELECT count(*) AS n, sum(hash(id)) AS h FROM main.orders')[0]).toEqual(bare);
      expect(user(e, "SELECT * FROM query('SELECT count(*) AS n, sum(hash(id)) AS h FROM orders')")[0]).toEqual(bare);
    }
  });

  it('hardens every connection: the same limits on each, and the configuration locked', () => {
    for (const e of engines) {
      expect(Number(user(e, "SELECT current_setting('max_expression_depth') AS d")[0].d)).toBe(DEFAULT_LIMITS.maxExpressionDepth);
      expect(() => e.exec('SET max_expression_depth = 1000')).toThrow(/locked/);
    }
  });

  it('keeps its data across checks: nothing a run sends outlives the run, even past the gate', () => {
    const counts = () => engines.map((e) => user(e, 'SELECT count(*) AS n FROM events')[0].n);
    const before = counts();
    expect(() => user(engines[0], 'DROP TABLE events')).toThrow();
    // The data is loaded once and never reloaded, so the layer under the gate must hold too: statements built past the
    // gate test it alone. DuckDB's read-only transaction does not refuse writes to temporary tables, but every run's
    // transaction is rolled back, so nothing it wrote outlives it.
    const gated = engines[0].gate('SELECT 1');
    const tables = () => user(engines[0], 'SELECT count(*) AS n FROM duckdb_tables()')[0].n;
    for (const write of [
      'DELETE FROM events',
      'INSERT INTO events SELECT * FROM events',
      'DROP TABLE events',
      'CREATE TEMP TABLE extra AS SELECT 1 AS x',
    ]) {
      try {
        engines[0].run(gated, () => write, DEADLINE);
      } catch {
        // refused is as good as rolled back
      }
      expect(counts()).toEqual(before);
      expect(tables()).toBe(4);
    }
  });
});
