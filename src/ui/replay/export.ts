// Exporting the app's current episode: the Replay itself (.json), a standalone viewer file (.html), a share link, and
// its trajectory (.jsonl). Everything is built from the episode the worker holds (state().history), never from the UI.
import pkg from '../../../package.json';
import { makeReplay, type Replay, type ReplayEpisode } from '../../replay/format.ts';
import { embedReplay } from '../../replay/standalone.ts';
import { trajectoryLines, transitionsOf } from '../../replay/trajectory.ts';
import { replayPolicy } from '../agent/label.ts';
import { taskInstance } from '../lib/static-tasks.ts';
import type { Session } from '../state/session.svelte.ts';

/** The standalone viewer template, built beside the app (vite.config.ts) and fetched only when an .html is exported. */
export const TEMPLATE_URL = './replay-viewer.html';

/** What an export reads from the page's session. */
export type EpisodeSource = Pick<Session, 'episode' | 'header' | 'lastStep' | 'boot' | 'recordedBy'>;

/** The current episode as a replay episode, or null before its first step. */
export function currentEpisode(s: EpisodeSource): ReplayEpisode | null {
  const ep = s.episode;
  const h = s.header;
  if (!ep?.task_id || ep.history.length === 0 || !h || h.task_id !== ep.task_id) return null;
  const task_id = ep.task_id;
  const last = s.lastStep;
  return {
    task_id,
    task_name: h.name,
    difficulty: h.difficulty,
    seed: ep.seed,
    original_query: h.original,
    // After a reload the last StepResult is gone, but the reference of a finished episode is the task's, for its seed.
    reference_query: ep.episode_done ? (last?.info.reference_query ?? taskInstance(task_id, ep.seed)?.reference ?? null) : null,
    steps: ep.history.map((e) => ({
      step: e.step,
      task_id,
      action: e.action,
      execution: e.execution,
      reward: e.reward,
      done: e.done,
      terminated: e.terminated,
      truncated: e.truncated,
      hints_used: e.hints_used,
    })),
  };
}

/** The current episode as a replay, or null when there is nothing to export yet. An episode the Agent panel started is
 *  labelled with its model and endpoint host. */
export function currentReplay(s: EpisodeSource): Replay | null {
  const episode = currentEpisode(s);
  if (!episode) return null;
  const policy = s.recordedBy
    ? replayPolicy(s.recordedBy, episode.steps.length)
    : { name: 'app', details: 'recorded in the browser app: steps submitted by a person, or by an agent through window.sqlOptimEnv' };
  return replayOf(s, [episode], policy);
}

/** A replay of episodes played in this page (the Agent panel's run of several tasks uses it too). */
export function replayOf(
  s: Pick<EpisodeSource, 'boot'>,
  episodes: ReplayEpisode[],
  policy: { name: string; details: string },
): Replay | null {
  if (!episodes.length || s.boot.status.kind !== 'ready') return null;
  const info = s.boot.status.info;
  return makeReplay({
    version: pkg.version,
    engine: `duckdb-wasm ${pkg.dependencies['@duckdb/duckdb-wasm']} (DuckDB ${info.engine_version})`,
    dataset: { seed: info.seed, scale: info.scale },
    policy: policy.name,
    details: policy.details,
    episodes,
  });
}

/** The current episode's trajectory as JSON Lines, observations rebuilt as the environment showed them. */
export function currentTrajectory(s: EpisodeSource): string | null {
  const replay = currentReplay(s);
  const ep = replay?.episodes[0];
  const task = ep && taskInstance(ep.task_id, ep.seed);
  if (!ep || !task || s.boot.status.kind !== 'ready') return null;
  const ctx = {
    task_description: task.description,
    max_steps: task.max_steps,
    hints: task.hints,
    schema_info: s.boot.status.info.schema_info,
  };
  return trajectoryLines([transitionsOf(ep, ctx)]);
}

/** The standalone viewer file for a replay; throws with a message when the template is not there (dev server). */
export async function standaloneHtml(replay: Replay): Promise<string> {
  const res = await fetch(TEMPLATE_URL);
  if (!res.ok) throw new Error(`the viewer template is missing (HTTP ${res.status}); build the app with "npm run build"`);
  return embedReplay(await res.text(), replay);
}
