// Shared set-up for integration tests: a real DuckDB-WASM environment with both datasets generated (one per test file).
import { createNodeEnvironment, loadInstances } from '../../src/node/create.ts';
import { DEFAULT_EXECUTOR, Executor, type Rig } from '../../src/env/executor.ts';
import { createRig } from '../../src/env/setup.ts';
import type { EnvOptions, Environment } from '../../src/env/environment.ts';
import type { Action } from '../../src/env/types.ts';

/** Budgets small enough to keep a test file fast, large enough for honest medians. */
export const TEST_EXECUTOR = { runDeadlineMs: 3_000, diffDeadlineMs: 60_000, timingBudgetMs: 1_500, minPairs: 3, maxPairs: 6 };

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

/** Per-table checksums of seed 42, scale 1, pinned: the browser test expects the same, which proves Node = browser. */
export const MAIN_CHECKSUMS_SEED_42 = {
  users: '10000:92859130517393938909354',
  products: '1000:9278579155460173360331',
  orders: '500500:4619399217733500924450408',
  events: '1001000:9231608172866153957293926',
};
