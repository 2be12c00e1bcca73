// Episodes as pure transitions: how one starts, what a step does to it, what the agent sees, and how it ends, stated
// once: Gymnasium's `terminated` (the goal was reached) and `truncated` (the steps ran out first), `done` = either.
import type { RewardConfig } from './reward-config.ts';
import { type TaskInstance, summarize } from './tasks.ts';
import type { Action, Deadlines, DeadlinesChoice, EnvState, ExecutionResult, HistoryEntry, Observation, Reward } from './types.ts';

/** A step scoring at least this solves the task and ends the episode (the original environment's rule). */
export const DONE_THRESHOLD = 0.95;

export interface Ending {
  terminated: boolean;
  truncated: boolean;
  done: boolean;
}

/** The ending after a step that scored `score` as step number `step` of `maxSteps`. */
export function ending(score: number, step: number, maxSteps: number, threshold = DONE_THRESHOLD): Ending {
  const terminated = score >= threshold;
  const truncated = !terminated && step >= maxSteps;
  return { terminated, truncated, done: terminated || truncated };
}

/** One episode: its task variant, steps so far, and the reward configuration it was started with. */
export interface Episode {
  task: TaskInstance;
  step_count: number;
  history: HistoryEntry[];
  issues_found: string[];
  cumulative_reward: number;
  best_score: number;
  terminated: boolean;
  truncated: boolean;
  /** this episode's reward weights and mask (a researcher's ablation), chosen at reset */
  reward: RewardConfig;
  /** the spec it was chosen by, kept for snapshots; null: the environment's default */
  rewardSpec: string | null;
  /** the per-run deadlines chosen at reset (a slow machine); null, or a field left out: the session's */
  deadlines: DeadlinesChoice | null;
}

/** A fresh episode on a task variant. */
export function newEpisode(
  task: TaskInstance,
  reward: RewardConfig,
  rewardSpec: string | null,
  deadlines: DeadlinesChoice | null = null,
): Episode {
  return {
    task,
    step_count: 0,
    history: [],
    issues_found: [],
    cumulative_reward: 0,
    best_score: 0,
    terminated: false,
    truncated: false,
    reward,
    rewardSpec,
    deadlines,
  };
}

/** The deadlines in force: the episode's choices over the session's (`session`). */
export function deadlinesOf(ep: Episode | null, session: Deadlines): Deadlines {
  // An in-process caller may pass a field as undefined: that leaves it the session's, as leaving it out does.
  const chosen = Object.entries(ep?.deadlines ?? {}).filter(([, v]) => v !== undefined);
  return { ...session, ...Object.fromEntries(chosen) };
}

/** The episode after a judged step: one more step, its reward counted, its issues noted, its ending decided. */
export function afterStep(ep: Episode, action: Action, execution: ExecutionResult, reward: Reward, threshold: number): Episode {
  const step_count = ep.step_count + 1;
  const end = ending(reward.score, step_count, ep.task.max_steps, threshold);
  const found = action.suggestions.map((s) => s.issue_type).filter((t, i, all) => !ep.issues_found.includes(t) && all.indexOf(t) === i);
  return {
    ...ep,
    step_count,
    cumulative_reward: ep.cumulative_reward + reward.score,
    best_score: Math.max(ep.best_score, reward.score),
    issues_found: [...ep.issues_found, ...found],
    terminated: end.terminated,
    truncated: end.truncated,
    history: [...ep.history, { step: step_count, action, execution, reward, ...end }],
  };
}

/** What the agent sees of an episode; hints open one per step spent. */
export function observe(ep: Episode, last: ExecutionResult | null, schemaInfo: string): Observation {
  const t = ep.task;
  return {
    task_id: t.id,
    task_name: t.name,
    task_description: t.description,
    sql_query: t.original,
    schema_info: schemaInfo,
    dialect: 'duckdb',
    difficulty: t.difficulty,
    step_count: ep.step_count,
    max_steps: t.max_steps,
    issues_found_so_far: [...ep.issues_found],
    last_execution: last,
    seed: t.seed,
    hints: t.hints.slice(0, Math.min(t.hints.length, ep.step_count)),
  };
}

/** The state op's answer for an episode, or for none yet; `session` are the deadlines of a session's episodes. */
export function stateOf(ep: Episode | null, session: Deadlines): EnvState {
  return {
    task_id: ep?.task.id ?? null,
    seed: ep?.task.seed ?? null,
    step_count: ep?.step_count ?? 0,
    max_steps: ep?.task.max_steps ?? 0,
    episode_done: ep ? ep.terminated || ep.truncated : false,
    terminated: ep?.terminated ?? false,
    truncated: ep?.truncated ?? false,
    cumulative_reward: ep?.cumulative_reward ?? 0,
    best_score: ep?.best_score ?? 0,
    current_task: ep ? summarize(ep.task) : null,
    history: ep?.history ?? [],
    deadlines: deadlinesOf(ep, session),
  };
}
