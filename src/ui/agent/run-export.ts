// What a finished Agent-panel run exports besides the current episode: every episode of the run as one replay, and the
// agent's own trajectory (the prompts it sent and the replies it got, TRL's format) with every key blanked. Pure.
import { agentTrajectoryLine } from '../../agent/trajectory.ts';
import type { EpisodeRun } from '../../policies/runner.ts';
import { episodeFrom, type ReplayEpisode } from '../../replay/format.ts';
import { redactSecrets } from './redact.ts';

/**
 * The run's episodes for a replay. The runner's records hold the agent's steps; the episode still in the page (the last
 * one, when its task and seed match) is taken from the page instead, so the steps of a person who took over are in it.
 */
export function runEpisodes(runs: readonly EpisodeRun[], current: ReplayEpisode | null): ReplayEpisode[] {
  const episodes: ReplayEpisode[] = [];
  runs.forEach((run, i) => {
    if (!run.first) return;
    const last = i === runs.length - 1;
    if (last && current && current.task_id === run.first.task_id && current.seed === run.first.seed) {
      episodes.push(current);
      return;
    }
    const steps = run.records.flatMap((r) => (r.result && r.decision?.action ? [{ action: r.decision.action, result: r.result }] : []));
    if (steps.length) episodes.push(episodeFrom(run.first, steps));
  });
  return episodes;
}

/** The agent's trajectory as JSON Lines: one line per attempt that reached the model, skipped ones included. */
export function agentTrajectory(runs: readonly EpisodeRun[], secrets: readonly (string | null | undefined)[]): string {
  const lines: string[] = [];
  runs.forEach((run, episode) => {
    for (const r of run.records) {
      if (!r.decision) continue;
      const line = agentTrajectoryLine({
        task_id: run.task_id,
        episode,
        step: r.attempt,
        model: run.policy,
        decision: r.decision,
        result: r.result,
      });
      lines.push(redactSecrets(line, secrets));
    }
  });
  return lines.length ? `${lines.join('\n')}\n` : '';
}
