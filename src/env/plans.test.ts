// parsePlan, renderPlan and hottest on real DuckDB-WASM EXPLAIN ANALYZE JSON and on hand-made edge cases.
import { describe, expect, it } from 'vitest';
import { hottest, parsePlan, renderPlan } from './plans.ts';
import { REVENUE_BY_REGION_PLAN, SELECT_ONE_PLAN } from './plans.fixtures.ts';
import type { Plan, PlanNode } from './types.ts';

/** A raw DuckDB operator as EXPLAIN (ANALYZE, FORMAT json) prints it, with only the fields given. */
const op = (fields: Record<string, unknown>, children: unknown[] = []) => ({ ...fields, children });
/** The JSON text DuckDB returns: a root, the EXPLAIN_ANALYZE wrapper, then the query's own plan. */
const explain = (top: unknown, latency = 0) =>
  JSON.stringify({ latency, children: [op({ operator_name: 'EXPLAIN_ANALYZE', operator_type: 'EXPLAIN_ANALYZE' }, [top])] });
const leaf = (name: string, time_s: number, rows = 0): PlanNode => ({ name, time_s, rows, detail: [], children: [] });

describe('parsePlan on real DuckDB output', () => {
  it('SELECT 1: drops the wrapper and keeps the two operators whole', () => {
    expect(parsePlan(SELECT_ONE_PLAN)).toEqual({
      tree: {
        name: 'PROJECTION',
        time_s: 1.974e-6,
        rows: 1,
        detail: ['Projections: 1'],
        children: [{ name: 'DUMMY_SCAN', time_s: 1.7597e-5, rows: 1, detail: [], children: [] }],
      },
      text: ['PROJECTION  rows=1  time=0.0 ms', '    Projections: 1', '  DUMMY_SCAN  rows=1  time=0.0 ms'].join('\n'),
      // DuckDB-WASM reports latency 0.0 at the root; the UI sums operator times instead (PlanPair.svelte).
      total_s: 0,
    });
  });

  it('a join with filter, group and sort: names trimmed, estimates dropped, lists joined, rows and times per operator', () => {
    const plan = parsePlan(REVENUE_BY_REGION_PLAN);
    expect(plan.total_s).toBe(0);
    expect(plan.text).toBe(
      [
        'PROJECTION  rows=6  time=0.0 ms',
        '    Projections: __internal_decompress_string(#0), #1, #2',
        '  ORDER_BY  rows=6  time=10.4 ms',
        '      Order By: sum(o.total) DESC',
        '    PROJECTION  rows=6  time=0.0 ms',
        '        Projections: __internal_compress_string_uinteger(#0), #1, #2',
        '      PROJECTION  rows=6  time=0.1 ms',
        '          Projections: __internal_decompress_string(#0), #1, #2',
        '        HASH_GROUP_BY  rows=6  time=44.1 ms',
        '            Groups: #0',
        '            Aggregates: count_star(), sum(#1)',
        '          PROJECTION  rows=398,540  time=0.1 ms',
        '              Projections: region, total',
        '            PROJECTION  rows=398,540  time=30.7 ms',
        '                Projections: #0, __internal_compress_string_uinteger(#1)',
        '              HASH_JOIN  rows=398,540  time=12.8 ms',
        '                  Join Type: INNER',
        '                  Conditions: customer_id = id',
        '                PROJECTION  rows=398,540  time=0.2 ms',
        '                    Projections: #0, #2',
        '                  FILTER  rows=398,540  time=144.3 ms',
        "                      Expression: ((status = 'completed') OR (status = 'shipped'))",
        '                    SEQ_SCAN  rows=497,918  time=56.7 ms',
        '                        Table: orders',
        '                        Type: Sequential Scan',
        '                        Projections: customer_id, status, total',
        "                        Filters: optional: status IN ('completed', 'shipped')",
        '                SEQ_SCAN  rows=9,200  time=7.9 ms',
        '                    Table: users',
        '                    Type: Sequential Scan',
        '                    Projections: id, region',
        '                    Filters: id<=9200',
      ].join('\n'),
    );
    // The text is a rendering of the tree, not a second parse.
    expect(plan.text).toBe(renderPlan(plan.tree!));
    const join = plan.tree!.children[0].children[0].children[0].children[0].children[0].children[0].children[0];
    expect(join).toMatchObject({ name: 'HASH_JOIN', time_s: 0.012812433000000002, rows: 398540 });
    expect(join.children.map((c) => c.name)).toEqual(['PROJECTION', 'SEQ_SCAN']);
    expect(join.children[1]).toEqual({
      name: 'SEQ_SCAN',
      time_s: 0.007948559999999999,
      rows: 9200,
      detail: ['Table: users', 'Type: Sequential Scan', 'Projections: id, region', 'Filters: id<=9200'],
      children: [],
    });
  });
});

describe('parsePlan edge cases', () => {
  it('reads latency as the total, and falls back from operator_name to operator_type to "?"', () => {
    const json = explain(
      op({ operator_name: '  HASH_JOIN ', operator_timing: 0.25, operator_cardinality: 7 }, [
        op({ operator_type: 'TABLE_SCAN' }),
        op({ operator_timing: 0.5 }),
      ]),
      1.5,
    );
    expect(parsePlan(json)).toEqual({
      tree: {
        name: 'HASH_JOIN',
        time_s: 0.25,
        rows: 7,
        detail: [],
        children: [leaf('TABLE_SCAN', 0), leaf('?', 0.5)],
      },
      text: ['HASH_JOIN  rows=7  time=250.0 ms', '  TABLE_SCAN  rows=0  time=0.0 ms', '  ?  rows=0  time=500.0 ms'].join('\n'),
      total_s: 1.5,
    });
  });

  it('drops nested EXPLAIN_ANALYZE wrappers, matched on type or name', () => {
    const scan = op({ operator_name: 'SEQ_SCAN', operator_cardinality: 3 });
    const nested = JSON.stringify({
      children: [op({ operator_type: 'EXPLAIN_ANALYZE' }, [op({ operator_name: 'EXPLAIN_ANALYZE' }, [scan])])],
    });
    expect(parsePlan(nested).tree).toEqual(leaf('SEQ_SCAN', 0, 3));
  });

  it('keeps a wrapper that has no children rather than losing the plan', () => {
    const json = JSON.stringify({ children: [op({ operator_type: 'EXPLAIN_ANALYZE', operator_timing: 0.001 })] });
    expect(parsePlan(json)).toEqual({
      tree: leaf('EXPLAIN_ANALYZE', 0.001),
      text: 'EXPLAIN_ANALYZE  rows=0  time=1.0 ms',
      total_s: 0,
    });
  });

  it('a root without operators is an empty plan', () => {
    const empty: Plan = { tree: null, text: '', total_s: 0 };
    expect(parsePlan('{}')).toEqual(empty);
    expect(parsePlan('{"children": []}')).toEqual(empty);
    expect(parsePlan('{"latency": 0.2, "children": []}')).toEqual({ ...empty, total_s: 0.2 });
  });

  it('shows at most four detail lines of at most 120 characters, without the estimated cardinality', () => {
    const long = 'x'.repeat(200);
    const json = explain(
      op({
        operator_name: 'PROJECTION',
        extra_info: {
          'Estimated Cardinality': '100',
          Projections: [long, 'b'],
          Exact: 'y'.repeat(120 - 'Exact: '.length),
          Number: 5,
          Flag: true,
          Fifth: 'cut',
        },
      }),
    );
    const detail = parsePlan(json).tree!.detail;
    expect(detail).toEqual([
      `Projections: ${'x'.repeat(120 - 1 - 'Projections: '.length)}…`,
      `Exact: ${'y'.repeat(113)}`,
      'Number: 5',
      'Flag: true',
    ]);
    expect(detail.map((d) => d.length)).toEqual([120, 120, 9, 10]);
  });

  it('rejects text that is not JSON', () => {
    expect(() => parsePlan('')).toThrow(SyntaxError);
    expect(() => parsePlan('Physical Plan\n┌───────────┐')).toThrow(SyntaxError);
  });
});

describe('renderPlan', () => {
  const tree: PlanNode = {
    name: 'HASH_JOIN',
    time_s: 0.0123,
    rows: 1_234_567,
    detail: ['Join Type: INNER'],
    children: [{ ...leaf('SEQ_SCAN', 0.00004, 10), detail: ['Table: users'] }, leaf('SEQ_SCAN', 2, 0)],
  };

  it('indents children by two spaces and details by four more, with en-US row counts and ms to one decimal', () => {
    expect(renderPlan(tree)).toBe(
      [
        'HASH_JOIN  rows=1,234,567  time=12.3 ms',
        '    Join Type: INNER',
        '  SEQ_SCAN  rows=10  time=0.0 ms',
        '      Table: users',
        '  SEQ_SCAN  rows=0  time=2000.0 ms',
      ].join('\n'),
    );
  });

  it('starts at the depth it is given', () => {
    expect(renderPlan(leaf('FILTER', 0.00105, 2), 2)).toBe('    FILTER  rows=2  time=1.1 ms');
  });
});

describe('hottest', () => {
  it('the real join plan: the three operators with the most time of their own, anywhere in the tree', () => {
    expect(hottest(parsePlan(REVENUE_BY_REGION_PLAN)).map((n) => [n.name, n.time_s])).toEqual([
      ['FILTER', 0.14427925600000002],
      ['SEQ_SCAN', 0.05668701499999999],
      ['HASH_GROUP_BY', 0.04409868499999996],
    ]);
  });

  it('takes n operators, all of them when there are fewer, and none of an empty plan', () => {
    const plan = parsePlan(SELECT_ONE_PLAN);
    expect(hottest(plan, 1).map((n) => n.name)).toEqual(['DUMMY_SCAN']);
    expect(hottest(plan, 10).map((n) => n.name)).toEqual(['DUMMY_SCAN', 'PROJECTION']);
    expect(hottest(plan, 0)).toEqual([]);
    expect(hottest({ tree: null, text: '', total_s: 0 })).toEqual([]);
  });

  it('keeps tree order among operators with equal times', () => {
    const tree: PlanNode = { ...leaf('A', 1), children: [leaf('B', 2), { ...leaf('C', 1), children: [leaf('D', 2)] }] };
    expect(hottest({ tree, text: '', total_s: 0 }, 4).map((n) => n.name)).toEqual(['B', 'D', 'A', 'C']);
  });
});
