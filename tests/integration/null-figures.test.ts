// Design §5 on the real engine: every path that leaves a figure null (a rewrite that errors, times out or returns other
// columns, execute's unjudged hidden data, a failing original, grade's reference, a task without a credible step)
// states the reason beside it, and the paths that measure everything (a wrong result, a no-op, a fix) state none.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from '../../src/env/environment.ts';
import type { Executor } from '../../src/env/executor.ts';
import { NO_CREDIBLE_STEP } from '../../src/env/leaderboard.ts';
import { OPS, type OpName } from '../../src/env/ops.ts';
import { EXECUTION_FIGURES, type ExecutionResult } from '../../src/env/types.ts';
import { WHY_NULL } from '../../src/env/verdict.ts';
import { nullsWithoutReason } from '../contract/null-figures.ts';
import { RUNAWAY_RUN_DEADLINE_MS, action, makeEnv, ok } from './fixtures.ts';

const TASK = 'task_1_basic_antipatterns';
const COLUMNS = 'id, customer_id, product_id, status, total, created_at';
const FIX = `SELECT ${COLUMNS} FROM orders
WHERE customer_id = 5000 AND created_at >= DATE '2024-01-01' AND created_at < DATE '2025-01-01'`;
/** Never finishes: every order with every event (5·10¹¹ rows), in the original's columns so it reaches the checked runs. */
const RUNAWAY = `SELECT o.${COLUMNS.split(', ').join(', o.')} FROM orders o, events e`;
/** Timings and rows that a rewrite which never ran cannot have. */
const NOT_RUN = ['original_ms', 'optimized_ms', 'speedup', 'speedup_ci', 'original_rows', 'optimized_rows'];

let env: Environment;
beforeAll(async () => {
  env = await makeEnv();
});

/** The answer of `op` satisfies the rule wherever it carries a figure (the contract's own checker). */
function explained<T>(op: OpName, result: T): T {
  expect(nullsWithoutReason(OPS[op].result, result)).toEqual([]);
  return result;
}
const nullFigures = (x: ExecutionResult) => EXECUTION_FIGURES.filter((k) => x[k] === null);
const each = (keys: readonly string[], reason: string) => Object.fromEntries(keys.map((k) => [k, reason]));

/** A step of a fresh episode (task 1 has three), checked against the rule. */
function stepped(sql: string, deadlines: { run_ms: number } | null = null): ExecutionResult {
  ok(env.reset({ task_id: TASK, deadlines }));
  return explained('step', ok(env.step(action(sql)))).observation.last_execution!;
}

describe('no null figure without its reason beside it', () => {
  it('a task without a credible step, and grade (which measures no reference), say why', () => {
    ok(env.reset({ task_id: TASK }));
    const graded = explained('grade', ok(env.grade(action(FIX))));
    expect([graded.reward.reference_speedup, graded.reward.practice_score, Object.keys(graded.reward.why_null)]).toEqual([
      null,
      null,
      ['reference_speedup', 'practice_score'],
    ]);
    stepped('SELECT nope FROM orders');
    const row = explained('leaderboard', ok(env.leaderboard())).find((r) => r.task_id === TASK)!;
    expect([row.best_correct_speedup, row.why_null]).toEqual([null, { best_correct_speedup: NO_CREDIBLE_STEP }]);
  });

  it('a fix measures every figure, and its leaderboard row and verify carry no reason', () => {
    const x = stepped(FIX);
    expect([nullFigures(x), x.why_null, x.results_match, x.holdout_match]).toEqual([[], {}, true, true]);
    const row = explained('leaderboard', ok(env.leaderboard())).find((r) => r.task_id === TASK)!;
    expect([typeof row.best_correct_speedup, row.why_null]).toEqual(['number', {}]);
    expect(explained('verify', ok(env.verify({ task_id: TASK }))).rerun?.why_null).toEqual({});
  });

  it('a rewrite with an SQL error', () => {
    const x = stepped('SELECT nope FROM orders');
    expect([x.optimized_error_code, nullFigures(x)]).toEqual(['SQL_ERROR', NOT_RUN]);
    expect(x.why_null).toEqual(each(NOT_RUN, WHY_NULL.rewriteFailed));
  });

  it("a rewrite cancelled at the episode's run deadline", () => {
    const x = stepped(RUNAWAY, { run_ms: RUNAWAY_RUN_DEADLINE_MS });
    // 3.0 s is the episode's deadline: the session's (two minutes) would have said 120.0 s.
    expect([x.optimized_error, x.timed_out]).toEqual(['TIMEOUT: cancelled after 3.0 s', true]);
    expect(nullFigures(x)).toEqual(NOT_RUN);
    expect(x.why_null).toEqual(each(NOT_RUN, WHY_NULL.rewriteFailed));
  });

  it('a wrong result is measured in full, so it has no reason to give', () => {
    const x = stepped(FIX.replace('5000', '5001'));
    expect([x.results_match, nullFigures(x), x.why_null]).toEqual([false, [], {}]);
  });

  it('a rewrite whose columns differ is timed but its rows are never counted', () => {
    const x = stepped('SELECT id FROM orders WHERE customer_id = 5000');
    expect([x.results_match, x.holdout_match, nullFigures(x)]).toEqual([false, false, ['original_rows', 'optimized_rows']]);
    expect(x.why_null).toEqual(each(['original_rows', 'optimized_rows'], WHY_NULL.columnsDiffer));
  });

  it('execute checks the visible data only: the hidden verdict is null, and says so', () => {
    const x = explained('execute', ok(env.execute({ task_id: TASK, optimized_query: FIX })));
    expect([x.results_match, nullFigures(x), x.why_null]).toEqual([true, ['holdout_match'], { holdout_match: WHY_NULL.notJudged }]);
  });

  it('a no-op is measured in full', () => {
    const x = stepped(`SELECT * FROM orders WHERE CAST(customer_id AS VARCHAR) = '5000' AND year(created_at) = 2024`);
    expect([x.noop, nullFigures(x), x.why_null]).toEqual([true, [], {}]);
  });

  it("a failing original leaves every figure null, each blamed on the original; the call's deadline changed nothing shared", () => {
    const executor = (env as unknown as { executor: Executor }).executor;
    const before = { ...executor.options };
    const x = executor.compare('SELECT count(*) FROM events a, events b', 'SELECT 1', {
      orderSensitive: false,
      judge: true,
      withPlans: false,
      deadlines: { originalDeadlineMs: RUNAWAY_RUN_DEADLINE_MS },
    });
    explained('execute', x);
    expect(x.original_error).toBe('TIMEOUT: cancelled after 3.0 s');
    expect(x.why_null).toEqual(each(EXECUTION_FIGURES, WHY_NULL.originalFailed));
    expect(executor.options).toEqual(before);
  });

  it("the episode's history in state carries every reason", () => {
    const s = explained('state', ok(env.state()));
    expect(s.history.length).toBeGreaterThan(0);
  });
});
