// `calibrate`: each task's reference against its original, measured here: times, speedup with interval, match on main and holdout.
import type { Environment } from '../env/environment.ts';
import type { TaskDef } from '../env/tasks.ts';

export interface CalibrationRow {
  task_id: string;
  difficulty: string;
  decoy: boolean;
  original_ms: number | null;
  reference_ms: number | null;
  speedup: number | null;
  speedup_ci: [number, number] | null;
  pairs: number;
  main_match: boolean | null;
  holdout_match: boolean | null;
  error: string | null;
}

export function calibrateTask(env: Environment, def: TaskDef, seed: number | null = null): CalibrationRow {
  const r = env.judgeReference(def.id, seed);
  const base = { task_id: def.id, difficulty: def.difficulty, decoy: def.decoy };
  if (!r.ok)
    return {
      ...base,
      original_ms: null,
      reference_ms: null,
      speedup: null,
      speedup_ci: null,
      pairs: 0,
      main_match: null,
      holdout_match: null,
      error: r.error.message,
    };
  const x = r.result;
  return {
    ...base,
    original_ms: x.original_ms,
    reference_ms: x.optimized_ms,
    speedup: x.speedup,
    speedup_ci: x.speedup_ci,
    pairs: x.pairs,
    main_match: x.results_match,
    holdout_match: x.holdout_match,
    error: x.optimized_error,
  };
}
