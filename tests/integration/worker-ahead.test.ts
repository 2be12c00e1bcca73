// The page's worker measures a task's reference ahead of the first step while no call comes (src/worker/host.ts), on
// the real engine: only after a quiet moment, stopped when a call arrives, and never for an agent's worker (no
// AheadOptions) or under the HTTP server's measurement gate.
import { afterEach, describe, expect, it } from 'vitest';
import { OPEN_GATE } from '../../src/env/timing.ts';
import type { StepResult } from '../../src/env/types.ts';
import { loadDuckDBTimed } from '../../src/node/load-duckdb.ts';
import { readTaskFiles } from '../../src/node/task-files.ts';
import { AHEAD, AHEAD_MARK, type AheadOptions, createWorkerApi } from '../../src/worker/host.ts';
import { TEST_EXECUTOR, TEST_JUDGED_SEED } from './fixtures.ts';

// Only a hang takes this long: the measurement ahead takes a few seconds at most on a busy machine.
const HANG_MS = 120_000;
const TASK = 'task_1_basic_antipatterns';
const FIX = `SELECT id, customer_id, product_id, status, total, created_at FROM orders
WHERE customer_id = 5000 AND created_at >= DATE '2024-01-01' AND created_at < DATE '2025-01-01'`;
const QUIET_MS = AHEAD.quietMs;

const marks = () => performance.getEntriesByName(AHEAD_MARK).length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(done: () => boolean): Promise<void> {
  const t0 = performance.now();
  while (!done()) {
    if (performance.now() - t0 > HANG_MS) throw new Error('hung');
    await sleep(50);
  }
}

/** A booted worker API in this thread, and a count of the steps of work ahead it took. */
async function booted(ahead: Partial<AheadOptions> | null, gate?: typeof OPEN_GATE) {
  const counted = { steps: 0 };
  const options = ahead && { ...AHEAD, ...ahead, onStep: () => void counted.steps++ };
  const api = createWorkerApi(loadDuckDBTimed, readTaskFiles(), { executor: TEST_EXECUTOR, judgedSeed: TEST_JUDGED_SEED, gate }, options);
  await api.boot(() => {});
  await api.hidden();
  return { api, counted };
}

afterEach(() => performance.clearMarks(AHEAD_MARK));

describe('the reference measured ahead by the page’s worker', () => {
  it('runs after a quiet moment following a reset; the first step then finds it known and measures nothing more', async () => {
    const { api, counted } = await booted({});
    expect((await api.call('reset', { task_id: TASK })).response.ok).toBe(true);
    expect(counted.steps).toBe(0);
    await until(() => marks() === 1);
    // The warm-up, at least six pairs and the original's ten checks, each a step with a pause after it.
    expect(counted.steps).toBeGreaterThanOrEqual(1 + 6 + 10);
    const step = await api.call('step', { optimized_query: FIX, approved: true });
    expect(step.response.ok).toBe(true);
    expect((step.response as { ok: true; result: StepResult }).result.reward.reference_speedup).toEqual(expect.any(Number));
    expect((step.snapshot as { reference_timings: unknown[] }).reference_timings).toHaveLength(1);
    // Known now: the quiet moment after the step finds nothing to do (one step that measures nothing, no mark).
    const after = counted.steps;
    await until(() => counted.steps > after);
    await sleep(QUIET_MS * 2);
    expect([marks(), counted.steps]).toEqual([1, after + 1]);
  }, 300_000);

  it('stops at the next step when a call arrives, and starts again after the next quiet moment', async () => {
    const { api, counted } = await booted({});
    await api.call('reset', { task_id: 'task_4_implicit_join' });
    await until(() => counted.steps >= 2);
    const state = await api.call('state', {});
    expect(state.response.ok).toBe(true);
    // Stopped: within the quiet moment after the call, no further step.
    const stopped = counted.steps;
    expect(marks()).toBe(0);
    await sleep(QUIET_MS / 2);
    expect(counted.steps).toBe(stopped);
    await until(() => marks() === 1);
  }, 300_000);

  it('ends the work at a step that took too long, so a call never waits long behind it', async () => {
    // Every step is "too long" here: the work ends after the first, and the first step measures the reference itself.
    const { api, counted } = await booted({ roundMs: 0 });
    await api.call('reset', { task_id: TASK });
    await until(() => counted.steps >= 1);
    await sleep(QUIET_MS * 2);
    expect([counted.steps, marks()]).toEqual([1, 0]);
    const step = await api.call('step', { optimized_query: FIX, approved: true });
    expect((step.snapshot as { reference_timings: unknown[] }).reference_timings).toHaveLength(1);
  }, 300_000);

  it('never runs under a measurement gate (the HTTP pool), nor without AheadOptions (an agent’s worker)', async () => {
    for (const { api, counted } of [await booted({}, { ...OPEN_GATE }), await booted(null)]) {
      await api.call('reset', { task_id: TASK });
      await sleep(QUIET_MS * 4);
      expect([counted.steps, marks()]).toEqual([0, 0]);
    }
  }, 300_000);
});
