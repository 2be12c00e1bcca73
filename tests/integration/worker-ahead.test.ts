// The worker measures a task's reference ahead of the first step while no call comes (src/worker/host.ts), on the real
// engine: only after a quiet moment, dropped when a call arrives, never under the HTTP server's measurement gate.
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

const marks = () => performance.getEntriesByName(AHEAD_MARK).length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(done: () => boolean): Promise<void> {
  const t0 = performance.now();
  while (!done()) {
    if (performance.now() - t0 > HANG_MS) throw new Error('hung');
    await sleep(50);
  }
}

const QUIET_MS = AHEAD.quietMs;

async function booted(gate?: typeof OPEN_GATE, ahead: AheadOptions = AHEAD) {
  const api = createWorkerApi(loadDuckDBTimed, readTaskFiles(), { executor: TEST_EXECUTOR, judgedSeed: TEST_JUDGED_SEED, gate }, ahead);
  await api.boot(() => {});
  await api.hidden();
  return api;
}

afterEach(() => performance.clearMarks(AHEAD_MARK));

describe('the reference measured ahead by the worker', () => {
  it('runs after a quiet moment following a reset, and the first step is answered with that timing', async () => {
    const api = await booted();
    expect((await api.call('reset', { task_id: TASK })).response.ok).toBe(true);
    expect(marks()).toBe(0);
    await until(() => marks() === 1);
    const step = await api.call('step', { optimized_query: FIX, approved: true });
    expect(step.response.ok).toBe(true);
    const result = (step.response as { ok: true; result: StepResult }).result;
    expect(result.reward.reference_speedup).toEqual(expect.any(Number));
    expect((step.snapshot as { reference_timings: unknown[] }).reference_timings).toHaveLength(1);
    // Known now: quiet moments after the step measure nothing more.
    await sleep(QUIET_MS * 3);
    expect(marks()).toBe(1);
  }, 300_000);

  it('answers a call that arrives meanwhile at once, and takes the work up again after the next quiet moment', async () => {
    const api = await booted();
    await api.call('reset', { task_id: 'task_4_implicit_join' });
    // Past the quiet moment the measurement is under way; a call now is answered, and the work ahead stops.
    await sleep(QUIET_MS + 100);
    const state = await api.call('state', {});
    expect(state.response.ok).toBe(true);
    // Answered before the measurement ahead (the warm-up and six pairs or more) could have ended.
    expect(marks()).toBe(0);
    await until(() => marks() === 1);
  }, 300_000);

  it('ends the work at a round that took too long, so a call never waits long behind it', async () => {
    // Every round is "too long" here: the work stops after the first, and the step measures the reference itself.
    const api = await booted(undefined, { ...AHEAD, roundMs: 0 });
    await api.call('reset', { task_id: TASK });
    await sleep(QUIET_MS * 4);
    expect(marks()).toBe(0);
    const step = await api.call('step', { optimized_query: FIX, approved: true });
    expect((step.snapshot as { reference_timings: unknown[] }).reference_timings).toHaveLength(1);
  }, 300_000);

  it('never runs under a measurement gate (the HTTP pool), where its rounds would hold other workers', async () => {
    const api = await booted({ ...OPEN_GATE });
    await api.call('reset', { task_id: TASK });
    await sleep(QUIET_MS * 4);
    expect(marks()).toBe(0);
  }, 300_000);
});
