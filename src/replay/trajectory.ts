// Trajectories for training: one JSON line per step with the observation the agent saw, its action and the reward.
import { GOAL } from '../env/goal.ts';
import { HINT_COST } from '../env/reward-config.ts';
import type { Action, ExecutionResult, Observation, StepResult } from '../env/types.ts';
import type { ReplayEpisode } from './format.ts';

/** What the agent saw, what it did, what it got. */
export interface Transition {
  observation: Observation;
  action: Action;
  result: StepResult;
}

/** What one trajectory line needs of a step: a Transition, or one rebuilt from a replay (transitionsOf). */
export interface TrajectoryStep {
  observation: Observation;
  action: Action;
  result: Pick<StepResult, 'reward' | 'done' | 'terminated' | 'truncated'> & { info: { step: number } };
}

/** JSON Lines: {episode, task_id, step, observation, action, reward, reward_breakdown, done, terminated, truncated}. */
export function trajectoryLines(episodes: TrajectoryStep[][]): string {
  const lines: string[] = [];
  episodes.forEach((steps, episode) =>
    steps.forEach(({ observation, action, result }) =>
      lines.push(
        JSON.stringify({
          episode,
          task_id: observation.task_id,
          step: result.info.step,
          observation,
          action,
          reward: result.reward.score,
          reward_breakdown: result.reward.breakdown,
          done: result.done,
          terminated: result.terminated,
          truncated: result.truncated,
        }),
      ),
    ),
  );
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** What a replay does not carry but an observation holds: the task variant's text and hints, and the schema. */
export interface ObservationContext {
  task_description: string;
  max_steps: number;
  hints: string[];
  schema_info: string;
}

/**
 * The steps of a replayed episode with each observation rebuilt as the environment showed it (environment.ts
 * observe(): step count, issue types found so far, the previous step's execution, the hints open at each step), so the
 * app can export trajectories of an episode it did not watch from its start (a reload restores only the history).
 * The goal is the default reward's: a replay does not record an episode's own reward weights.
 */
export function transitionsOf(ep: ReplayEpisode, ctx: ObservationContext): TrajectoryStep[] {
  const found: string[] = [];
  // A practice episode's steps pay 0 and keep what they would have paid (a replay written before practice: none).
  const practice = ep.steps.some((s) => (s.reward.practice_score ?? null) !== null);
  const observe = (stepCount: number, last: ExecutionResult | null, hintsUsed: number): Observation => ({
    task_id: ep.task_id,
    task_name: ep.task_name,
    task_description: ctx.task_description,
    sql_query: ep.original_query,
    schema_info: ctx.schema_info,
    dialect: 'duckdb',
    difficulty: ep.difficulty,
    step_count: stepCount,
    max_steps: ctx.max_steps,
    issues_found_so_far: [...found],
    last_execution: last,
    seed: ep.seed,
    hints: ctx.hints.slice(0, hintsUsed),
    hints_used: hintsUsed,
    hints_total: ctx.hints.length,
    hint_cost: HINT_COST,
    goal: GOAL,
    reference_seen: practice,
  });
  return ep.steps.map((s, i) => {
    // A replay is kept as read (parseReplay), so one written before hints opened on demand has no hints_used: none open.
    const observation = observe(i, i ? ep.steps[i - 1].execution : null, s.hints_used ?? 0);
    for (const g of s.action.suggestions) if (!found.includes(g.issue_type)) found.push(g.issue_type);
    return {
      observation,
      action: s.action,
      result: { reward: s.reward, done: s.done, terminated: s.terminated, truncated: s.truncated, info: { step: s.step } },
    };
  });
}
