// What a restarted worker or a reloaded page needs to carry on where the user was: the episode, the leaderboard, the
// reference timings and the tasks whose solution was revealed (their later episodes are practice), as JSON. Validated on the way in, because it comes back from IndexedDB or another process.
import { z } from 'zod';
import { ending } from './episode.ts';
import { NOT_PRACTICE } from './grader.ts';
import { DeadlinesChoice, type ExecutionResult, HistoryEntry, LeaderboardRow, Solution, Timing } from './types.ts';
import { explainNulls } from './verdict.ts';

export const SNAPSHOT_VERSION = 1;

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Snapshots saved before `terminated`/`truncated` were kept had only `done`; an old `done` meant the step budget was
 *  spent or the score reached the threshold, so the ending rule splits it again. */
function splitDone(v: unknown, score: unknown): unknown {
  if (!isObject(v) || !('done' in v) || 'terminated' in v) return v;
  const { terminated, truncated } = ending(typeof score === 'number' ? score : 0, v.done === true ? 1 : 0, 1);
  return { ...v, terminated, truncated };
}

/** Executions saved before `why_null` was kept get their reasons, derived as a comparison derives them now. */
function explained(h: unknown): unknown {
  if (!isObject(h) || !isObject(h.execution) || 'why_null' in h.execution) return h;
  return { ...h, execution: { ...h.execution, why_null: explainNulls(h.execution as ExecutionResult) } };
}

/** Rewards saved before practice episodes existed were paid: their null practice score gets that reason. */
function paid(h: unknown): unknown {
  if (!isObject(h) || !isObject(h.reward) || 'practice_score' in h.reward) return h;
  const why = isObject(h.reward.why_null) ? h.reward.why_null : {};
  return { ...h, reward: { ...h.reward, practice_score: null, why_null: { ...why, practice_score: NOT_PRACTICE } } };
}

/** An episode as saved by any version, in the current form (unknown shapes pass through for the schema to refuse). */
export function upgradeEpisode(v: unknown): unknown {
  if (!isObject(v)) return v;
  const history = Array.isArray(v.history)
    ? v.history.map((h) => paid(explained(splitDone(h, isObject(h) && isObject(h.reward) ? h.reward.score : 0))))
    : v.history;
  const { done: _done, ...rest } = splitDone(v, v.best_score) as Loose;
  return { ...rest, history };
}

export const EnvSnapshot = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  episode: z.preprocess(
    upgradeEpisode,
    z
      .object({
        task_id: z.string(),
        seed: z.int().nullable(),
        step_count: z.int(),
        history: z.array(HistoryEntry),
        issues_found: z.array(z.string()),
        cumulative_reward: z.number(),
        best_score: z.number(),
        terminated: z.boolean(),
        truncated: z.boolean(),
        reward: z.string().nullable().default(null).describe("the episode's reward spec (parseRewardSpec); null: the default"),
        // Snapshots saved before deadlines could be chosen per episode load with the session's.
        deadlines: DeadlinesChoice.nullable().default(null).describe("the episode's deadlines chosen at reset; null: the session's"),
        // Snapshots saved before hints opened on demand and the solution could be shown load with none of either.
        hints_used: z.int().min(0).default(0).describe('hints opened in the episode'),
        gave_up: z.boolean().default(false).describe('the solution op ended the episode'),
        solution: Solution.nullable().default(null).describe('the solution as first shown, so it is shown the same again'),
        // Snapshots saved before practice episodes existed load as paid episodes.
        reference_seen: z.boolean().default(false).describe("practice: the task's solution was revealed before the episode began"),
      })
      .nullable(),
  ),
  leaderboard: z.array(LeaderboardRow),
  reference_timings: z.array(z.tuple([z.string(), Timing])),
  // Snapshots saved before this memory was kept restore with none: nothing was known to be revealed.
  references_seen: z
    .array(z.string())
    .default([])
    .describe('task ids whose reference was revealed in this session (the solution op, or the reveal at the end)'),
});
export type EnvSnapshot = z.infer<typeof EnvSnapshot>;
