// `eval --policy baseline`: runs a policy through every task's episode and reports score, speedup and correctness.
import type { Environment } from '../env/environment.ts';
import { instantiate, type TaskDef } from '../env/tasks.ts';
import type { Observation } from '../env/types.ts';
import type { Transition } from '../replay/trajectory.ts';
import { baselineAction } from '../policies/baseline.ts';

export interface EpisodeReport {
  task_id: string;
  difficulty: string;
  steps: number;
  best_score: number;
  final_score: number;
  speedup: number | null;
  speedup_ci: [number, number] | null;
  correct: boolean;
  wall_ms: number;
  /** the reset observation, then each step as the agent saw it */
  first: Observation;
  transitions: Transition[];
}

export const POLICIES = ['baseline'] as const;

/** Runs one episode of the baseline on a task; throws on an environment error (a bug, not a policy failure). */
export function runEpisode(env: Environment, def: TaskDef, seed: number | null): EpisodeReport {
  const t0 = performance.now();
  const fix = instantiate(def, seed).reference;
  const reset = env.reset({ task_id: def.id, seed });
  if (!reset.ok) throw new Error(reset.error.message);
  let obs: Observation = reset.result;
  const transitions: Transition[] = [];
  for (;;) {
    const action = baselineAction(obs, fix);
    const r = env.step(action);
    if (!r.ok) throw new Error(`${def.id}: ${r.error.message}`);
    transitions.push({ observation: obs, action, result: r.result });
    obs = r.result.observation;
    if (r.result.done) break;
  }
  const results = transitions.map((t) => t.result);
  const last = results[results.length - 1];
  const ex = last.observation.last_execution!;
  return {
    task_id: def.id,
    difficulty: def.difficulty,
    steps: results.length,
    best_score: Math.max(...results.map((r) => r.reward.score)),
    final_score: last.reward.score,
    speedup: ex.speedup,
    speedup_ci: ex.speedup_ci,
    correct: ex.results_match === true && ex.holdout_match === true,
    wall_ms: performance.now() - t0,
    first: reset.result,
    transitions,
  };
}

/** Mean score, geometric-mean speedup of correct episodes, correct count. */
export function summarise(reports: EpisodeReport[]) {
  const correct = reports.filter((r) => r.correct && r.speedup);
  const geo = correct.length ? Math.exp(correct.reduce((s, r) => s + Math.log(r.speedup!), 0) / correct.length) : null;
  return {
    episodes: reports.length,
    mean_score: reports.reduce((s, r) => s + r.best_score, 0) / Math.max(1, reports.length),
    geomean_speedup: geo,
    correct: reports.filter((r) => r.correct).length,
  };
}
