// The baseline's pattern diagnosis finds the original environment's issues at their lines.
import { describe, expect, it } from 'vitest';
import { baselineAction, diagnose } from './baseline.ts';
import type { Observation } from '../env/types.ts';

const TASK1 = "SELECT *\nFROM orders\nWHERE CAST(customer_id AS VARCHAR) = '5000'\n  AND year(created_at) = 2024;";

describe('baseline policy', () => {
  it('diagnoses non-sargable filters and SELECT * with their lines', () => {
    expect(diagnose(TASK1).map((s) => [s.issue_type, s.line])).toEqual([
      ['select_star', 1],
      ['non_sargable_predicate', 3],
    ]);
  });

  it('finds a comma join, scalar subqueries, a global window and SUM(CASE)', () => {
    const types = diagnose(
      'SELECT (SELECT AVG(total) FROM orders) AS a,\n SUM(CASE WHEN x = 1 THEN 1 ELSE 0 END) OVER (PARTITION BY u) AS s,\n RANK() OVER (ORDER BY d DESC)\nFROM users u, orders o\nWHERE u.id = o.customer_id',
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

  it('approves a clean query and rewrites with the known fix', () => {
    const obs = { sql_query: 'SELECT id FROM users WHERE id = 3', last_execution: null } as unknown as Observation;
    expect(baselineAction(obs, null)).toMatchObject({ approved: true, suggestions: [], optimized_query: obs.sql_query });
    const a = baselineAction({ ...obs, sql_query: TASK1 }, 'SELECT 1');
    expect([a.approved, a.optimized_query, a.estimated_improvement]).toEqual([false, 'SELECT 1', '2.0x']);
  });
});
