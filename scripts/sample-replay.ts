// `npm run sample-replay`: writes public/sample-replay.json, the replay the app offers as "Open the sample replay",
// by running the oracle policy over the five original tasks with the same code as `eval --policy oracle --out`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { episodeSpec, evalEpisode } from '../src/cli/eval.ts';
import { replayOf } from '../src/cli/outputs.ts';
import { loadTasks } from '../src/env/tasks.ts';
import { POLICIES } from '../src/policies/index.ts';
import { createNodeEnvironment } from '../src/node/create.ts';
import { readTaskFiles } from '../src/node/task-files.ts';
import { parseReplay } from '../src/replay/format.ts';

/** The original environment's five tasks, canonical variants: small enough to load at once, varied enough to show. */
const TASKS = [
  'task_1_basic_antipatterns',
  'task_2_correlated_subqueries',
  'task_3_wildcard_scan',
  'task_4_implicit_join',
  'task_5_window_functions',
];
const OUT = fileURLToPath(new URL('../public/sample-replay.json', import.meta.url));

const defs = loadTasks(readTaskFiles());
const env = await createNodeEnvironment();
const oracle = POLICIES.oracle.prepare({});
const reports = [];
for (const id of TASKS) {
  const def = defs.get(id);
  if (!def) throw new Error(`no task ${id}`);
  const r = await evalEpisode(env, { def, seed: null, policy: oracle(episodeSpec(def, null)) });
  process.stderr.write(`${id}: ${r.steps} step(s), best score ${r.best_score.toFixed(3)}\n`);
  reports.push(r);
}
const text = `${JSON.stringify(replayOf(env.info(), { name: 'oracle', details: POLICIES.oracle.describe({}) }, reports))}\n`;
parseReplay(text); // what the app will accept, checked before it is written
writeFileSync(OUT, text);
process.stderr.write(`wrote ${OUT} (${(text.length / 1024).toFixed(0)} KB)\n`);
process.exit(0);
