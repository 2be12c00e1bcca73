// The differences between two plans, on task 2's real original and reference plans and on small hand-made trees.
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../env/plans.ts';
import { REVENUE_BY_REGION_PLAN, TASK2_ORIGINAL_PLAN, TASK2_REFERENCE_PLAN } from '../../env/plans.fixtures.ts';
import type { Plan, PlanNode } from '../../env/types.ts';
import { diffPlans } from './plan-diff.ts';
import { nodesByPath } from './plan-view.ts';

const plan = (tree: PlanNode | null): Plan => ({ tree, text: '', total_s: 0 });
const op = (name: string, detail: string[], children: PlanNode[] = [], rows = 0): PlanNode => ({
  name,
  time_s: 0.001,
  rows,
  detail,
  children,
});
const scan = (table: string, rows: number) => op('SEQ_SCAN', [`Table: ${table}`], [], rows);

describe('diffPlans on task 2', () => {
  const original = { label: 'Original', plan: parsePlan(TASK2_ORIGINAL_PLAN) };
  const reference = { label: 'Reference', plan: parsePlan(TASK2_REFERENCE_PLAN) };

  it('says how the reference reads orders and users, and which operators only one plan has', () => {
    expect(diffPlans(original, reference).lines).toEqual([
      'Reference scans orders twice instead of 3 times and keeps 367,684 fewer rows from it (665,477 instead of 1,033,161).',
      'Reference scans users twice instead of once and keeps 3,297 more rows from it (6,594 instead of 3,297).',
      'Only in Original: Window function, Hash join (scalar subquery) ×2, Subquery join (scalar subquery) ×2, ' +
        'Subquery join (right), Read buffered rows ×2, Keys passed to a subquery ×4 and 1 more.',
      'Only in Reference: Hash join (semi), Hash join (left), WITH query per_customer and Read WITH query ×2.',
    ]);
  });

  it('marks the scans of changed tables and the operators found on one side only, in both trees', () => {
    const d = diffPlans(original, reference);
    const named = (json: string, marks: Map<string, string>) => {
      const byPath = new Map(nodesByPath(parsePlan(json).tree));
      return [...marks].map(([path, mark]) => `${byPath.get(path)!.name}:${mark}`).sort();
    };
    expect(named(TASK2_REFERENCE_PLAN, d.right)).toEqual([
      'CTE:only-here',
      'CTE_SCAN:only-here',
      'CTE_SCAN:only-here',
      'HASH_JOIN:only-here',
      'HASH_JOIN:only-here',
      'SEQ_SCAN:reads-differ',
      'SEQ_SCAN:reads-differ',
      'SEQ_SCAN:reads-differ',
      'SEQ_SCAN:reads-differ',
    ]);
    const left = named(TASK2_ORIGINAL_PLAN, d.left);
    expect(left.filter((m) => m.startsWith('SEQ_SCAN'))).toEqual(Array(4).fill('SEQ_SCAN:reads-differ'));
    expect(left).toContain('WINDOW:only-here');
    // Inner hash joins and grouping are in both plans: not marked.
    expect(left.filter((m) => m.startsWith('HASH_GROUP_BY'))).toEqual([]);
    expect(left.filter((m) => m === 'HASH_JOIN:only-here')).toHaveLength(2);
  });

  it('a plan against itself: nothing marked, and it says so', () => {
    expect(diffPlans(original, { ...original, label: 'Again' })).toEqual({
      lines: ['Both plans use the same operators and read the same tables alike.'],
      left: new Map(),
      right: new Map(),
    });
  });

  it('no difference is told when a side has no plan or no tree', () => {
    const none = { lines: [], left: new Map(), right: new Map() };
    expect(diffPlans(original, { label: 'Rewrite', plan: null })).toEqual(none);
    expect(diffPlans({ label: 'Original', plan: plan(null) }, reference)).toEqual(none);
  });
});

describe('diffPlans on small trees', () => {
  it('a join algorithm that changed shows as one operator only on each side', () => {
    const nl = op('NESTED_LOOP_JOIN', ['Join Type: INNER'], [scan('events', 1000), scan('users', 10)]);
    const hash = op('HASH_JOIN', ['Join Type: INNER'], [scan('events', 1000), scan('users', 10)]);
    const d = diffPlans({ label: 'Original', plan: plan(nl) }, { label: 'Rewrite', plan: plan(hash) });
    expect(d.lines).toEqual(['Only in Original: Nested-loop join (inner).', 'Only in Rewrite: Hash join (inner).']);
    expect([...d.left]).toEqual([['0', 'only-here']]);
    expect([...d.right]).toEqual([['0', 'only-here']]);
  });

  it('rows kept count as a difference only past 10% and 1,000 rows; a table read on one side only is named', () => {
    const at = (events: number, extra: PlanNode[] = []) =>
      plan(op('UNGROUPED_AGGREGATE', [], [op('HASH_JOIN', ['Join Type: INNER'], [scan('events', events), ...extra])]));
    const left = { label: 'Original', plan: at(1_000_000, [scan('users', 10)]) };
    expect(diffPlans(left, { label: 'Rewrite', plan: at(850_000, [scan('users', 10)]) }).lines).toEqual([
      'Rewrite keeps 150,000 fewer rows from events (850,000 instead of 1,000,000).',
    ]);
    expect(diffPlans(left, { label: 'Rewrite', plan: at(950_000, [scan('users', 10)]) }).lines).toEqual([
      'Both plans use the same operators and read the same tables alike.',
    ]);
    // 500 of 5,000 is 10%, but under 1,000 rows.
    const small = { label: 'Original', plan: at(5_000) };
    expect(diffPlans(small, { label: 'Rewrite', plan: at(4_500) }).lines).toEqual([
      'Both plans use the same operators and read the same tables alike.',
    ]);
    expect(diffPlans(small, { label: 'Rewrite', plan: at(4_000) }).lines).toEqual([
      'Rewrite keeps 1,000 fewer rows from events (4,000 instead of 5,000).',
    ]);
    expect(diffPlans(left, { label: 'Rewrite', plan: at(1_000_000, [scan('products', 3)]) }).lines).toEqual([
      'Rewrite does not scan users; Original scans it once.',
      'Rewrite scans products once; Original does not scan it.',
    ]);
  });

  it('repack projections are not operators to compare', () => {
    const base = op('PROJECTION', ['Projections: region'], [scan('users', 10)]);
    const packed = op(
      'PROJECTION',
      ['Projections: region'],
      [op('PROJECTION', ['Projections: __internal_decompress_string(#0)'], [scan('users', 10)])],
    );
    const d = diffPlans({ label: 'A', plan: plan(base) }, { label: 'B', plan: plan(packed) });
    expect(d.lines).toEqual(['Both plans use the same operators and read the same tables alike.']);
  });

  it('a scan that reads differently is marked on both sides', () => {
    const revenue = parsePlan(REVENUE_BY_REGION_PLAN);
    const fewer = structuredClone(revenue);
    const users = nodesByPath(fewer.tree).find(([, n]) => n.detail.includes('Table: users'))!;
    users[1].rows = 2000;
    const d = diffPlans({ label: 'Original', plan: revenue }, { label: 'Rewrite', plan: fewer });
    expect(d.lines).toEqual(['Rewrite keeps 7,200 fewer rows from users (2,000 instead of 9,200).']);
    expect([...d.left]).toEqual([[users[0], 'reads-differ']]);
    expect([...d.right]).toEqual([[users[0], 'reads-differ']]);
  });
});
