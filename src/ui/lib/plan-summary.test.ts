// The plain-words summary of real DuckDB-WASM plans (task 2's original and reference, a join with a row-group filter).
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../env/plans.ts';
import { REVENUE_BY_REGION_PLAN, SELECT_ONE_PLAN, TASK2_ORIGINAL_PLAN, TASK2_REFERENCE_PLAN } from '../../env/plans.fixtures.ts';
import type { PlanNode } from '../../env/types.ts';
import { listOf, operatorSeconds, summarisePlan, summaryLines, times } from './plan-summary.ts';

const tree = (json: string): PlanNode => parsePlan(json).tree!;

describe('summaryLines on real plans', () => {
  it("task 2's original: orders scanned three times, two filters pushed into those scans, the window function hottest", () => {
    expect(summaryLines(summarisePlan(tree(TASK2_ORIGINAL_PLAN)))).toEqual([
      'Scans orders 3 times (1,033,161 rows kept) and users once (3,297 rows kept).',
      "Filtered inside the scan: orders by status='completed', created_at>='2024-01-01'::DATE; users by tier='premium'.",
      'Most time: Window function, 87.1 ms (41% of the time in operators).',
    ]);
  });

  it("task 2's reference: orders twice, users twice, the semi-join hottest", () => {
    expect(summaryLines(summarisePlan(tree(TASK2_REFERENCE_PLAN)))).toEqual([
      'Scans orders twice (665,477 rows kept) and users twice (6,594 rows kept).',
      "Filtered inside the scan: users by tier='premium'.",
      'Most time: Hash join (semi), 23.2 ms (26% of the time in operators).',
    ]);
  });

  it('a filter DuckDB only uses to skip row groups gets its own line', () => {
    expect(summaryLines(summarisePlan(tree(REVENUE_BY_REGION_PLAN)))).toEqual([
      'Scans orders once (497,918 rows kept) and users once (9,200 rows kept).',
      'Filtered inside the scan: users by id<=9200.',
      "Used only to skip row groups: orders by status IN ('completed', 'shipped').",
      'Most time: Filter, 144 ms (47% of the time in operators).',
    ]);
  });

  it('a plan that reads no table says so', () => {
    expect(summaryLines(summarisePlan(tree(SELECT_ONE_PLAN)))).toEqual([
      'Reads no table.',
      'Most time: One constant row, 0.02 ms (90% of the time in operators).',
    ]);
  });
});

describe('summarisePlan', () => {
  it('the hottest operator is found anywhere in the tree, with its path and share of the summed time', () => {
    const s = summarisePlan(tree(TASK2_ORIGINAL_PLAN));
    expect(s.hottest).toMatchObject({ path: '0.0.1.1.0.0.0', label: 'Window function', raw: 'WINDOW' });
    expect(s.hottest!.share).toBeCloseTo(s.hottest!.time_s / s.operator_s, 12);
    expect(s.tables.map((t) => [t.table, t.scans, t.rows])).toEqual([
      ['orders', 3, 1033161],
      ['users', 1, 3297],
    ]);
  });

  it('no tree, or no time anywhere: no hottest operator and no table', () => {
    expect(summarisePlan(null)).toEqual({ operator_s: 0, tables: [], hottest: null });
    const idle: PlanNode = { name: 'SEQ_SCAN', time_s: 0, rows: 5, detail: ['Table: t', 'Filters: a=1'], children: [] };
    expect(summarisePlan(idle)).toEqual({
      operator_s: 0,
      tables: [{ table: 't', scans: 1, rows: 5, filters: ['a=1'], skipping: [] }],
      hottest: null,
    });
    expect(summaryLines(summarisePlan(idle))).toEqual(['Scans t once (5 rows kept).', 'Filtered inside the scan: t by a=1.']);
  });

  it('a table scanned without a filter says so, and the same filter twice is named once', () => {
    const scan = (rows: number, detail: string[]): PlanNode => ({ name: 'SEQ_SCAN', time_s: 0.001, rows, detail, children: [] });
    const join: PlanNode = {
      name: 'HASH_JOIN',
      time_s: 0.002,
      rows: 1,
      detail: ['Join Type: INNER'],
      children: [scan(1, ['Table: a', 'Filters: x=1']), scan(2, ['Table: a', 'Filters: x=1'])],
    };
    expect(summarisePlan(join).tables).toEqual([{ table: 'a', scans: 2, rows: 3, filters: ['x=1'], skipping: [] }]);
    const plain: PlanNode = { ...join, children: [scan(1, ['Table: a']), scan(1, ['Table: b'])] };
    expect(summaryLines(summarisePlan(plain))).toEqual([
      'Scans a once (1 row kept) and b once (1 row kept).',
      'No filter is applied inside the scans.',
      'Most time: Hash join (inner), 2.0 ms (50% of the time in operators).',
    ]);
  });
});

describe('helpers', () => {
  it('operatorSeconds adds every own time; DuckDB-WASM leaves the latency at 0, so it is the only total', () => {
    const plan = parsePlan(TASK2_REFERENCE_PLAN);
    expect(plan.total_s).toBe(0);
    expect(operatorSeconds(plan.tree)).toBeCloseTo(0.0907, 3);
    expect(operatorSeconds(null)).toBe(0);
  });

  it('times and listOf read as English', () => {
    expect([1, 2, 3].map(times)).toEqual(['once', 'twice', '3 times']);
    expect([[], ['a'], ['a', 'b'], ['a', 'b', 'c']].map(listOf)).toEqual(['', 'a', 'a and b', 'a, b and c']);
  });
});
