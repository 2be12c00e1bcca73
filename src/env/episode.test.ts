// The ending rule: terminated at the score threshold, truncated when steps run out first, done = either, never both;
// hints open on demand, in order, and each step records how many were open.
import { describe, expect, it } from 'vitest';
import { DONE_THRESHOLD, afterStep, deadlinesOf, ending, hintsOf, isOver, newEpisode, observe, openHint, stateOf } from './episode.ts';
import { GOAL, goalText } from './goal.ts';
import { asPractice } from './grader.ts';
import { DEFAULT_REWARD, HINT_COST, appliedWeights, parseRewardSpec } from './reward-config.ts';
import { instantiate, parseTask } from './tasks.ts';
import type { Reward } from './types.ts';
import { emptyExecution } from './verdict.ts';

describe('ending', () => {
  it.each([
    [0.5, 1, 3, { terminated: false, truncated: false, done: false }],
    [0.5, 3, 3, { terminated: false, truncated: true, done: true }],
    [DONE_THRESHOLD, 1, 3, { terminated: true, truncated: false, done: true }],
    [0.99, 3, 3, { terminated: true, truncated: false, done: true }],
    [0.9499, 2, 3, { terminated: false, truncated: false, done: false }],
  ])('score %d at step %d of %d', (score, step, max, expected) => {
    expect(ending(score, step, max)).toEqual(expected);
  });
  it('takes the threshold from the options when given', () => {
    expect(ending(0.6, 1, 3, 0.5)).toEqual({ terminated: true, truncated: false, done: true });
  });
});

describe('episode transitions', () => {
  const task = instantiate(
    parseTask(
      't',
      JSON.stringify({
        id: 't',
        name: 'T',
        difficulty: 'easy',
        max_steps: 2,
        description: 'd',
        approved_expected: true,
        decoy: true,
        hints: ['h1', 'h2', 'h3'],
        explanation: 'One sentence. Two sentences.',
        issues: [],
      }),
      'SELECT 1',
      'SELECT 1',
    ),
    null,
  );
  const action = (types: string[]) => ({
    optimized_query: 'SELECT 1',
    summary: '',
    estimated_improvement: '',
    approved: false,
    suggestions: types.map((issue_type) => ({ issue_type, line: 1, severity: 'low' as const, description: '', fix: '' })),
  });
  const reward = (score: number) =>
    ({ score, breakdown: {}, weights: {}, feedback: [], reference_speedup: null, why_null: {} }) as unknown as Reward;
  const ex = emptyExecution(false);
  const SESSION = { run_ms: 5_000, factor: 10, original_ms: 120_000, diff_ms: 10_000 };

  it('counts a step, its reward and its new issue types, and leaves the episode it was given untouched', () => {
    const fresh = newEpisode(task, DEFAULT_REWARD, null);
    const one = afterStep(fresh, action(['a', 'b', 'a']), ex, reward(0.4), DONE_THRESHOLD);
    const two = afterStep(one, action(['b', 'c']), ex, reward(0.2), DONE_THRESHOLD);
    expect([fresh.step_count, fresh.history.length, fresh.issues_found]).toEqual([0, 0, []]);
    expect([two.step_count, two.cumulative_reward, two.best_score, two.issues_found]).toEqual([
      2,
      0.6000000000000001,
      0.4,
      ['a', 'b', 'c'],
    ]);
    expect(two.history.map((h) => [h.step, h.done, h.terminated, h.truncated])).toEqual([
      [1, false, false, false],
      [2, true, false, true],
    ]);
  });

  it('terminates on a score at the threshold, before the steps run out', () => {
    const done = afterStep(newEpisode(task, DEFAULT_REWARD, null), action([]), ex, reward(0.97), DONE_THRESHOLD);
    expect([done.terminated, done.truncated, stateOf(done, SESSION).episode_done]).toEqual([true, false, true]);
  });

  it('ends a practice episode on what its step would have paid, and counts what it paid (0)', () => {
    const practice = newEpisode(task, DEFAULT_REWARD, null, null, true);
    const step = afterStep(practice, action([]), ex, asPractice(reward(0.97)), DONE_THRESHOLD);
    expect([step.terminated, step.best_score, step.cumulative_reward, step.history[0].reward.score]).toEqual([true, 0, 0, 0]);
    expect([observe(step, null, '').reference_seen, stateOf(step, SESSION).reference_seen, stateOf(null, SESSION).reference_seen]).toEqual([
      true,
      true,
      false,
    ]);
    expect(observe(newEpisode(task, DEFAULT_REWARD, null), null, '').reference_seen).toBe(false);
  });

  it('opens hints only on demand, in order, and records how many were open at each step', () => {
    const ep = newEpisode(task, DEFAULT_REWARD, null);
    const stepped = afterStep(ep, action([]), ex, reward(0), DONE_THRESHOLD);
    expect(observe(stepped, ex, 's').hints).toEqual([]);
    const two = openHint(openHint(stepped));
    expect(hintsOf(two)).toEqual({ hints: ['h1', 'h2'], hints_used: 2, hints_total: 3, hint_cost: HINT_COST });
    expect(observe(two, ex, 's')).toMatchObject({ hints: ['h1', 'h2'], hints_used: 2, hints_total: 3, hint_cost: HINT_COST, goal: GOAL });
    const after = afterStep(two, action([]), ex, reward(0), DONE_THRESHOLD);
    expect(after.history.map((h) => h.hints_used)).toEqual([0, 2]);
    expect([stateOf(after, SESSION).hints_used, stepped.hints_used]).toEqual([2, 0]);
    const all = openHint(openHint(openHint(ep)));
    expect(() => openHint(all)).toThrow('every hint of t is already open (3 of 3)');
  });

  it('refuses a hint once the episode is over, naming how it ended', () => {
    const over = afterStep(newEpisode(task, DEFAULT_REWARD, null), action([]), ex, reward(0.97), DONE_THRESHOLD);
    expect(isOver(over)).toBe(true);
    expect(() => openHint(over)).toThrow('the episode on t is over after 1 steps; call reset() to start another');
    const gaveUp = { ...newEpisode(task, DEFAULT_REWARD, null), truncated: true, gave_up: true };
    expect(() => openHint(gaveUp)).toThrow(
      'the episode on t is over after 0 steps (the solution was shown); call reset() to start another',
    );
    expect(stateOf(gaveUp, SESSION)).toMatchObject({ episode_done: true, gave_up: true, terminated: false, truncated: true });
  });

  it("shows the goal of the episode's own reward, in the observation and its task summary", () => {
    const ablation = newEpisode(task, parseRewardSpec('execution-only'), 'execution-only');
    const goal = goalText(appliedWeights(ablation.reward));
    expect([observe(ablation, null, 's').goal, stateOf(ablation, SESSION).current_task?.goal]).toEqual([goal, goal]);
    expect(goal).not.toBe(GOAL);
    expect(stateOf(newEpisode(task, DEFAULT_REWARD, null), SESSION).current_task?.goal).toBe(GOAL);
  });

  it('a state with no episode is empty', () => {
    expect(stateOf(null, SESSION)).toMatchObject({
      task_id: null,
      step_count: 0,
      episode_done: false,
      terminated: false,
      truncated: false,
      history: [],
      hints_used: 0,
      gave_up: false,
      deadlines: SESSION,
    });
  });

  it("reports the deadlines in force: the episode's choices over the session's, for a step as for a fresh episode", () => {
    const ep = newEpisode(task, DEFAULT_REWARD, null, { run_ms: 20_000, factor: 20 });
    const expected = { ...SESSION, run_ms: 20_000, factor: 20 };
    expect(stateOf(ep, SESSION).deadlines).toEqual(expected);
    expect(stateOf(afterStep(ep, action([]), ex, reward(0), DONE_THRESHOLD), SESSION).deadlines).toEqual(expected);
    expect(deadlinesOf(newEpisode(task, DEFAULT_REWARD, null, { run_ms: undefined }), SESSION)).toEqual(SESSION);
    expect(deadlinesOf(newEpisode(task, DEFAULT_REWARD, null), SESSION)).toEqual(SESSION);
  });
});
