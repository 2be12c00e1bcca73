// The replay format (documented in docs/replay.md, schema in src/replay/replay.schema.json): building and validating replays.
import type { Action, ExecutionResult, Reward, StepResult } from '../env/types.ts';

export const REPLAY_FORMAT = 'sql-optim-env.replay';
export const REPLAY_VERSION = 1;
/** A replay larger than this is refused before parsing: a long episode with plans is well under 5 MB. */
export const MAX_REPLAY_BYTES = 20 * 2 ** 20;

export interface ReplayStep {
  step: number;
  task_id: string;
  action: Action;
  execution: ExecutionResult;
  reward: Reward;
  done: boolean;
  terminated: boolean;
  truncated: boolean;
}

export interface ReplayEpisode {
  task_id: string;
  task_name: string;
  difficulty: string;
  seed: number | null;
  original_query: string;
  /** known once the episode ended */
  reference_query: string | null;
  steps: ReplayStep[];
}

export interface Replay {
  format: typeof REPLAY_FORMAT;
  version: typeof REPLAY_VERSION;
  created_at: string;
  environment: { name: 'sql-optim-env'; version: string; engine: string; dataset: { seed: number; scale: number } };
  policy: { name: string; details: string };
  episodes: ReplayEpisode[];
}

/** A replay that cannot be read, with what is wrong and where. */
export class ReplayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayError';
  }
}

/** One episode from its reset observation and step results (what both the CLI and the page collect). */
export function episodeFrom(
  first: { task_id: string; task_name: string; difficulty: string; seed: number | null; sql_query: string },
  steps: { action: Action; result: StepResult }[],
): ReplayEpisode {
  return {
    task_id: first.task_id,
    task_name: first.task_name,
    difficulty: first.difficulty,
    seed: first.seed,
    original_query: first.sql_query,
    reference_query: steps.at(-1)?.result.info.reference_query ?? null,
    steps: steps.map(({ action, result }) => ({
      step: result.info.step,
      task_id: first.task_id,
      action,
      execution: result.observation.last_execution!,
      reward: result.reward,
      done: result.done,
      terminated: result.terminated,
      truncated: result.truncated,
    })),
  };
}

export function makeReplay(o: {
  version: string;
  engine: string;
  dataset: { seed: number; scale: number };
  policy: string;
  details?: string;
  episodes: ReplayEpisode[];
  now?: Date;
}): Replay {
  return {
    format: REPLAY_FORMAT,
    version: REPLAY_VERSION,
    created_at: (o.now ?? new Date()).toISOString(),
    environment: { name: 'sql-optim-env', version: o.version, engine: o.engine, dataset: o.dataset },
    policy: { name: o.policy, details: o.details ?? '' },
    episodes: o.episodes,
  };
}

// ---- validation: every message names the path of the bad value and what was expected ----

type Check = (v: unknown, path: string) => void;

function fail(path: string, what: string, v: unknown): never {
  const shown =
    v === undefined
      ? 'nothing'
      : typeof v === 'string'
        ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)
        : Array.isArray(v)
          ? 'a list'
          : v === null
            ? 'null'
            : typeof v === 'object'
              ? 'an object'
              : String(v);
  throw new ReplayError(`${path} must be ${what} (got ${shown})`);
}

const str: Check = (v, p) => void (typeof v !== 'string' && fail(p, 'text', v));
const num: Check = (v, p) => void ((typeof v !== 'number' || !Number.isFinite(v)) && fail(p, 'a number', v));
const bool: Check = (v, p) => void (typeof v !== 'boolean' && fail(p, 'true or false', v));
const orNull =
  (c: Check): Check =>
  (v, p) =>
    v === null || c(v, p);
const list =
  (c: Check): Check =>
  (v, p) =>
    Array.isArray(v) ? v.forEach((x, i) => c(x, `${p}[${i}]`)) : fail(p, 'a list', v);
function obj(fields: Record<string, Check>): Check {
  return (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(p, 'an object', v);
    for (const [k, c] of Object.entries(fields)) c((v as Record<string, unknown>)[k], `${p}.${k}`);
  };
}
const anyObjOrNull: Check = (v, p) => v === null || (typeof v === 'object' && !Array.isArray(v)) || fail(p, 'an object or null', v);

const suggestion = obj({ issue_type: str, line: num, description: str, severity: str, fix: str });
const action = obj({ suggestions: list(suggestion), optimized_query: str, summary: str, estimated_improvement: str, approved: bool });
const components = [
  'execution_speedup',
  'result_correctness',
  'issue_detection',
  'approval_correctness',
  'summary_quality',
  'severity_labels',
];
const breakdown = obj(Object.fromEntries(components.map((k) => [k, num])));
const reward = obj({ score: num, breakdown, feedback: list(str) });
const interval: Check = (v, p) =>
  v === null || (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) || fail(p, 'a pair of numbers or null', v);
const execution = obj({
  original_ms: orNull(num),
  optimized_ms: orNull(num),
  speedup: orNull(num),
  speedup_ci: interval,
  results_match: orNull(bool),
  holdout_match: orNull(bool),
  original_rows: orNull(num),
  optimized_rows: orNull(num),
  original_error: orNull(str),
  optimized_error: orNull(str),
  timed_out: bool,
  verdict: str,
  explain_plan: str,
  plans: obj({ original: anyObjOrNull, optimized: anyObjOrNull }),
  diff: anyObjOrNull,
});
const step = obj({ step: num, task_id: str, action, execution, reward, done: bool, terminated: bool, truncated: bool });
const episode = obj({
  task_id: str,
  task_name: str,
  difficulty: str,
  seed: orNull(num),
  original_query: str,
  reference_query: orNull(str),
  steps: list(step),
});
const body = obj({
  created_at: str,
  environment: obj({ name: str, version: str, engine: str, dataset: obj({ seed: num, scale: num }) }),
  policy: obj({ name: str, details: str }),
  episodes: list(episode),
});

/** Parses replay text; throws ReplayError naming what is wrong. Never evaluates anything in it. */
export function parseReplay(text: string): Replay {
  if (typeof text !== 'string') throw new ReplayError('a replay must be JSON text');
  if (text.length > MAX_REPLAY_BYTES)
    throw new ReplayError(`the file is ${(text.length / 2 ** 20).toFixed(1)} MB; replays are at most ${MAX_REPLAY_BYTES / 2 ** 20} MB`);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new ReplayError(`the file is not valid JSON (${(e as Error).message})`);
  }
  return validateReplay(v);
}

/** Checks a parsed value; throws ReplayError naming the first bad field. */
export function validateReplay(v: unknown): Replay {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ReplayError('a replay must be a JSON object');
  const o = v as Record<string, unknown>;
  if (o.format !== REPLAY_FORMAT)
    throw new ReplayError(
      `this is not a sql-optim-env replay (format must be "${REPLAY_FORMAT}", got ${JSON.stringify(o.format) ?? 'nothing'})`,
    );
  if (typeof o.version !== 'number' || !Number.isInteger(o.version) || o.version < 1)
    throw new ReplayError(`version must be a whole number (got ${JSON.stringify(o.version) ?? 'nothing'})`);
  if (o.version > REPLAY_VERSION)
    throw new ReplayError(
      `this replay uses format version ${o.version}, made by a newer sql-optim-env; this one reads version ${REPLAY_VERSION}. Please open it with a newer version.`,
    );
  body(o, 'replay');
  if ((o.episodes as unknown[]).length === 0) throw new ReplayError('replay.episodes must hold at least one episode');
  return o as unknown as Replay;
}
