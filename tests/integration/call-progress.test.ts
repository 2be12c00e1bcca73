// Progress from inside a call, on the real engine: a step tells its phases in order, timing pairs count up by one to
// the pairs it measured (never past maxPairs), reports carry phase names and counts only, and without a callback the
// call answers as before.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from '../../src/env/environment.ts';
import type { CallProgress } from '../../src/env/progress.ts';
import type { ExecutionResult, StepResult } from '../../src/env/types.ts';
import { TEST_EXECUTOR, action, makeEnv, ok } from './fixtures.ts';

const TASK = 'task_1_basic_antipatterns';
const FIX = `SELECT id, customer_id, product_id, status, total, created_at FROM orders
WHERE customer_id = 5000 AND created_at >= DATE '2024-01-01' AND created_at < DATE '2025-01-01'`;

let env: Environment;
let reports: CallProgress[];
let step: StepResult;
beforeAll(async () => {
  env = await makeEnv();
  ok(env.reset({ task_id: TASK }));
  reports = [];
  step = ok(env.call('step', action(FIX), (p) => reports.push(p))) as StepResult;
});

/** The counts of one phase's pair reports, in order. */
const counts = (phase: CallProgress['phase']) => reports.filter((p) => p.phase === phase && p.done !== undefined).map((p) => p.done);

describe('call progress', () => {
  it('tells a step its phases in order, each phase once as a block', () => {
    const phases = reports.map((p) => p.phase).filter((p, i, all) => p !== all[i - 1]);
    // The episode's first step times the task's reference in its own rounds: no 'reference' loop follows.
    expect(phases).toEqual(['check', 'warm-up', 'timing', 'hidden', 'plans']);
    expect(step.reward.reference_speedup).not.toBeNull();
  });

  it('counts timing pairs up by one to the pairs measured, out of at most maxPairs', () => {
    const pairs = (step.observation.last_execution as ExecutionResult).pairs!;
    expect(counts('timing')).toEqual(Array.from({ length: pairs }, (_, i) => i + 1));
    expect(pairs).toBeLessThanOrEqual(TEST_EXECUTOR.maxPairs);
    for (const p of reports.filter((r) => r.phase === 'timing')) expect(p.total).toBe(TEST_EXECUTOR.maxPairs);
  });

  it('carries phase names and counts only', () => {
    for (const p of reports) expect(Object.keys(p).every((k) => ['phase', 'done', 'total'].includes(k))).toBe(true);
    expect(reports.filter((p) => p.phase === 'hidden')).toEqual([{ phase: 'hidden' }]);
  });

  it('answers as before without a callback', () => {
    const r = ok(env.call('execute', { task_id: TASK, optimized_query: FIX })) as ExecutionResult;
    expect(r.results_match).toBe(true);
    expect(r.pairs).toBeGreaterThanOrEqual(TEST_EXECUTOR.minPairs);
  });
});
