// The replay policy: re-submits the actions a replay file recorded for a task, step by step, so a recorded run can be
// judged again on this machine (or on another judged seed). A replay that does not fit the episode is an error.
import { type Replay, type ReplayEpisode, ReplayError } from '../replay/format.ts';
import type { Policy } from './policy.ts';

/** The replay's episode of a task variant; throws ReplayError naming what the replay holds instead. */
export function replayEpisode(replay: Replay, task_id: string, seed: number | null): ReplayEpisode {
  const ofTask = replay.episodes.filter((e) => e.task_id === task_id);
  const ep = ofTask.find((e) => e.seed === seed);
  if (ep) return ep;
  if (ofTask.length)
    throw new ReplayError(`the replay has ${task_id} only with seed ${ofTask.map((e) => String(e.seed)).join(', ')}, not ${String(seed)}`);
  throw new ReplayError(
    `the replay has no episode of ${task_id}; it has ${[...new Set(replay.episodes.map((e) => e.task_id))].join(', ')}`,
  );
}

/** A policy answering one episode with the recorded actions, in order; past the last one it states it has none. */
export function createReplayPolicy(ep: ReplayEpisode): Policy {
  return {
    name: 'replay',
    act: async (obs, history) => {
      if (obs.task_id !== ep.task_id || obs.sql_query !== ep.original_query)
        throw new ReplayError(
          `the replay's episode of ${ep.task_id} (seed ${String(ep.seed)}) was recorded on another query than this episode's ` +
            `${obs.task_id} (seed ${String(obs.seed)}): the task or its variant changed since`,
        );
      const step = ep.steps[history.length];
      if (!step)
        return {
          action: null,
          reason: `the replay recorded ${ep.steps.length} step(s) of ${ep.task_id}, not a step ${history.length + 1}`,
        };
      return { action: step.action };
    },
  };
}
