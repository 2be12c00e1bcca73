// The checker of design §5's rule (null-figures.ts) itself: it finds every nullable figure each op can answer, and it
// fails on a bare null, a stale reason and a reason for no figure, so the contract that relies on it can fail.
import { describe, expect, it } from 'vitest';
import { EXPOSED_OPS, OPS } from '../../src/env/ops.ts';
import { EXECUTION_FIGURES, ExecutionResult, LeaderboardRow, Reward, SCALE_FIGURES } from '../../src/env/types.ts';
import { WHY_NULL, emptyExecution, explainNulls } from '../../src/env/verdict.ts';
import { nullableFigures, nullsWithoutReason } from './null-figures.ts';

const names = (paths: string[]) => paths.map((p) => p.split('.').at(-1));
const execution = (r: Record<string, string> = {}) => ({ ...emptyExecution(false), optimized_error: 'SQL_ERROR: x', ...r });

describe('the nullable figures of every answer', () => {
  it('are those of ExecutionResult, a reward and a leaderboard row, each object declaring why_null for exactly them', () => {
    expect(names(nullableFigures(ExecutionResult))).toEqual([...EXECUTION_FIGURES]);
    expect(names(nullableFigures(Reward))).toEqual(['reference_speedup', 'practice_score']);
    expect(names(nullableFigures(LeaderboardRow))).toEqual(['best_correct_speedup']);
    for (const shape of [ExecutionResult, Reward, LeaderboardRow]) {
      const declared = Object.keys(shape.shape.why_null.unwrap().keyType.enum);
      expect(declared).toEqual(names(nullableFigures(shape)));
    }
  });

  it('are found in every op that answers one (a new nullable figure anywhere fails here until it is explained)', () => {
    const ex = EXECUTION_FIGURES.map((k) => k as string);
    const under = (prefix: string) => ex.map((k) => `${prefix}.${k}`);
    expect(Object.fromEntries(EXPOSED_OPS.map((op) => [op, nullableFigures(OPS[op].result)]))).toEqual({
      tasks: [],
      reset: under('result.last_execution'),
      step: [...under('result.observation.last_execution'), 'result.reward.reference_speedup', 'result.reward.practice_score'],
      state: [
        ...under('result.history[].execution'),
        'result.history[].reward.reference_speedup',
        'result.history[].reward.practice_score',
      ],
      grade: [...under('result.observation.last_execution'), 'result.reward.reference_speedup', 'result.reward.practice_score'],
      execute: under('result'),
      scale: SCALE_FIGURES.map((k) => `result.points[].${k}`),
      leaderboard: ['result[].best_correct_speedup'],
      verify: under('result.rerun'),
      sample: [],
      schema: [],
      hint: [],
      solution: [],
    });
  });
});

describe('nullsWithoutReason', () => {
  it('passes an execution whose null figures are all explained', () => {
    const r = execution();
    expect(nullsWithoutReason(ExecutionResult, { ...r, why_null: explainNulls(r) })).toEqual([]);
  });

  it('names a null figure without a reason, also deep inside an answer', () => {
    const r = execution();
    const { original_ms: _, ...partial } = explainNulls(r);
    expect(nullsWithoutReason(ExecutionResult, { ...r, why_null: partial })).toEqual([
      'result.original_ms is null with no reason in result.why_null',
    ]);
    const state = OPS.state.result;
    const history = [{ execution: { ...r, why_null: {} } }];
    expect(nullsWithoutReason(state, { history }).filter((m) => m.includes('speedup_ci'))).toEqual([
      'result.history[0].execution.speedup_ci is null with no reason in result.history[0].execution.why_null',
    ]);
  });

  it('refuses an empty reason, a reason beside a number and a reason for no figure', () => {
    const r = { ...execution(), original_ms: 12.5 };
    const why = { ...explainNulls(r), optimized_ms: ' ', original_ms: WHY_NULL.rewriteFailed, verdict: 'x' };
    expect(nullsWithoutReason(ExecutionResult, { ...r, why_null: why })).toEqual([
      'result.why_null.original_ms explains a figure that is not null (12.5)',
      'result.optimized_ms is null with no reason in result.why_null',
      'result.why_null.verdict names no nullable figure of result',
    ]);
  });

  it('does not count a null seed (it names the canonical variant) as a figure', () => {
    expect(nullsWithoutReason(OPS.reset.result, { seed: null, last_execution: null })).toEqual([]);
  });
});
