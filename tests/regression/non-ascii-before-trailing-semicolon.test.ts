// Pins: a query with non-ASCII text before its trailing ';' is accepted, its semicolons cut on UTF-8 byte offsets.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from '../../src/env/environment.ts';
import { makeEnv, ok } from '../integration/fixtures.ts';

// Fixed in 16615f3: DuckDB's tokenizer reports UTF-8 byte offsets, and the gate cut trailing semicolons at those
// offsets as if they were string indices, so `SELECT 'é' AS x;` lost its last characters and was rejected.

const TASK = 'task_1_basic_antipatterns';
let env: Environment;
beforeAll(async () => {
  env = await makeEnv();
});

describe('non-ASCII text before trailing semicolons', () => {
  it.each([
    ["SELECT 'é' AS x;", 'é'],
    ['-- café …\nSELECT 1 AS x;  ;', '1'],
    ["SELECT '日本' AS x; -- fin", '日本'],
  ])('accepts %s', (sql, value) => {
    const engine = (env as unknown as { executor: { facts(s: string): { gated: { sql: string } } } }).executor;
    const gated = engine.facts(sql).gated.sql;
    expect(gated).not.toMatch(/;\s*$/);
    const r = ok(env.execute({ task_id: TASK, optimized_query: sql }));
    expect(r.optimized_error).toBeNull();
    expect(r.preview.optimized?.rows).toEqual([[value]]);
  });
});
