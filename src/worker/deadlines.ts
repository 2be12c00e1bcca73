// Hard deadlines of the supervisor: past one, the worker is terminated, respawned and the episode restored.
import type { EnvOp } from './protocol.ts';

// The core cancels runaway queries itself at its per-run budget; these only catch what it cannot cancel
// (planning, a few single expressions) and must exceed the core's whole-call budget: warm-up, ≥5 timed
// pairs, the holdout check and two EXPLAIN ANALYZE runs of tasks that take ~1 s each on 2 cores.
const HEAVY_MS = 60_000;
// Calls that read state only; a worker that needs this long is stuck.
const LIGHT_MS = 20_000;

/** Default deadline per operation, in milliseconds. */
export const DEFAULT_DEADLINES: Record<EnvOp | 'sample', number> = {
  tasks: LIGHT_MS,
  state: LIGHT_MS,
  leaderboard: LIGHT_MS,
  sample: LIGHT_MS,
  reset: HEAVY_MS,
  step: HEAVY_MS,
  grade: HEAVY_MS,
  execute: HEAVY_MS,
};

/** Deadlines with an optional override for every op (the `hard_deadline_ms` URL parameter, for diagnostics and tests). */
export function deadlinesFrom(search: string): Record<EnvOp | 'sample', number> {
  const raw = new URLSearchParams(search).get('hard_deadline_ms');
  const ms = raw === null ? NaN : Number(raw);
  if (!Number.isFinite(ms) || ms <= 0) return { ...DEFAULT_DEADLINES };
  return Object.fromEntries(Object.keys(DEFAULT_DEADLINES).map((k) => [k, ms])) as Record<EnvOp | 'sample', number>;
}
