// Files of `eval --out DIR`: the replay (JSON and standalone HTML) and the trajectories for training.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvInfo } from '../env/environment.ts';
import { episodeFrom, makeReplay, type Replay } from '../replay/format.ts';
import { embedReplay } from '../replay/standalone.ts';
import { trajectoryLines } from '../replay/trajectory.ts';
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

/** Writes the outputs; returns the paths written. `log` hears about the viewer build (first run after a change only). */
export async function writeEvalOutputs(
  dir: string,
  info: EnvInfo,
  policy: { name: string; details: string },
  reports: EpisodeReport[],
  log = (line: string) => void process.stderr.write(`${line}\n`),
): Promise<string[]> {
  const played = reports.filter((r) => r.first && r.transitions.length);
  if (!played.length) throw new Error('no episode spent a step: there is nothing to write a replay of');
  mkdirSync(dir, { recursive: true });
  const replay = replayOf(info, policy, played);
  const files = [join(dir, 'replay.json'), join(dir, 'trajectories.jsonl'), join(dir, 'replay.html')];
  writeFileSync(files[0], `${JSON.stringify(replay)}\n`);
  writeFileSync(files[1], trajectoryLines(played.map((r) => r.transitions)));
  // Loaded only here: the viewer build pulls in Vite and Svelte, which no other command needs.
  const { viewerTemplate } = await import('../replay/viewer-build.ts');
  writeFileSync(files[2], embedReplay(await viewerTemplate(log), replay));
  return files;
}
