// Files of `eval --out DIR`: the replay (JSON and standalone HTML) and the trajectories for training.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvInfo } from '../env/environment.ts';
import { episodeFrom, makeReplay, type Replay } from '../replay/format.ts';
import { embedReplay } from '../replay/standalone.ts';
import { trajectoryLines } from '../replay/trajectory.ts';
import { agentTrajectoryLine } from '../agent/trajectory.ts';
import type { EpisodeReport } from './eval.ts';

const PKG = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

/** The replay of a set of episodes (those that spent a step), with the environment's versions and dataset. */
export function replayOf(info: EnvInfo, policy: { name: string; details: string }, reports: EpisodeReport[]): Replay {
  return makeReplay({
    version: PKG.version,
    engine: `duckdb-wasm ${PKG.dependencies['@duckdb/duckdb-wasm']} (DuckDB ${info.engine_version})`,
    dataset: { seed: info.seed, scale: info.scale },
    policy: policy.name,
    details: policy.details,
    episodes: reports.flatMap((r) =>
      r.first && r.transitions.length
        ? [
            episodeFrom(
              r.first,
              r.transitions.map(({ action, result }) => ({ action, result })),
            ),
          ]
        : [],
    ),
  });
}

/**
 * trajectories.jsonl: a language model's attempts in TRL's conversational prompt/completion format (docs/trajectories.md),
 * unreadable replies included; any other policy's steps as observation/action/reward lines.
 */
function trajectoriesOf(reports: EpisodeReport[], played: EpisodeReport[]): string {
  if (!reports.some((r) => r.records.some((x) => x.decision?.trace?.messages))) return trajectoryLines(played.map((r) => r.transitions));
  const lines = reports.flatMap((r, episode) =>
    r.records.flatMap((x) =>
      x.decision
        ? [agentTrajectoryLine({ task_id: r.task_id, episode, step: x.attempt, model: r.policy, decision: x.decision, result: x.result })]
        : [],
    ),
  );
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Writes the outputs; returns the paths written. `log` hears about the viewer build (first run after a change only). */
export async function writeEvalOutputs(
  dir: string,
  info: EnvInfo,
  policy: { name: string; details: string },
  reports: EpisodeReport[],
  log = (line: string) => void process.stderr.write(`${line}\n`),
): Promise<string[]> {
  const played = reports.filter((r) => r.first && r.transitions.length);
  mkdirSync(dir, { recursive: true });
  const trajectories = join(dir, 'trajectories.jsonl');
  // Written even when no step was spent: a model's unreadable replies are what a trainer most needs to see.
  writeFileSync(trajectories, trajectoriesOf(reports, played));
  if (!played.length) {
    log('no episode spent a step: no replay written');
    return [trajectories];
  }
  const replay = replayOf(info, policy, played);
  const files = [join(dir, 'replay.json'), trajectories, join(dir, 'replay.html')];
  writeFileSync(files[0], `${JSON.stringify(replay)}\n`);
  // Loaded only here: the viewer build pulls in Vite and Svelte, which no other command needs.
  const { viewerTemplate } = await import('../replay/viewer-build.ts');
  writeFileSync(files[2], embedReplay(await viewerTemplate(log), replay));
  return files;
}
