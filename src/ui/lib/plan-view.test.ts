// The shown tree on real plans: repack projections folded with their time kept, paths that point into the parsed tree.
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../env/plans.ts';
import { REVENUE_BY_REGION_PLAN, SELECT_ONE_PLAN, TASK2_ORIGINAL_PLAN } from '../../env/plans.fixtures.ts';
import { nodesByPath, planView, standsFor, startsOpen, type PlanView } from './plan-view.ts';
import { operatorSeconds } from './plan-summary.ts';

const flat = (v: PlanView): PlanView[] => [v, ...v.children.flatMap(flat)];

describe('planView', () => {
  it('folds the repack projections of the join plan into the operator beneath, keeping every second', () => {
    const plan = parsePlan(REVENUE_BY_REGION_PLAN);
    const shown = flat(planView(plan.tree!));
    expect(shown.map((v) => [v.path, v.label, v.repack.paths.length])).toEqual([
      ['0.0', 'Sort', 1],
      ['0.0.0.0.0', 'Group by (hash table)', 2],
      ['0.0.0.0.0.0', 'Compute columns', 0],
      ['0.0.0.0.0.0.0.0', 'Hash join (inner)', 1],
      ['0.0.0.0.0.0.0.0.0.0', 'Filter', 1],
      ['0.0.0.0.0.0.0.0.0.0.0', 'Scan orders', 0],
      ['0.0.0.0.0.0.0.0.1', 'Scan users', 0],
    ]);
    const seconds = shown.reduce((s, v) => s + v.time_s + v.repack.time_s, 0);
    expect(seconds).toBeCloseTo(operatorSeconds(plan.tree), 12);
    // The 30.7 ms compress projection above the join is shown beside the join, not lost, and it stands for it.
    expect(shown[3].repack).toEqual({ paths: ['0.0.0.0.0.0.0'], time_s: 0.030744178999999996 });
    expect([standsFor(shown[3], '0.0.0.0.0.0.0'), standsFor(shown[3], '0.0.0.0.0.0.0.0'), standsFor(shown[3], '0.0')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(standsFor(shown[3], null)).toBe(false);
  });

  it('each shown path names the same operator in the parsed tree', () => {
    const tree = parsePlan(TASK2_ORIGINAL_PLAN).tree!;
    const parsed = new Map(nodesByPath(tree));
    const shown = flat(planView(tree));
    // Every operator is either shown or folded as a repack: 40 parsed, 6 repacks folded.
    expect([parsed.size, shown.length, shown.reduce((s, v) => s + v.repack.paths.length, 0)]).toEqual([40, 34, 6]);
    for (const v of shown) expect(parsed.get(v.path)?.name).toBe(v.raw);
  });

  it('a plan without repacks is shown whole', () => {
    const tree = parsePlan(SELECT_ONE_PLAN).tree!;
    expect(planView(tree)).toEqual({
      path: '0',
      label: 'Compute columns',
      raw: 'PROJECTION',
      time_s: 1.974e-6,
      rows: 1,
      detail: ['Columns: 1'],
      repack: { paths: [], time_s: 0 },
      children: [
        {
          path: '0.0',
          label: 'One constant row',
          raw: 'DUMMY_SCAN',
          time_s: 1.7597e-5,
          rows: 1,
          detail: [],
          repack: { paths: [], time_s: 0 },
          children: [],
        },
      ],
    });
  });
});

describe('nodesByPath', () => {
  it('lists operators root first with their paths, and nothing for no tree', () => {
    const tree = parsePlan(SELECT_ONE_PLAN).tree!;
    expect(nodesByPath(tree).map(([p, n]) => [p, n.name])).toEqual([
      ['0', 'PROJECTION'],
      ['0.0', 'DUMMY_SCAN'],
    ]);
    expect(nodesByPath(null)).toEqual([]);
  });
});

describe('startsOpen', () => {
  it("opens the first two levels and the way down to task 2's hottest operator, nothing else", () => {
    const tree = parsePlan(TASK2_ORIGINAL_PLAN).tree!;
    const hottest = '0.0.1.1.0.0.0'; // the window function (plan-summary.test.ts)
    const open: string[] = [];
    const walk = (v: PlanView, depth: number): void => {
      if (v.children.length && startsOpen(v.path, depth, hottest)) open.push(`${v.path} ${v.label}`);
      v.children.forEach((c) => walk(c, depth + 1));
    };
    walk(planView(tree), 0);
    expect(open).toEqual([
      '0 Compute columns',
      '0.0 Subquery join (scalar subquery)',
      '0.0.1 Hash join (scalar subquery)',
      '0.0.1.1.0 Filter',
    ]);
    expect(startsOpen('0.0.1', 2, null)).toBe(false);
    expect(startsOpen('0.0.1', 1, null)).toBe(true);
    // A path is not its own ancestor, nor is a sibling with a longer number.
    expect(startsOpen('0.0.1', 5, '0.0.1')).toBe(false);
    expect(startsOpen('0.0.1', 5, '0.0.10.2')).toBe(false);
  });
});
