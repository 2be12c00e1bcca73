// `eval --policy NAME`: runs a policy through episodes, prints the original environment's [START]/[STEP]/[END] lines
// (inference.py's format, which harnesses parse) and a scoreboard that compares policies side by side.
import { instantiate, type TaskDef } from '../env/tasks.ts';
import type { Observation } from '../env/types.ts';
import type { EpisodeSpec } from '../policies/index.ts';
import type { Policy } from '../policies/policy.ts';
import { type EpisodeEnv, type StepRecord, runEpisode } from '../policies/runner.ts';
import type { Transition } from '../replay/trajectory.ts';
import { fmt, table } from './table.ts';

/** inference.py counts an episode a success when its best reward reaches this. */
export const SUCCESS_SCORE = 0.5;

export interface EpisodeReport {
  task_id: string;
  seed: number | null;
  difficulty: string;
  policy: string;
  /** attempts made (null decisions and errors included): the [STEP] lines */
  attempts: number;
  /** steps the environment spent */
  steps: number;
  rewards: number[];
  best_score: number;
  final_score: number;
  /** of the best-scoring step */
  speedup: number | null;
  speedup_ci: [number, number] | null;
  correct: boolean;
  /** the best step's rewrite is not the original (its plan differs) */
  rewritten: boolean;
  error: string | null;
  /** the policy said no later attempt can succeed (a wrong key, no such model): the rest of the run is pointless */
  fatal: boolean;
  wall_ms: number;
  /** the reset observation (null when reset failed), then each spent step as the agent saw it */
  first: Observation | null;
  transitions: Transition[];
  /** every attempt as the runner recorded it, refusals included, with the policy's trace (an LLM's messages and reply) */
  records: StepRecord[];
}

/** One episode's task, variant and policy. */
export interface EpisodePlan {
  def: TaskDef;
  seed: number | null;
  policy: Policy;
}

/** What the runner's factory gets for a task variant: the oracle's reference only on request. */
export function episodeSpec(def: TaskDef, seed: number | null): EpisodeSpec {
  return { task_id: def.id, seed, reference: () => instantiate(def, seed).reference };
}

const one = (s: string) => s.replace(/\s+/g, ' ').trim();

/** `[START] task=… env=sql-optim-env model=…` */
export const startLine = (task: string, model: string) => `[START] task=${task} env=sql-optim-env model=${model}`;

/** `[STEP] step=n action=… reward=0.00 done=… error=…`; `last` says the episode ends with this attempt. */
export function stepLine(r: StepRecord, last: boolean): string {
  const a = r.decision?.action;
  const rewrite = a && a.optimized_query.trim() !== r.observation.sql_query.trim() ? 'yes' : 'no';
  const action = a ? `suggestions=${a.suggestions.length},rewrite=${rewrite},approved=${a.approved}` : 'none';
  const reward = (r.result?.reward.score ?? 0).toFixed(2);
  const error = r.error ? one(r.error.message) : 'null';
  return `[STEP] step=${r.attempt} action=${action} reward=${reward} done=${r.result?.done || last} error=${error}`;
}

/** `[END] success=… steps=n score=0.00 rewards=r1,r2,…` */
export function endLine(r: EpisodeReport): string {
  const rewards = r.rewards.map((x) => x.toFixed(2)).join(',');
  return `[END] success=${r.best_score >= SUCCESS_SCORE} steps=${r.attempts} score=${r.best_score.toFixed(2)} rewards=${rewards}`;
}

/** Runs one episode; `line` hears its [START], [STEP] and [END] lines as they happen. */
export async function evalEpisode(
  env: EpisodeEnv,
  plan: EpisodePlan,
  o: { maxSteps?: number; signal?: AbortSignal; line?: (s: string) => void } = {},
): Promise<EpisodeReport> {
  const t0 = performance.now();
  const line = o.line ?? (() => {});
  line(startLine(plan.def.id, plan.policy.name));
  // Each [STEP] line is printed once the next attempt (or the end) shows whether it was the episode's last.
  const held: { record: StepRecord | null } = { record: null };
  const run = await runEpisode(env, {
    task_id: plan.def.id,
    seed: plan.seed,
    policy: plan.policy,
    maxSteps: o.maxSteps,
    signal: o.signal,
    onStep: (r) => {
      if (held.record) line(stepLine(held.record, false));
      held.record = r;
    },
  });
  if (held.record) line(stepLine(held.record, true));
  const transitions = run.records.flatMap((r) =>
    r.result && r.decision?.action ? [{ observation: r.observation, action: r.decision.action, result: r.result }] : [],
  );
  const best = transitions.reduce<Transition | null>((b, t) => (!b || t.result.reward.score > b.result.reward.score ? t : b), null);
  const ex = best?.result.observation.last_execution ?? null;
  const report: EpisodeReport = {
    task_id: plan.def.id,
    seed: plan.seed,
    difficulty: plan.def.difficulty,
    policy: plan.policy.name,
    attempts: run.records.length,
    steps: transitions.length,
    rewards: run.records.map((r) => r.result?.reward.score ?? 0),
    best_score: best?.result.reward.score ?? 0,
    final_score: transitions.at(-1)?.result.reward.score ?? 0,
    speedup: ex?.speedup ?? null,
    speedup_ci: ex?.speedup_ci ?? null,
    correct: ex?.results_match === true && ex.holdout_match === true,
    rewritten: !!ex && !ex.noop && best!.action.optimized_query.trim() !== run.first?.sql_query.trim(),
    error: run.error?.message ?? null,
    // The runner ends a run on a policy's refusal only when the policy called it fatal.
    fatal: run.error?.code === 'NO_ACTION',
    wall_ms: performance.now() - t0,
    first: run.first,
    transitions,
    records: run.records,
  };
  line(endLine(report));
  return report;
}

/** Mean best score, geometric-mean speedup of the correct episodes, correct count. */
export function summarise(reports: EpisodeReport[]) {
  const correct = reports.filter((r) => r.correct && r.speedup);
  const geo = correct.length ? Math.exp(correct.reduce((s, r) => s + Math.log(r.speedup!), 0) / correct.length) : null;
  return {
    episodes: reports.length,
    mean_score: reports.reduce((s, r) => s + r.best_score, 0) / Math.max(1, reports.length),
    geomean_speedup: geo,
    correct: reports.filter((r) => r.correct).length,
    rewritten: reports.filter((r) => r.rewritten).length,
  };
}

/** The scoreboard: one row per episode, then the means; the same columns for every policy, so runs diff cleanly. */
export function scoreboard(policy: string, reports: EpisodeReport[]): string {
  const s = summarise(reports);
  const rows = reports.map((r) => [
    r.task_id,
    r.seed ?? '-',
    r.steps,
    r.best_score.toFixed(3),
    fmt.x(r.speedup),
    fmt.ci(r.speedup_ci),
    fmt.yes(r.correct),
    r.rewritten ? 'yes' : 'no',
    r.error ? one(r.error).slice(0, 60) : '',
  ]);
  return [
    `scoreboard of policy ${policy}`,
    table(['task', 'seed', 'steps', 'score', 'speedup', '95% CI', 'correct', 'rewritten', 'error'], rows),
    `mean score ${s.mean_score.toFixed(3)}, geometric-mean speedup ${fmt.x(s.geomean_speedup)} (correct episodes), ` +
      `correct ${s.correct}/${s.episodes}, rewritten ${s.rewritten}/${s.episodes}`,
  ].join('\n');
}
