// The replay format, version 1 (docs/replay.md): recorded episodes, declared once here so the types, the validation
// in src/replay/format.ts and the published JSON Schema agree. In the core because the `schema` op publishes it.
import { z } from 'zod';
import { HistoryEntry } from './types.ts';

export const REPLAY_FORMAT = 'sql-optim-env.replay';
export const REPLAY_VERSION = 1;

/** One step as recorded: the history entry of the step (action, what the database did, reward, ending) and its task. */
export const ReplayStep = HistoryEntry.extend({ task_id: z.string() });
export type ReplayStep = z.infer<typeof ReplayStep>;

export const ReplayEpisode = z.object({
  task_id: z.string(),
  task_name: z.string(),
  difficulty: z.string(),
  seed: z.int().nullable().describe('task variant seed given to reset'),
  original_query: z.string(),
  reference_query: z.string().nullable().describe('revealed when the episode ended'),
  steps: z.array(ReplayStep),
});
export type ReplayEpisode = z.infer<typeof ReplayEpisode>;

export const Replay = z
  .object({
    format: z.literal(REPLAY_FORMAT),
    version: z.literal(REPLAY_VERSION).describe('readers refuse versions newer than they know'),
    created_at: z.string().describe('ISO 8601 time the replay was written'),
    environment: z.object({
      name: z.literal('sql-optim-env'),
      version: z.string().describe('sql-optim-env package version'),
      engine: z.string().describe('duckdb-wasm and DuckDB versions'),
      dataset: z.object({ seed: z.int(), scale: z.number() }),
    }),
    policy: z.object({ name: z.string().describe('the policy: rules, oracle, replay, human, app, or a model name'), details: z.string() }),
    episodes: z.array(ReplayEpisode).min(1),
  })
  .meta({ title: `sql-optim-env replay, format version ${REPLAY_VERSION}` });
export type Replay = z.infer<typeof Replay>;
