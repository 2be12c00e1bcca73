// The `eval` command's plan and run: which episodes (tasks × seeds, or a replay's episodes), which policy builds each,
// the log lines on stdout (stderr under --json, which keeps stdout one JSON document), the scoreboard and --out files.
import { readFileSync } from 'node:fs';
import type { Environment } from '../env/environment.ts';
import type { TaskDef } from '../env/tasks.ts';
import { POLICY_NAMES, type PolicyOptions, policyKind } from '../policies/index.ts';
import { parseReplay } from '../replay/format.ts';
import { type EpisodePlan, type EpisodeReport, episodeSpec, evalEpisode, scoreboard, summarise } from './eval.ts';
import { writeEvalOutputs } from './outputs.ts';

export interface EvalArgs {
  policy: string | undefined;
  replay: string | undefined;
  tasks: string[] | undefined;
  seeds: string[] | undefined;
  steps: string | undefined;
  out: string | undefined;
  json: boolean;
}

/** A usage error: the command line is wrong, nothing ran (exit 2). */
export class UsageError extends Error {}

const integer = (s: string, what: string) => {
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new UsageError(`${what} must be an integer (got "${s}")`);
  return n;
};

/** Checks the arguments and builds every episode's policy before any data is generated. */
export function planEval(a: EvalArgs, allTasks: Map<string, TaskDef>) {
  const kind = policyKind(a.policy ?? '');
  if (!kind) {
    const renamed = a.policy === 'baseline' ? ' ("baseline" is gone: rules is the rule-based policy, oracle submits the reference)' : '';
    throw new UsageError(`--policy must be one of ${POLICY_NAMES.join(', ')}${renamed}`);
  }
  if (a.replay && a.policy !== 'replay') throw new UsageError('--replay goes with --policy replay');
  const options: PolicyOptions = { replaySource: a.replay, env: process.env };
  if (a.replay) options.replay = parseReplay(readFileSync(a.replay, 'utf8'));
  const def = (id: string) => allTasks.get(id) ?? fail(`unknown task "${id}"; known: ${[...allTasks.keys()].join(', ')}`);
  const seeds: (number | null)[] = a.seeds?.length ? a.seeds.map((s) => integer(s, '--seed')) : [null];
  // A replay plays back its own episodes unless --task picks some.
  const wanted: [TaskDef, number | null][] =
    options.replay && !a.tasks?.length
      ? options.replay.episodes.filter((e) => !a.seeds?.length || seeds.includes(e.seed)).map((e) => [def(e.task_id), e.seed])
      : (a.tasks?.length ? a.tasks.map(def) : [...allTasks.values()]).flatMap((d) => seeds.map((s): [TaskDef, number | null] => [d, s]));
  const factory = kind.prepare(options);
  const plans: EpisodePlan[] = wanted.map(([d, seed]) => ({ def: d, seed, policy: factory(episodeSpec(d, seed)) }));
  const maxSteps = a.steps === undefined ? undefined : integer(a.steps, '--steps');
  if (maxSteps !== undefined && maxSteps < 1) throw new UsageError('--steps must be at least 1');
  return { plans, maxSteps, details: kind.describe(options) };
}

function fail(message: string): never {
  throw new UsageError(message);
}

/** Runs the plan; returns the exit code (1 when an episode stopped on an error). */
export async function runEval(
  env: Environment,
  a: EvalArgs,
  plan: ReturnType<typeof planEval>,
  io: { out: (s: string) => void; log: (s: string) => void },
): Promise<number> {
  const lines = a.json ? io.log : io.out;
  const reports: EpisodeReport[] = [];
  for (const p of plan.plans) {
    const r = await evalEpisode(env, p, { maxSteps: plan.maxSteps, line: lines });
    io.log(
      `${p.def.id}${p.seed === null ? '' : ` seed ${p.seed}`}: score ${r.best_score.toFixed(3)} in ${r.steps} step(s), ` +
        `${(r.wall_ms / 1000).toFixed(1)} s`,
    );
    reports.push(r);
    if (r.fatal) {
      io.log(`stopping: ${r.error}`);
      break;
    }
  }
  const name = plan.plans[0]?.policy.name ?? String(a.policy);
  if (a.out) for (const f of await writeEvalOutputs(a.out, env.info(), { name, details: plan.details }, reports)) io.log(`wrote ${f}`);
  if (a.json) {
    const episodes = reports.map(({ transitions: _t, first: _f, records: _r, ...r }) => r);
    io.out(JSON.stringify({ policy: name, details: plan.details, summary: summarise(reports), episodes }, null, 2));
  } else io.out(`\n${scoreboard(name, reports)}`);
  return reports.some((r) => r.error) ? 1 : 0;
}
