// The dataset is deterministic, has the original environment's columns, and the realistic shape the tasks rely on.
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDBEngine, type Engine } from '../../src/env/engine.ts';
import { MAIN_SPEC, TABLES, checksums, datasetSql, describeTables, generateDataset } from '../../src/env/dataset.ts';
import { loadDuckDB } from '../../src/node/load-duckdb.ts';
import { MAIN_CHECKSUMS_SEED_42 } from './fixtures.ts';

let engine: Engine;
beforeAll(async () => {
  engine = new DuckDBEngine(await loadDuckDB());
  generateDataset(engine, MAIN_SPEC);
});

const one = (sql: string) => engine.rows(sql)[0];

describe('dataset', () => {
  it('keeps the original columns in order with compatible types', () => {
    const cols = Object.fromEntries(describeTables(engine).map((t) => [t.name, t.columns.map((c) => `${c.name} ${c.type}`).join(', ')]));
    expect(cols).toEqual({
      users: 'id BIGINT, email VARCHAR, tier VARCHAR, region VARCHAR, plan VARCHAR, created_at DATE',
      products: 'id BIGINT, name VARCHAR, category VARCHAR, price DECIMAL(10,2)',
      orders: 'id BIGINT, customer_id BIGINT, product_id BIGINT, status VARCHAR, total DECIMAL(10,2), created_at DATE',
      events: 'id BIGINT, user_id BIGINT, session_id VARCHAR, event_type VARCHAR, occurred_at DATE',
    });
  });

  it('has the scale-1 sizes (plus re-ingested duplicates)', () => {
    expect(one('SELECT count(*) AS n, count(DISTINCT id) AS d FROM users')).toEqual({ n: 10_000, d: 10_000 });
    expect(one('SELECT count(*) AS n FROM products').n).toBe(1_000);
    expect(one('SELECT count(DISTINCT id) AS d FROM orders').d).toBe(500_000);
    expect(one('SELECT count(DISTINCT id) AS d FROM events').d).toBe(1_000_000);
    // exact duplicate rows exist, but few
    const dup = Number(one('SELECT count(*) - count(DISTINCT id) AS x FROM orders').x);
    expect(dup).toBeGreaterThan(100);
    expect(dup).toBeLessThan(2_000);
  });

  it('is generated again bit for bit from the same seed', () => {
    const a = checksums(engine, 'main');
    engine.exec('CREATE SCHEMA IF NOT EXISTS again');
    for (const { sql } of datasetSql(MAIN_SPEC, 'again')) engine.exec(sql);
    expect(checksums(engine, 'again')).toEqual(a);
    expect(a).toMatchObject(MAIN_CHECKSUMS_SEED_42);
  });

  it('changes with the seed', () => {
    engine.exec('CREATE SCHEMA IF NOT EXISTS other');
    for (const { sql } of datasetSql({ ...MAIN_SPEC, seed: 7 }, 'other')) engine.exec(sql);
    const [other, main] = [checksums(engine, 'other'), checksums(engine, 'main')];
    for (const t of TABLES) expect(other[t], t).not.toEqual(main[t]);
  });

  it('has the same row counts under every seed, so table sizes never tell the judged data from the visible', () => {
    const counts = (schema: string) => TABLES.map((t) => Number(one(`SELECT count(*) AS n FROM ${schema}.${t}`).n));
    expect(counts('other')).toEqual(counts('main'));
    expect(counts('main')).toEqual([10_000, 1_000, 500_500, 1_001_000]);
  });

  it('has a realistic shape: a third premium, skewed customers, NULLs, time order', () => {
    const premium = Number(one(`SELECT avg((tier = 'premium')::INT) AS p FROM users`).p);
    expect(premium).toBeGreaterThan(0.28);
    expect(premium).toBeLessThan(0.4);
    // the busiest customer places far more orders than the median one
    const skew = one(
      `SELECT max(n) AS top, median(n) AS mid FROM (SELECT count(*) AS n FROM orders WHERE customer_id IS NOT NULL GROUP BY customer_id)`,
    );
    expect(Number(skew.top)).toBeGreaterThan(20 * Number(skew.mid));
    const nulls = one(`SELECT count(*) FILTER (WHERE customer_id IS NULL) AS c, count(*) FILTER (WHERE total IS NULL) AS t FROM orders`);
    expect(Number(nulls.c)).toBeGreaterThan(0);
    expect(Number(nulls.t)).toBeGreaterThan(0);
    // appended in time order: dates never decrease with id, so row groups cover disjoint date ranges
    expect(
      Number(one(`SELECT count(*) AS n FROM (SELECT created_at < lag(created_at) OVER (ORDER BY id) AS back FROM orders) WHERE back`).n),
    ).toBe(0);
    expect(one(`SELECT min(created_at) AS a, max(created_at) AS b FROM orders`)).toEqual({ a: '2023-01-01', b: '2024-12-31' });
  });
});
