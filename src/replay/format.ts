// Building and reading replays (format declared in src/env/replay-types.ts, documented in docs/replay.md).
import { EnvError } from '../env/errors.ts';
import { REPLAY_FORMAT, REPLAY_VERSION, Replay as ReplaySchema, type Replay, type ReplayEpisode } from '../env/replay-types.ts';
import type { Action, StepResult } from '../env/types.ts';
import { parseWith } from '../env/validate.ts';

export { REPLAY_FORMAT, REPLAY_VERSION, type Replay, type ReplayEpisode };
export type { ReplayStep } from '../env/replay-types.ts';

/** A replay larger than this is refused before parsing: a long episode with plans is well under 5 MB. */
export const MAX_REPLAY_BYTES = 20 * 2 ** 20;

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
      // No hint can open between a step and its observation: what it shows is what was open for the step.
      hints_used: result.observation.hints_used,
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
  try {
    parseWith(ReplaySchema, o, 'INVALID_REQUEST', 'replay');
    // The value as read, not zod's copy: fields this version does not know are kept, so a re-export is byte for byte.
    return o as Replay;
  } catch (e) {
    throw new ReplayError(e instanceof EnvError ? e.message : String(e));
  }
}
