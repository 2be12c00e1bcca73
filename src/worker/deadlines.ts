// Hard deadlines of the supervisor: past one, the worker is terminated, respawned and the episode restored.
import { OPS, OP_NAMES, type OpName } from '../env/ops.ts';

/** Milliseconds per op before the supervisor gives up on the worker. */
export type Deadlines = Record<OpName, number>;

// The core cancels runaway queries itself at its per-run budget; these only catch what it cannot cancel
// (planning, a few single expressions) and must exceed the core's whole-call budget: warm-up, ≥5 timed
// pairs, the holdout check and two EXPLAIN ANALYZE runs of tasks that take ~1 s each on 2 cores. A judging call's
// deadline starts once the hidden data is generated (supervisor.ts): waiting for that is not the call's own work.
const HEAVY_MS = 60_000;
// Calls that read state only; a worker that needs this long is stuck.
const LIGHT_MS = 20_000;
// The scale op generates up to six datasets and times a rewrite on each: minutes on a busy machine, not one.
const LONG_MS = 300_000;
const BY_COST = { heavy: HEAVY_MS, light: LIGHT_MS, long: LONG_MS } as const;

/** Default deadline per operation, from its cost class in the registry. */
export const DEFAULT_DEADLINES: Deadlines = Object.fromEntries(OP_NAMES.map((k) => [k, BY_COST[OPS[k].cost]])) as Deadlines;

/** The same deadline for every op (a diagnostic override, or a test that wants a missed deadline fast). */
export function uniformDeadlines(ms: number): Deadlines {
  return Object.fromEntries(OP_NAMES.map((k) => [k, ms])) as Deadlines;
}

/** Deadlines with an optional override for every op (the `hard_deadline_ms` URL parameter, for diagnostics and tests). */
export function deadlinesFrom(search: string): Deadlines {
  const raw = new URLSearchParams(search).get('hard_deadline_ms');
  const ms = raw === null ? NaN : Number(raw);
  return Number.isFinite(ms) && ms > 0 ? uniformDeadlines(ms) : { ...DEFAULT_DEADLINES };
}
