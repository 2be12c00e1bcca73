// The rule policy on text: its diagnosis, how it uses the execution feedback, and that it cannot reach the answers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExecutionResult, Observation, StepResult } from '../env/types.ts';
import type { PolicyStep } from './policy.ts';
import { createRulesPolicy, diagnose, rulesAction } from './rules.ts';

const TASK1 = "SELECT *\nFROM orders\nWHERE CAST(customer_id AS VARCHAR) = '5000'\n  AND year(created_at) = 2024;";
const SCHEMA = 'orders (500,500 rows): id BIGINT, customer_id BIGINT, status VARCHAR, total DECIMAL(10,2), created_at DATE';
const REWRITE =
  "SELECT *\nFROM orders\nWHERE customer_id = 5000\n  AND created_at >= DATE '2024-01-01' AND created_at < DATE '2025-01-01';";

const obs = (sql: string, last: Partial<ExecutionResult> | null = null) =>
  ({ sql_query: sql, schema_info: SCHEMA, last_execution: last, step_count: 0, max_steps: 3 }) as unknown as Observation;

/** A spent step whose rewrite got `execution` back. */
const spent = (query: string, execution: Partial<ExecutionResult>): PolicyStep => ({
  observation: obs(TASK1),
  action: { suggestions: [], optimized_query: query, summary: '', estimated_improvement: '', approved: false },
  result: { observation: obs(TASK1, execution) } as unknown as StepResult,
});

const RIGHT = { results_match: true, holdout_match: true, optimized_error: null, timed_out: false, speedup: 6.5 };

describe('diagnosis', () => {
  it('finds non-sargable filters on each line and SELECT * at the top', () => {
    expect(diagnose(TASK1).map((s) => [s.issue_type, s.line, s.severity])).toEqual([
      ['select_star', 1, 'low'],
      ['non_sargable_predicate', 3, 'high'],
      ['non_sargable_predicate', 4, 'high'],
    ]);
  });

  it('finds a comma join, scalar subqueries, a global window and SUM(CASE)', () => {
    const types = diagnose(
      'SELECT (SELECT AVG(total) FROM orders) AS a,\n SUM(CASE WHEN x = 1 THEN 1 ELSE 0 END) OVER (PARTITION BY u) AS s,\n' +
        ' RANK() OVER (ORDER BY d DESC)\nFROM users u, orders o\nWHERE u.id = o.customer_id',
    ).map((s) => s.issue_type);
    expect(types).toEqual(
      expect.arrayContaining([
        'implicit_cross_join',
        'missing_explicit_join',
        'repeated_scan',
        'global_window_sort',
        'conditional_aggregate',
      ]),
    );
  });

  it('tells a correlated subquery, a top-n count and a semi-join apart', () => {
    const sub = (cmp: string) =>
      `SELECT o.id\nFROM orders o\nWHERE (SELECT count(*) FROM orders o2 WHERE o2.customer_id = o.customer_id)${cmp}`;
    expect(diagnose(sub(' < 3')).map((s) => s.issue_type)).toEqual(['top_n_per_group']);
    expect(diagnose(sub(' > 0')).map((s) => s.issue_type)).toEqual(['correlated_subquery']);
    expect(diagnose('SELECT u.id FROM users u WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = u.id)')).toEqual([]);
  });

  it('flags UNION only when both branches read the same tables', () => {
    expect(diagnose('SELECT id FROM users WHERE tier = 1 UNION SELECT id FROM users WHERE tier = 2')[0].issue_type).toBe(
      'union_instead_of_union_all',
    );
    expect(diagnose('SELECT customer_id FROM orders UNION SELECT user_id FROM events')).toEqual([]);
  });
});

describe('rules policy', () => {
  it('rewrites what a rule is sure of and estimates before measuring', () => {
    const a = rulesAction(obs(TASK1), []);
    expect([a.optimized_query, a.approved, a.estimated_improvement]).toEqual([REWRITE, false, '2.0x']);
    expect(a.summary).toBe('Found: select star; non sargable predicate. Rewritten by 2 rule(s): integer text compare, date period range.');
  });

  it('approves a clean query unchanged and estimates no gain', () => {
    const clean = 'SELECT id FROM orders WHERE id = 3';
    expect(rulesAction(obs(clean), [])).toMatchObject({
      approved: true,
      suggestions: [],
      optimized_query: clean,
      estimated_improvement: '1.0x',
    });
  });

  it('submits the original with its diagnosis where no rule is sure', () => {
    const sql = "SELECT id FROM orders WHERE status LIKE '%x%'";
    expect(rulesAction(obs(sql), [])).toMatchObject({ optimized_query: sql, approved: false });
  });

  it('repeats a rewrite judged right, estimating the speedup it measured', () => {
    expect(rulesAction(obs(TASK1), [spent(REWRITE, RIGHT)])).toMatchObject({ optimized_query: REWRITE, estimated_improvement: '6.5x' });
  });

  it.each([
    ['wrong on the visible data', { results_match: false }],
    ['wrong on the hidden data', { holdout_match: false }],
    ['failed to run', { optimized_error: 'Binder Error: …' }],
    ['timed out', { timed_out: true }],
  ])('falls back to the original once a rewrite was %s', (_why, bad) => {
    const a = rulesAction(obs(TASK1), [spent(REWRITE, { ...RIGHT, ...bad })]);
    expect([a.optimized_query, a.estimated_improvement, a.approved]).toEqual([TASK1, '1.0x', false]);
    expect(a.summary).toContain('The earlier rewrite was judged wrong, so the original is submitted.');
  });

  it('is named rules and always decides', async () => {
    const p = createRulesPolicy();
    expect(p.name).toBe('rules');
    expect((await p.act(obs(TASK1), [])).action?.optimized_query).toBe(REWRITE);
  });
});

describe('the rules cannot read the answers', () => {
  /** Every module the rules load, followed through relative imports (type-only imports load nothing). */
  function closure(file: URL, seen = new Set<string>()): Set<string> {
    if (seen.has(file.pathname)) return seen;
    seen.add(file.pathname);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm))
      if (!m[1] && m[2].startsWith('.')) closure(new URL(m[2], file), seen);
    return seen;
  }

  it('loads no task file, no task library, no grader, nothing of Node: only its own modules', () => {
    const files = [...closure(new URL('./rules.ts', import.meta.url))].map((f) => f.replace(/^.*\/src\//, 'src/'));
    expect(files.sort()).toEqual([
      'src/policies/diagnose.ts',
      'src/policies/rewrite-context.ts',
      'src/policies/rewrite-filters.ts',
      'src/policies/rewrite-predicates.ts',
      'src/policies/rewrite-structure.ts',
      'src/policies/rewrite-windows.ts',
      'src/policies/rewrites.ts',
      'src/policies/rules.ts',
      'src/policies/sql-text.ts',
    ]);
    // Type-only imports load nothing at run time; even those name only the wire shapes and the policy interface.
    const typeImports = files.flatMap((f) =>
      [...readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8').matchAll(/^import type [^']*from '([^']+)'/gm)].map((m) => m[1]),
    );
    expect(new Set(typeImports)).toEqual(new Set(['../env/types.ts', './policy.ts', './rewrite-context.ts']));
  });
});
