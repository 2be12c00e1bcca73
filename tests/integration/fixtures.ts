// Shared set-up for integration tests: a real DuckDB-WASM environment with both datasets generated (one per test file).
import { createNodeEnvironment, loadInstances } from '../../src/node/create.ts';
import { DEFAULT_EXECUTOR, Executor, type Rig } from '../../src/env/executor.ts';
import { createRig } from '../../src/env/setup.ts';
import type { EnvOptions, Environment } from '../../src/env/environment.ts';
import type { Action } from '../../src/env/types.ts';

/**
 * The engine's own cancel for honest queries, which do finish: it is there to catch a hang, never to judge speed. The
 * slowest honest run measured was 2.2 s with both cores busy (stress-ng --cpu 2 beside the suite's two forks; task 5),
 * and a whole comparison of task 5 took up to 35 s on a busier machine still; two minutes is far above either.
 */
export const HONEST_RUN_DEADLINE_MS = 120_000;

/**
 * The cancel for queries that never finish (a cross join of events, unbounded recursion): it only sets how long such a
 * test waits. The honest queries that share such a call (DESCRIBE, task 1's original) take milliseconds even under load.
 */
export const RUNAWAY_RUN_DEADLINE_MS = 3_000;

/**
 * Budgets small enough to keep a test file fast, large enough for honest medians: 6 interleaved pairs (the product's
 * minimum, the fewest whose interval covers 95%). Load that lasts a whole pair slows both sides alike and cancels in its
 * ratio; a speedup median of 6 flips only if 3 pairs are each disturbed by more than the true ratio. The row diff is
 * feedback with a budget of its own; here it gets the honest cancel too.
 */
export const TEST_EXECUTOR = {
  runDeadlineMs: HONEST_RUN_DEADLINE_MS,
  diffDeadlineMs: HONEST_RUN_DEADLINE_MS,
  timingBudgetMs: 1_500,
  minPairs: 6,
  maxPairs: 9,
};

/** The same budgets with the short cancel, for tests whose query must be cancelled at its run deadline. */
export const RUNAWAY_EXECUTOR = { ...TEST_EXECUTOR, runDeadlineMs: RUNAWAY_RUN_DEADLINE_MS };

/** A fixed judged seed, so a failing test can be re-run on the same hidden data. */
export const TEST_JUDGED_SEED = 7;

export function makeEnv(env: Partial<EnvOptions> = {}): Promise<Environment> {
  return createNodeEnvironment({ executor: TEST_EXECUTOR, judgedSeed: TEST_JUDGED_SEED, env });
}

/** The visible, judged and edge-case instances with their data, and an executor over them. */
export async function makeRig(): Promise<{ rig: Rig; executor: Executor }> {
  const { rig } = createRig({ dbs: await loadInstances(), judgedSeed: TEST_JUDGED_SEED });
  return { rig, executor: new Executor(rig, { ...DEFAULT_EXECUTOR, ...TEST_EXECUTOR }) };
}

/** An action with defaults for the fields a test does not care about. */
export function action(optimized_query: string, extra: Partial<Action> = {}): Action {
  return { suggestions: [], optimized_query, summary: '', estimated_improvement: '', approved: false, ...extra };
}

/** Unwraps an ok response or fails the test with the error value. */
export function ok<T>(r: { ok: true; result: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.message}`);
  return r.result;
}

/** Per-table checksums of seed 42, scale 1, as published (src/env/dataset.ts). */
export { MAIN_CHECKSUMS as MAIN_CHECKSUMS_SEED_42 } from '../../src/env/dataset.ts';
