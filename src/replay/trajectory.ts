// Trajectories for training: one JSON line per step with the observation the agent saw, its action and the reward.
import type { Action, Observation, StepResult } from '../env/types.ts';

/** What the agent saw, what it did, what it got. */
export interface Transition {
  observation: Observation;
  action: Action;
  result: StepResult;
}

/** JSON Lines: {episode, task_id, step, observation, action, reward, reward_breakdown, done, terminated, truncated}. */
export function trajectoryLines(episodes: Transition[][]): string {
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
