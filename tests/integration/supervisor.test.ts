// The shared Supervisor over a real Node worker: hangs and wasm traps fail the call clearly, a new worker
// regenerates the data (the hidden data in the background: a step waits for it), and the episode and leaderboard are
// restored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OP_NAMES } from '../../src/env/ops.ts';
import { startSupervised } from '../../src/node/spawn.ts';
import type { Supervisor } from '../../src/worker/supervisor.ts';
import { TEST_EXECUTOR, action } from './fixtures.ts';

const TASK = 'task_1_basic_antipatterns';
/**
 * The hard deadline of grade, the call the runaway is sent with (execute, used by the trap and the last check, keeps an
 * honest deadline): far below the engine's own cancel, so the supervisor is what stops the runaway.
 */
const HANG_DEADLINE_MS = 4_000;
/** Every honest call (reset, step, execute, the restore after a restart…) may take this long before it counts as a hang. */
const HONEST_CALL_DEADLINE_MS = 300_000;
let sup: Supervisor;
const notices: string[] = [];

beforeAll(async () => {
  const honest = Object.fromEntries(OP_NAMES.map((op) => [op, HONEST_CALL_DEADLINE_MS]));
  sup = await startSupervised({ executor: TEST_EXECUTOR }, { ...honest, grade: HANG_DEADLINE_MS });
  sup.events.on('notice', (n) => notices.push(n.text));
});
afterAll(() => sup?.close());

describe('supervisor (Node worker)', () => {
  it('restores the episode after a call that overruns its hard deadline', async () => {
    expect((await sup.call('reset', { task_id: TASK, seed: 4 })).ok).toBe(true);
    const step = await sup.call('step', action('SELECT * FROM orders WHERE customer_id = 2345 AND year(created_at) = 2024'));
    expect(step.ok).toBe(true);
    const t0 = performance.now();
    const hung = await sup.call('grade', action('SELECT count(*) FROM events a, events b'));
    // Answered by the supervisor's 4 s deadline, long before the engine's own cancel would have stopped the query.
    expect(performance.now() - t0).toBeLessThan(TEST_EXECUTOR.runDeadlineMs);
    expect(hung).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(!hung.ok && hung.error.message).toMatch(
      /^TIMEOUT: grade did not finish within 4 s; the engine was restarted and the episode restored/,
    );
    const state = await sup.call('state');
    expect(state.ok && [state.result.task_id, state.result.seed, state.result.step_count, state.result.history.length]).toEqual([
      TASK,
      4,
      1,
      1,
    ]);
    expect(notices.filter((n) => /restarted/.test(n))).toHaveLength(1);
  });

  it('restarts after a wasm trap and keeps the leaderboard', async () => {
    // A list over 2 GiB traps the wasm instance whatever memory_limit says (design §2).
    const trapped = await sup.call('execute', { task_id: TASK, optimized_query: 'SELECT range(300000000)' });
    expect(trapped).toMatchObject({ ok: false, error: { code: 'ENGINE_RESTARTED' } });
    expect(!trapped.ok && trapped.error.message).toMatch(/crashed.*restored/);
    const board = await sup.call('leaderboard');
    expect(board.ok && board.result.map((r) => [r.task_id, r.attempts])).toEqual([[TASK, 1]]);
  });

  it('answers normally afterwards, on regenerated identical data', async () => {
    // the episode's variant (seed 4: customer 8888, 2024) is what execute compares against
    const r = await sup.call('execute', {
      task_id: TASK,
      optimized_query: "SELECT * FROM orders WHERE customer_id = 8888 AND created_at >= DATE '2024-01-01'",
    });
    expect(r.ok && [r.result.results_match, r.result.holdout_match]).toEqual([true, null]); // execute: visible data only
    expect(sup.status.kind === 'ready' && sup.status.info.tables.find((t) => t.name === 'orders')?.rows).toBe(500_500);
  });

  it('Stop ends every call that runs queries or changes the episode asked for before it, and lets a read run', async () => {
    // Neither call has reached the worker when Stop comes (each still awaits the first boot's promise). Before the fix
    // the runaway then ran on the replacement worker until the engine's own cancel (a Run pressed just before Stop).
    const runaway = sup.call('execute', { task_id: TASK, optimized_query: 'SELECT count(*) FROM events a, events b' });
    const hint = sup.call('hint', {});
    const read = sup.call('state');
    sup.abort();
    const refused = await runaway;
    // Refused without waiting for the replacement worker, which is still generating its data.
    expect(sup.status.kind).toBe('booting');
    expect(!refused.ok && refused.error.message).toMatch(/^ENGINE_RESTARTED: stopped by you; the episode was restored/);
    // A hint is light but changes the episode (it costs later steps a little): refused too.
    const unopened = await hint;
    expect(!unopened.ok && unopened.error.message).toMatch(/^ENGINE_RESTARTED: stopped by you/);
    // The read runs on the new worker, on the episode as it was.
    const state = await read;
    expect(state.ok && [state.result.task_id, state.result.step_count]).toEqual([TASK, 1]);
  });

  it('judges a step sent while a replaced worker still generates its hidden data, once that is ready', async () => {
    // A replaced worker answers once its visible data is ready; its hidden data follows in the background.
    sup.abort();
    expect((await sup.call('state')).ok).toBe(true);
    const hiddenWhenSent = sup.status.kind === 'ready' && sup.status.hidden.kind;
    const step = await sup.call(
      'step',
      action("SELECT * FROM orders WHERE customer_id = 8888 AND created_at >= DATE '2024-01-01' AND created_at < DATE '2025-01-01'"),
    );
    expect(hiddenWhenSent).toBe('preparing');
    expect(
      step.ok && [step.result.observation.last_execution?.results_match, step.result.observation.last_execution?.holdout_match],
    ).toEqual([true, true]);
    const hidden = sup.status.kind === 'ready' ? sup.status.hidden : null;
    expect(hidden?.kind === 'ready' && hidden.judged_generation_ms).toBeGreaterThan(0);
  });
});
