// `sql-optim-env` command line: tasks, serve --stdio, eval --policy rules|oracle|replay, calibrate, bench.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createNodeEnvironment } from '../node/create.ts';
import { startSupervised } from '../node/spawn.ts';
import { readTaskFiles } from '../node/task-files.ts';
import { loadTasks, type TaskDef } from '../env/tasks.ts';
import { parseRewardSpec } from '../env/reward-config.ts';
import { deadlineOptions, defaultAndRange } from './deadline-flags.ts';
import { SECTIONS, benchOptions } from './bench-args.ts';
import { bench, benchScale } from './bench.ts';
import { calibrateTask } from './calibrate.ts';
import { planEval, runEval } from './eval-command.ts';
import { POLICY_NAMES } from '../policies/index.ts';
import { serveStdio } from './serve.ts';
import { serveHttpCommand } from './serve-http.ts';
import { fmt, table } from './table.ts';

const HELP = `sql-optim-env: an execution-grounded SQL optimization environment on DuckDB-WASM

Usage: sql-optim-env <command> [options]
  tasks [--json]                          list the tasks
  serve --stdio                           JSON-lines server: one request per stdin line, one response per stdout line
  serve --http [--port 8000] [--host 127.0.0.1] [--workers CORES-1] [--measure-slots CORES-1] [--queue 64]
               [--session-ttl 3600]       HTTP + WebSocket server: OpenEnv's /ws, /health, /metadata, /schema, /reset,
                                          /step, /state; the original's REST API (/, /grader, /execute, /tasks,
                                          /leaderboard); POST /api/<op>; a session per WebSocket or X-Session-Id header;
                                          --workers engine workers share the sessions, and at most --measure-slots of
                                          them time runs at once (docs/server.md)
  common options: --reward SPEC           reward weights of every episode: default, execution-only, or
                                          component=weight,… (an episode may choose its own at reset)
                  --judged-seed N         fix the hidden judged data's seed (a reproducible benchmark); random otherwise
                  --run-deadline SECONDS  least time one run of a rewrite may take before it is cancelled as a
                                          timeout ${defaultAndRange('run-deadline')}; an episode may choose its own at reset
                  --deadline-factor N     a rewrite's run may also take N times the original's ${defaultAndRange('deadline-factor')}
                  --original-deadline SECONDS
                                          one run of a task's own query, a hang past it ${defaultAndRange('original-deadline')}
                  --diff-deadline SECONDS the row diff shown on a mismatch, feedback only ${defaultAndRange('diff-deadline')}
  eval --policy ${POLICY_NAMES.join('|')} [--replay FILE] [--task ID]... [--seed N]... [--steps N] [--out DIR] [--json]
                                          run a policy over every task (× every --seed) and print [START]/[STEP]/[END]
                                          lines (inference.py's format) and a scoreboard; rules: the rule-based policy,
                                          oracle: submits the reference, llm: a language model over an OpenAI-compatible
                                          endpoint (API_BASE_URL, default the Hugging Face router; MODEL_NAME; HF_TOKEN
                                          or API_KEY), replay: re-submits FILE's actions (its own episodes unless
                                          --task); --steps caps attempts per episode; --json prints
                                          JSON (the lines go to stderr); --out writes DIR/replay.json, DIR/replay.html,
                                          DIR/trajectories.jsonl
  calibrate [--out FILE] [--task ID]...   measure each task's reference against its original (speedup, match);
                                          --out writes the table as JSON
  bench [--tasks ID,ID] [--repeats 5] [--skip ${SECTIONS.join(',')}]
                                          the speed and memory targets (issue 13) as ratios, one table per section,
                                          each figure with the machine's load; exit 1 when a target is missed.
                                          Sections: steps (every task's first step in a fresh environment, then a
                                          second), repeats (--repeats fresh episodes per task: the reward spread),
                                          ahead (each task's first step after its reference was measured ahead),
                                          coverage (the reference stepped 10 times: do the speedup intervals hold the
                                          median?), native (each query on DuckDB-WASM over native DuckDB), page
  bench --scale [--task ID]...            time the data scale explorer (the scale op) at its default sizes on each
                                          task's reference (default tasks 1 and 5), with peak memory
`;

const log = (s: string) => process.stderr.write(`${s}\n`);

function selectTasks(ids: string[] | undefined): TaskDef[] {
  const all = loadTasks(readTaskFiles());
  if (!ids?.length) return [...all.values()];
  return ids.map((id) => all.get(id) ?? fail(`unknown task "${id}"; known: ${[...all.keys()].join(', ')}`));
}

function fail(msg: string): never {
  log(`error: ${msg}`);
  process.exit(2);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      json: { type: 'boolean' },
      out: { type: 'string' },
      stdio: { type: 'boolean' },
      http: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      workers: { type: 'string' },
      'measure-slots': { type: 'string' },
      queue: { type: 'string' },
      'session-ttl': { type: 'string' },
      policy: { type: 'string' },
      task: { type: 'string', multiple: true },
      seed: { type: 'string', multiple: true },
      replay: { type: 'string' },
      steps: { type: 'string' },
      reward: { type: 'string' },
      'judged-seed': { type: 'string' },
      'run-deadline': { type: 'string' },
      'deadline-factor': { type: 'string' },
      'original-deadline': { type: 'string' },
      'diff-deadline': { type: 'string' },
      scale: { type: 'boolean' },
      tasks: { type: 'string' },
      repeats: { type: 'string' },
      skip: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const wantsJson = values.json === true;
  // Chosen by the operator for every episode that does not choose its own at reset; the judged seed is never echoed.
  const deadlines = deadlineOptions(values);
  if (!deadlines.ok) fail(deadlines.message);
  const session = {
    env: values.reward === undefined ? {} : { reward: parseRewardSpec(values.reward) },
    judgedSeed: values['judged-seed'] === undefined ? null : Number(values['judged-seed']),
    executor: deadlines.executor,
  };
  if (session.judgedSeed !== null && !Number.isSafeInteger(session.judgedSeed)) fail('--judged-seed must be an integer');

  switch (command) {
    case 'tasks': {
      const tasks = selectTasks(undefined);
      if (wantsJson) console.log(JSON.stringify(tasks, null, 2));
      else
        console.log(
          table(
            ['id', 'difficulty', 'steps', 'name'],
            tasks.map((t) => [t.id, t.difficulty, t.max_steps, t.name]),
          ),
        );
      return 0;
    }
    case 'serve': {
      if (values.http) return serveHttpCommand(values, session);
      if (!values.stdio) fail('serve needs --stdio or --http');
      const env = await startSupervised(session);
      env.events.on('notice', (n) => log(n.text));
      log('sql-optim-env: ready; one JSON request per line on stdin');
      await serveStdio(env);
      await env.close();
      return 0;
    }
    case 'eval': {
      const args = {
        policy: values.policy,
        replay: values.replay,
        tasks: values.task,
        seeds: values.seed,
        steps: values.steps,
        out: values.out,
        json: wantsJson,
      };
      let plan: ReturnType<typeof planEval>;
      try {
        plan = planEval(args, new Map(selectTasks(undefined).map((t) => [t.id, t])));
      } catch (e) {
        fail(e instanceof Error ? e.message : String(e));
      }
      const env = await createNodeEnvironment(session);
      return runEval(env, args, plan, { out: (s) => console.log(s), log });
    }
    case 'calibrate': {
      const tasks = selectTasks(values.task);
      const env = await createNodeEnvironment(session);
      const rows = tasks.map((t) => {
        const row = calibrateTask(env, t);
        log(`${t.id}: ${fmt.x(row.speedup)}`);
        return row;
      });
      console.log(
        table(
          ['task', 'difficulty', 'original ms', 'reference ms', 'speedup', '95% CI', 'pairs', 'main', 'holdout'],
          rows.map((r) => [
            r.task_id + (r.decoy ? ' (decoy)' : ''),
            r.difficulty,
            fmt.ms(r.original_ms),
            fmt.ms(r.reference_ms),
            fmt.x(r.speedup),
            fmt.ci(r.speedup_ci),
            r.pairs,
            fmt.yes(r.main_match),
            fmt.yes(r.holdout_match),
          ]),
        ),
      );
      if (values.out)
        writeFileSync(
          values.out,
          `${JSON.stringify({ engine: env.info().engine_version, date: new Date().toISOString(), rows }, null, 2)}\n`,
        );
      return rows.every((r) => r.main_match && r.holdout_match) ? 0 : 1;
    }
    case 'bench':
      if (values.scale) {
        await benchScale((s) => console.log(s), values.task ?? ['task_1_basic_antipatterns', 'task_5_window_functions'], session);
        return 0;
      }
      {
        let opts: ReturnType<typeof benchOptions>;
        try {
          opts = benchOptions(values);
        } catch (e) {
          fail(e instanceof Error ? e.message : String(e));
        }
        return (await bench((s) => console.log(s), opts, session, log)) ? 0 : 1;
      }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return command === undefined ? 2 : 0;
    default:
      fail(`unknown command "${command}"\n${HELP}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => fail(e instanceof Error ? e.message : String(e)),
);
