// The judge is sealed (issue "A sealed judge"): user SQL sees only the dataset it runs on, cannot tell the judged data
// from the visible or a timed run from a checked one, and a result that changes between runs cannot be compared.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/env/executor.ts';
import type { Engine } from '../../src/env/engine.ts';
import { makeRig } from './fixtures.ts';

let x: Executor;
let visible: Engine;
beforeAll(async () => {
  const made = await makeRig();
  x = made.executor;
  visible = made.rig.visible;
});

const judge = (a: string, b: string) => x.compare(a, b, { orderSensitive: false, judge: true, withPlans: false });
const ORIGINAL = "SELECT id, total FROM orders WHERE CAST(customer_id AS VARCHAR) = '5000' AND year(created_at) = 2024";
const FAST = "SELECT id, total FROM orders WHERE customer_id = 5000 AND created_at >= DATE '2024-01-01' AND created_at < DATE '2025-01-01'";

describe('user SQL reaches only the tables of the dataset it runs on', () => {
  it.each([
    ['another schema', 'SELECT * FROM holdout.orders'],
    ['another database', 'SELECT * FROM judged.main.orders'],
    ['dynamic SQL', "SELECT * FROM query('SELECT * FROM holdout.users')"],
    ['dynamic SQL on a catalog', "SELECT * FROM query_table('holdout.users')"],
  ])('%s is an error, not data', (_, sql) => {
    const r = judge('SELECT 1 AS x', sql);
    expect(r.optimized_error_code).toBe('SQL_ERROR');
    expect(r.holdout_match).toBe(false);
  });

  it('the catalog lists the four tables of its own dataset, the same on the judged data as on the visible', () => {
    const catalog =
      "SELECT string_agg(database_name || '.' || schema_name || '.' || table_name, ',' ORDER BY table_name) AS t FROM duckdb_tables()";
    expect(visible.rows(catalog)[0].t).toBe('memory.main.events,memory.main.orders,memory.main.products,memory.main.users');
    // A rewrite that returns rows only where the catalog, database, schema and search path look like the visible
    // instance's: it matches on the judged data too, so nothing there told them apart. (The edge cases hold theirs in
    // temporary tables, and a probe tells them apart, as their tiny sizes do anyway: they catch wrong rewrites, they
    // time nothing; tests/integration/edge-cases.test.ts.)
    const probe = `SELECT 1 AS x WHERE (${catalog}) = 'memory.main.events,memory.main.orders,memory.main.products,memory.main.users'
      AND current_database() = 'memory' AND current_schema() = 'main' AND current_setting('search_path') = ''`;
    const r = judge('SELECT 1 AS x', probe);
    expect(r.results_match).toBe(true);
    expect(r.verdict).not.toMatch(/judged/);
    // A probe that does tell the judged data from the visible (by a value of the visible data) is caught, and the
    // verdict names the judged data: the assertion above can fail.
    const mark = Number(visible.rows('SELECT sum(total) AS s FROM orders WHERE id < 100')[0].s);
    const told = judge('SELECT 1 AS x', `SELECT 1 AS x WHERE (SELECT sum(total) FROM orders WHERE id < 100) = ${mark}`);
    expect([told.results_match, told.verdict]).toEqual([true, expect.stringMatching(/judged/)]);
  });
});

describe('a rewrite that recognises the visible data gains nothing', () => {
  it('answers fast on the visible data and with the original elsewhere: correct, but timed at the original speed', () => {
    // A value that depends on the seed: the visible data's, read as an agent reads it through execute previews.
    const mark = Number(visible.rows('SELECT sum(total) AS s FROM orders WHERE id < 100')[0].s);
    const visibleHere = `(SELECT sum(total) FROM orders WHERE id < 100) = ${mark}`;
    const cheat = `SELECT * FROM (${FAST}) WHERE ${visibleHere} UNION ALL SELECT * FROM (${ORIGINAL}) WHERE NOT ${visibleHere}`;
    const honest = judge(ORIGINAL, FAST);
    const r = judge(ORIGINAL, cheat);
    expect([r.results_match, r.holdout_match, honest.results_match, honest.holdout_match]).toEqual([true, true, true, true]);
    // On the judged data the cheat runs the original: its speedup is the original's (about 1×), far below the honest
    // rewrite's (about 7× on a quiet machine; load slows both sides of each pair alike, so the medians keep apart).
    expect(r.speedup!).toBeLessThan(honest.speedup! / 2);
  });
});

describe('what is timed is what is checked', () => {
  it('a rewrite cannot tell timed runs from checked ones by its statement text', () => {
    // Returns the original's rows unless it sees it is being timed: every run, timed or checked, runs the same text,
    // so either it always sees the fingerprint (and is wrong) or never does (and is the original, at its speed).
    // (The patterns are concatenated so that the rewrite's own text, which current_query() includes, does not match.)
    const detectsTiming = `SELECT * FROM (${ORIGINAL}) WHERE current_query() NOT LIKE '%ha' || 'sh(%'`;
    const r = judge(ORIGINAL, detectsTiming);
    expect(r.results_match).toBe(false);
    const detectsOldTiming = `SELECT * FROM (${ORIGINAL}) WHERE current_query() NOT LIKE '%AS h' || ' FROM%'`;
    const s = judge(ORIGINAL, detectsOldTiming);
    expect([s.results_match, s.holdout_match]).toEqual([true, true]);
    expect(s.speedup!).toBeLessThan(judge(ORIGINAL, FAST).speedup! / 2);
  });

  it('a result that changes from run to run voids the speed credit and fails the hidden check, with the reason', () => {
    const r = judge(ORIGINAL, `SELECT * FROM (${FAST}) WHERE random() < 0.9`);
    expect(r.speed_voided).toBe("the rewrite's result changed from run to run (random(), now(), uuid() …), so it cannot be compared");
    expect(r.holdout_match).toBe(false);
  });

  it('a rewrap of the original compiles to its plan and is marked as a no-op; a real rewrite is not', () => {
    expect(judge(ORIGINAL, `SELECT * FROM (\n${ORIGINAL}\n) AS q`).noop).toBe(true);
    expect(judge(ORIGINAL, ORIGINAL.replace(/ /g, '\n  ')).noop).toBe(true);
    expect(judge(ORIGINAL, FAST).noop).toBe(false);
  });
});

describe('execute and grade see only the visible data', () => {
  it('execute leaves the hidden verdict undecided', () => {
    const r = x.compare(ORIGINAL, FAST, { orderSensitive: false, judge: false, withPlans: false });
    expect([r.results_match, r.holdout_match]).toEqual([true, null]);
  });
});
