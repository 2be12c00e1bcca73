// What "re-run on my machine" needs from wherever the engine lives (the app's worker); the viewer itself has none.
import type { ExecutionResult, Response } from '../../env/types.ts';
import type { ReplayEpisode } from '../../replay/format.ts';

/** Whether the replay's steps can be compared against the same original query here. */
export type VariantCheck =
  | { kind: 'same' }
  /** the task has a seeded variant other than the current one: a reset to the replay's seed is needed first */
  | { kind: 'reset'; message: string }
  /** this version's task differs (or is missing): re-running would compare against something else */
  | { kind: 'unavailable'; message: string };

export interface RerunHost {
  /** why re-running cannot start right now (the engine is still starting…), or null */
  blocked(): string | null;
  /** the engine and dataset here, to show beside the replay's */
  describe(): string;
  variant(ep: ReplayEpisode): VariantCheck;
  /** starts an episode of the replay's task variant (ends the current episode) */
  reset(task_id: string, seed: number | null): Promise<Response<unknown>>;
  execute(task_id: string, optimized_query: string): Promise<Response<ExecutionResult>>;
}
