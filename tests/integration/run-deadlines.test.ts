// Per-episode run deadlines on the real engine: chosen at reset, they bind the runs of execute as of step (a query that
// never ends is cancelled at the episode's deadline, not the session's), and a snapshot carries them across a restore.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from '../../src/env/environment.ts';
import { DEFAULT_EXECUTOR, wireDeadlines } from '../../src/env/executor.ts';
import { RUNAWAY_RUN_DEADLINE_MS, TEST_EXECUTOR, makeEnv, ok } from './fixtures.ts';

const TASK = 'task_1_basic_antipatterns';
/** Never finishes (every order with every event), and has the original's columns, so it reaches the checked runs. */
const RUNAWAY = 'SELECT o.id, o.customer_id, o.product_id, o.status, o.total, o.created_at FROM orders o, events e';
const SESSION = wireDeadlines({ ...DEFAULT_EXECUTOR, ...TEST_EXECUTOR });
const CHOSEN = { run_ms: RUNAWAY_RUN_DEADLINE_MS, factor: 20 };

let env: Environment;
beforeAll(async () => {
  env = await makeEnv();
});

describe('per-episode run deadlines', () => {
  it("are the session's until an episode chooses its own, and state reports those in force", () => {
    expect(ok(env.state()).deadlines).toEqual(SESSION);
    ok(env.reset({ task_id: TASK, deadlines: CHOSEN }));
    expect(ok(env.state()).deadlines).toEqual({ ...SESSION, ...CHOSEN });
  });

  it("cancel execute's runs at the episode's run deadline (the session's is two minutes)", () => {
    ok(env.reset({ task_id: TASK, deadlines: CHOSEN }));
    const x = ok(env.execute({ task_id: TASK, optimized_query: RUNAWAY }));
    expect([x.optimized_error, x.timed_out]).toEqual(['TIMEOUT: cancelled after 3.0 s', true]);
  });

  it('survive a snapshot and restore; a snapshot saved before they existed restores with the session deadlines', () => {
    ok(env.reset({ task_id: TASK, seed: 3, deadlines: CHOSEN }));
    const snap = env.snapshot();
    ok(env.reset({ task_id: TASK }));
    ok(env.restore(snap));
    expect([ok(env.state()).seed, ok(env.state()).deadlines]).toEqual([3, { ...SESSION, ...CHOSEN }]);
    const { deadlines: _, ...older } = snap.episode!;
    ok(env.restore({ ...snap, episode: older }));
    expect([ok(env.state()).seed, ok(env.state()).deadlines]).toEqual([3, SESSION]);
  });
});
