// Supervisor.swapEpisode over a real Node worker: the page parks one task's episode while another is played, and takes
// it back with the leaderboard as it is now (never rolled back to when the episode was parked); a reset says what it
// replaced, so an episode thrown away by anyone's reset can be kept aside.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSupervised } from '../../src/node/spawn.ts';
import type { CallEvent, Supervisor } from '../../src/worker/supervisor.ts';
import { TEST_EXECUTOR, action } from './fixtures.ts';

const TASK1 = 'task_1_basic_antipatterns';
const TASK3 = 'task_3_wildcard_scan';
let sup: Supervisor;

beforeAll(async () => {
  sup = await startSupervised({ executor: TEST_EXECUTOR });
});
afterAll(() => sup?.close());

describe('swapEpisode', () => {
  it('parks an episode and takes it back with the current leaderboard', async () => {
    expect((await sup.call('reset', { task_id: TASK1, seed: 3 })).ok).toBe(true);
    expect((await sup.call('step', action('SELECT * FROM orders WHERE customer_id = 2345'))).ok).toBe(true);

    // Park task 1: the worker is left with no episode, and the answer is the episode it held.
    const parked = await sup.swapEpisode(null);
    expect(parked.ok && parked.result).toMatchObject({ task_id: TASK1, seed: 3, step_count: 1 });
    const empty = await sup.call('state');
    expect(empty.ok && empty.result.task_id).toBeNull();

    // Another task scores meanwhile.
    expect((await sup.call('reset', { task_id: TASK3 })).ok).toBe(true);
    expect((await sup.call('step', action('SELECT * FROM events'))).ok).toBe(true);

    // Task 1 back: its episode as it was, and the leaderboard keeps task 3's row.
    const back = await sup.swapEpisode(parked.ok ? parked.result : null);
    expect(back.ok && back.result).toMatchObject({ task_id: TASK3, step_count: 1 });
    const state = await sup.call('state');
    expect(state.ok && [state.result.task_id, state.result.seed, state.result.step_count, state.result.history.length]).toEqual([
      TASK1,
      3,
      1,
      1,
    ]);
    const board = await sup.call('leaderboard');
    expect(board.ok && board.result.map((r) => r.task_id).sort()).toEqual([TASK1, TASK3]);
    // What a respawn would restore is the swapped-in state.
    expect((sup.snapshot as { episode: { task_id: string } }).episode.task_id).toBe(TASK1);
  });

  it('refuses a parked episode that does not parse, and changes nothing', async () => {
    const r = await sup.swapEpisode({ task_id: 42 });
    expect(r.ok).toBe(false);
    const state = await sup.call('state');
    expect(state.ok && state.result.task_id).toBe(TASK1);
  });

  it("a reset's call event carries the episode it replaced, whoever called", async () => {
    const events: CallEvent[] = [];
    const off = sup.events.on('call', (e) => events.push(e));
    expect((await sup.call('reset', { task_id: TASK3 })).ok).toBe(true);
    off();
    expect(events.map((e) => [e.op, e.origin])).toEqual([['reset', 'outside']]);
    expect(events[0]!.replaced).toMatchObject({ task_id: TASK1, seed: 3, step_count: 1 });
  });
});
