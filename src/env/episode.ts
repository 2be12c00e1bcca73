// Episodes as pure transitions: how one starts, what a step or a hint does to it, what the agent sees, and how it ends,
// stated once: Gymnasium's `terminated` (the goal was reached) and `truncated` (the steps ran out first, or the solution
// was shown: `gave_up`), `done` = either.
import { EnvError } from './errors.ts';
import { goalText } from './goal.ts';
import { DONE_THRESHOLD, HINT_COST, type RewardConfig, appliedWeights } from './reward-config.ts';
import { type TaskInstance, summarize } from './tasks.ts';
import type {
  Action,
  Deadlines,
  DeadlinesChoice,
  EnvState,
  ExecutionResult,
  HintResult,
  HistoryEntry,
  Observation,
  Reward,
  Solution,
} from './types.ts';

export { DONE_THRESHOLD };

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
  /** hints opened so far: the first `hints_used` of the task's ladder */
  hints_used: number;
  /** ended by the solution op ("Show solution") */
  gave_up: boolean;
  /** the solution once shown, kept so showing it again (after a reload, on another worker) gives the same plans */
  solution: Solution | null;
  /** practice: this task's reference was revealed earlier in the session, so its steps pay 0 and are not recorded */
  reference_seen: boolean;
}

/** A fresh episode on a task variant. */
export function newEpisode(
  task: TaskInstance,
  reward: RewardConfig,
  rewardSpec: string | null,
  deadlines: DeadlinesChoice | null = null,
  referenceSeen = false,
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
    hints_used: 0,
    gave_up: false,
    solution: null,
    reference_seen: referenceSeen,
  };
}

/** No step is accepted any more: the task was solved, or it was cut off (the steps ran out, or the solution was shown). */
export const isOver = (ep: Episode) => ep.terminated || ep.truncated;

/** The refusal of a step (or a hint) once the episode is over. */
export function overError(ep: Episode): EnvError {
  const how = ep.gave_up ? ` (the solution was shown)` : '';
  return new EnvError(
    'EPISODE_DONE',
    `the episode on ${ep.task.id} is over after ${ep.step_count} steps${how}; call reset() to start another`,
  );
}

/** The episode with its next hint open; throws while no step could use it (over) or when every hint is open. */
export function openHint(ep: Episode): Episode {
  if (isOver(ep)) throw overError(ep);
  const total = ep.task.hints.length;
  if (ep.hints_used >= total) throw new EnvError('INVALID_REQUEST', `every hint of ${ep.task.id} is already open (${total} of ${total})`);
  return { ...ep, hints_used: ep.hints_used + 1 };
}

/** The hint op's answer for an episode. */
export function hintsOf(ep: Episode): HintResult {
  return {
    hints: ep.task.hints.slice(0, ep.hints_used),
    hints_used: ep.hints_used,
    hints_total: ep.task.hints.length,
    hint_cost: HINT_COST,
  };
}

/** The deadlines in force: the episode's choices over the session's (`session`). */
export function deadlinesOf(ep: Episode | null, session: Deadlines): Deadlines {
  // An in-process caller may pass a field as undefined: that leaves it the session's, as leaving it out does.
  const chosen = Object.entries(ep?.deadlines ?? {}).filter(([, v]) => v !== undefined);
  return { ...session, ...Object.fromEntries(chosen) };
}

/**
 * The episode after a judged step: one more step, its reward counted, its issues noted, its ending decided. A practice
 * step's ending is judged on what it would have paid, so a solved practice episode still ends.
 */
export function afterStep(ep: Episode, action: Action, execution: ExecutionResult, reward: Reward, threshold: number): Episode {
  const step_count = ep.step_count + 1;
  const end = ending(reward.practice_score ?? reward.score, step_count, ep.task.max_steps, threshold);
  const found = action.suggestions.map((s) => s.issue_type).filter((t, i, all) => !ep.issues_found.includes(t) && all.indexOf(t) === i);
  return {
    ...ep,
    step_count,
    cumulative_reward: ep.cumulative_reward + reward.score,
    best_score: Math.max(ep.best_score, reward.score),
    issues_found: [...ep.issues_found, ...found],
    terminated: end.terminated,
    truncated: end.truncated,
    history: [...ep.history, { step: step_count, action, execution, reward, ...end, hints_used: ep.hints_used }],
  };
}

/** What the agent sees of an episode; hints open only on demand (openHint). */
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
    ...hintsOf(ep),
    goal: goalOf(ep),
    reference_seen: ep.reference_seen,
  };
}

/** The goal under this episode's reward: the default's text unless other weights were chosen (an ablation). */
export function goalOf(ep: Episode): string {
  return goalText(appliedWeights(ep.reward));
}

/** The state op's answer for an episode, or for none yet; `session` are the deadlines of a session's episodes. */
export function stateOf(ep: Episode | null, session: Deadlines): EnvState {
  return {
    task_id: ep?.task.id ?? null,
    seed: ep?.task.seed ?? null,
    step_count: ep?.step_count ?? 0,
    max_steps: ep?.task.max_steps ?? 0,
    episode_done: ep ? isOver(ep) : false,
    terminated: ep?.terminated ?? false,
    truncated: ep?.truncated ?? false,
    cumulative_reward: ep?.cumulative_reward ?? 0,
    best_score: ep?.best_score ?? 0,
    current_task: ep ? { ...summarize(ep.task), goal: goalOf(ep) } : null,
    history: ep?.history ?? [],
    hints_used: ep?.hints_used ?? 0,
    gave_up: ep?.gave_up ?? false,
    reference_seen: ep?.reference_seen ?? false,
    deadlines: deadlinesOf(ep, session),
  };
}
