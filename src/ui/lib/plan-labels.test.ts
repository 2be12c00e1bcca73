// Plain operator labels and details on real DuckDB-WASM plans (task 2, a join with a row-group filter) and edge cases.
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../env/plans.ts';
import { REVENUE_BY_REGION_PLAN, TASK2_ORIGINAL_PLAN, TASK2_REFERENCE_PLAN } from '../../env/plans.fixtures.ts';
import type { PlanNode } from '../../env/types.ts';
import { isRepack, operatorLabel, plainDetail, scanFilters, tableOf } from './plan-labels.ts';
import { nodesByPath } from './plan-view.ts';

const node = (name: string, detail: string[] = []): PlanNode => ({ name, time_s: 0, rows: 0, detail, children: [] });
const at = (json: string, path: string): PlanNode => {
  const found = nodesByPath(parsePlan(json).tree).find(([p]) => p === path);
  if (!found) throw new Error(`no operator at ${path}`);
  return found[1];
};

describe('operatorLabel', () => {
  it('task 2 original: every distinct operator gets a plain label', () => {
    const labels = new Map(nodesByPath(parsePlan(TASK2_ORIGINAL_PLAN).tree).map(([, n]) => [n.name, operatorLabel(n)]));
    expect(Object.fromEntries(labels)).toEqual({
      PROJECTION: 'Compute columns',
      LEFT_DELIM_JOIN: 'Subquery join (scalar subquery)',
      RIGHT_DELIM_JOIN: 'Subquery join (right)',
      SEQ_SCAN: 'Scan orders',
      HASH_JOIN: 'Hash join (inner)',
      COLUMN_DATA_SCAN: 'Read buffered rows',
      HASH_GROUP_BY: 'Group by (hash table)',
      DELIM_SCAN: 'Keys passed to a subquery',
      DUMMY_SCAN: 'One constant row',
      FILTER: 'Filter',
      WINDOW: 'Window function',
    });
  });

  it('joins carry their type, scans their table, WITH queries their name', () => {
    expect(operatorLabel(at(TASK2_REFERENCE_PLAN, '0'))).toBe('WITH query per_customer');
    expect(operatorLabel(at(TASK2_REFERENCE_PLAN, '0.0.0.0.0.0'))).toBe('Hash join (semi)');
    expect(operatorLabel(at(TASK2_REFERENCE_PLAN, '0.0.0.0.0.0.1.0'))).toBe('Scan users');
    expect(operatorLabel(node('NESTED_LOOP_JOIN', ['Join Type: MARK']))).toBe('Nested-loop join (IN / EXISTS test)');
    expect(operatorLabel(node('PIECEWISE_MERGE_JOIN', ['Join Type: RIGHT_SEMI']))).toBe('Merge range join (right semi)');
    expect(operatorLabel(node('CROSS_PRODUCT'))).toBe('Cross product (every pair)');
  });

  it('repack projections are named as such; unknown operators read as words', () => {
    expect(operatorLabel(at(REVENUE_BY_REGION_PLAN, '0'))).toBe('Repack columns (internal)');
    expect(operatorLabel(node('STREAMING_WINDOW'))).toBe('Window function (streaming)');
    expect(operatorLabel(node('PERFECT_HASH_GROUP_BY'))).toBe('Group by (small key range)');
    expect(operatorLabel(node('SOME_NEW_OPERATOR'))).toBe('Some new operator');
  });
});

describe('isRepack', () => {
  it('positions, bare or wrapped in __internal_ functions, are a repack; named columns and other operators are not', () => {
    expect(isRepack(at(REVENUE_BY_REGION_PLAN, '0'))).toBe(true); // __internal_decompress_string(#0), #1, #2
    expect(isRepack(node('PROJECTION', ['Projections: #0, #2']))).toBe(true);
    expect(isRepack(node('PROJECTION'))).toBe(true);
    expect(isRepack(node('PROJECTION', ['Projections: region, total']))).toBe(false);
    expect(isRepack(node('PROJECTION', ['Projections: #0, (status = #1)']))).toBe(false);
    expect(isRepack(node('FILTER', ['Projections: #0']))).toBe(false);
  });
});

describe('plainDetail', () => {
  it('a real scan: columns read and its filter, no table or scan type (the label has them)', () => {
    expect(plainDetail(at(TASK2_ORIGINAL_PLAN, '0.0.0.0.0'))).toEqual([
      'Columns read: email, region, id',
      "Filter in scan: tier='premium'",
    ]);
  });

  it('a filter only used to skip row groups is said so', () => {
    const scan = at(REVENUE_BY_REGION_PLAN, '0.0.0.0.0.0.0.0.0.0.0');
    expect(plainDetail(scan)).toEqual([
      'Columns read: customer_id, status, total',
      "Used to skip row groups: status IN ('completed', 'shipped')",
    ]);
    expect(scanFilters(scan)).toEqual({ filters: [], skipping: ["status IN ('completed', 'shipped')"] });
  });

  it('internal wrappers and positions-only values go; join type and indexes are said elsewhere or nowhere', () => {
    expect(plainDetail(at(REVENUE_BY_REGION_PLAN, '0'))).toEqual([]);
    expect(plainDetail(at(TASK2_ORIGINAL_PLAN, '0.0'))).toEqual(['On: id IS NOT DISTINCT FROM id']);
    expect(plainDetail(node('HASH_GROUP_BY', ['Groups: #0', 'Aggregates: count_star(), sum(#1)']))).toEqual([
      'Computes: count(*), sum(#1)',
    ]);
    expect(plainDetail(node('HASH_GROUP_BY', ['Groups: #2', 'Aggregates: ']))).toEqual([]);
    // task 2's reference: DuckDB repeats each aggregate's filter position after it.
    expect(plainDetail(at(TASK2_REFERENCE_PLAN, '0.0.0'))).toEqual([
      'Computes: count(*) FILTER (WHERE #2), sum(#2) FILTER (WHERE #3), max(#4)',
    ]);
  });

  it('a list of filters with an optional one splits into both kinds', () => {
    const scan = node('SEQ_SCAN', ['Table: orders', "Filters: status='completed', total>100.00, optional: customer_id IN (1, 2)"]);
    expect(plainDetail(scan)).toEqual([
      "Filter in scan: status='completed', total>100.00",
      'Used to skip row groups: customer_id IN (1, 2)',
    ]);
    // plans.ts joined DuckDB's list with ", ", so the filters that drop rows stay one piece.
    expect(scanFilters(scan)).toEqual({ filters: ["status='completed', total>100.00"], skipping: ['customer_id IN (1, 2)'] });
    expect(tableOf(scan)).toBe('orders');
    expect(tableOf(node('CTE_SCAN', ['CTE Index: 0']))).toBeNull();
  });
});
