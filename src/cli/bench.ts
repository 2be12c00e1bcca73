// `bench`: the speed and memory targets of issue 13, measured on this machine as ratios, one table per section, each
// figure with the load average it was measured under; exits non-zero when a target is missed. Never run by tests.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { loadInstances } from '../node/create.ts';
import { loadDuckDB } from '../node/load-duckdb.ts';
import { readTaskFiles } from '../node/task-files.ts';
import { type SetupOptions, createEnvironment } from '../env/setup.ts';
import { drain } from '../env/steps.ts';
import type { Environment } from '../env/environment.ts';
import { type TaskDef, instantiate, loadTasks } from '../env/tasks.ts';
import { oracleAction } from '../policies/oracle.ts';
import { type Check, allPass, checkLine, coverageFloor, coverageOf, halfRange, median, perMinute } from './bench-stats.ts';
import type { BenchOptions, Section } from './bench-args.ts';
import { engineSection, ratioGeomean } from './bench-native.ts';
import { fmt, table } from './table.ts';

/** Targets, with the reason for each. */
export const TARGETS = {
  // Visible and judged data at scale 1 (the judge issue asks to keep both under 2.5 s in Node).
  generation_ms: 2_500,
  // No step may stall an RL loop or the page for longer than this, whatever the task.
  step_wall_ms: 30_000,
  // Issue 13: a later step spends its time timing, not around the timing (checks, plans, previews, bookkeeping).
  later_wall_over_timed: 1.15,
  // Issue 13: a task's first step times the reference in the same rounds, so it costs little more than a later one.
  first_over_later_wall: 1.5,
  // Issue 13: twice the steps per minute of the 26-task pass before it (11.8 cold, 31.9 warm, on the machine of that
  // day; the same machine runs faster on others, so the fair comparison is both codes back to back).
  steps_per_minute_cold: 2 * 11.8,
  // Issue 13: the page ready in a blink on an idle machine, faster the second time; the README's run command too.
  page_first_ms: 2_500,
  page_second_ms: 1_500,
  dev_ready_ms: 5_000,
  steps_per_minute_warm: 2 * 31.9,
  // Issue 13 (and the judge issue): the same action on the same task scores within ±0.02, spread = (max - min) / 2.
  reward_spread: 0.02,
  // The speedup interval is stated as about 95%: that share of calls must hold the median of repeated calls.
  ci_rate: 0.95,
  // Issue 13: the worker with the visible, judged and edge-case data fits a browser tab.
  memory_mb: 600,
};

/** The tasks of the coverage section: a small, a large and a window-function speedup (cut to the --tasks given). */
const COVERAGE_TASKS = ['task_1_basic_antipatterns', 'task_13_order_totals_per_user', 'task_20_signup_position'];
const COVERAGE_CALLS = 10;
/** Runs of each query on each engine in the native comparison (median taken). */
const ENGINE_RUNS = 5;

/** /proc/loadavg's 1, 5 and 15 minute figures (the OS's own where there is no /proc). */
export function machineLoad(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
  }
}

/** What one step cost and earned. */
interface StepRec {
  wall_ms: number;
  timed_ms: number;
  pairs: number;
  score: number;
  speedup: number | null;
  ci: [number, number] | null;
  /** reset, the action, and the step: what an RL loop waits for per step */
  loop_ms: number;
}

let stepsTaken = 0;

/**
 * The reference as the bench's step `n` submits it: a statement of its own. The number leads, because the gate strips a
 * trailing semicolon with any comment after it, and every reference ends in one: a trailing number would leave the same
 * statement each time, whose visible and edge-case checks the executor remembers.
 */
export const benchStatement = (reference: string, n: number) => `-- bench step ${n}\n${reference}`;

/**
 * A fresh episode of `def` and one step submitting its reference (the oracle's action). Each step's statement differs (a
 * leading numbered comment), as an agent's rewrites do: the executor remembers a statement's visible runs, and a bench that
 * sent the same text again would time that memory instead of a step. With `ahead`, the reference is measured ahead
 * between the reset and the step (Environment.prepare, what the page's worker does while a person reads the task):
 * `ahead_ms` is that measurement, left out of `loop_ms`.
 */
function oracleStep(env: Environment, def: TaskDef, ahead = false): StepRec & { ahead_ms: number } {
  const t0 = performance.now();
  const obs = env.reset({ task_id: def.id });
  if (!obs.ok) throw new Error(`${def.id}: ${obs.error.message}`);
  const t1 = performance.now();
  if (ahead) drain(env.prepare());
  const ahead_ms = performance.now() - t1;
  const r = env.step(oracleAction(obs.result, benchStatement(instantiate(def, null).reference, ++stepsTaken)));
  if (!r.ok) throw new Error(`${def.id}: ${r.error.message}`);
  const ex = r.result.observation.last_execution;
  return {
    wall_ms: r.result.info.wall_ms,
    timed_ms: r.result.info.timed_ms ?? NaN,
    pairs: ex?.pairs ?? 0,
    score: r.result.reward.score,
    speedup: ex?.speedup ?? null,
    ci: ex?.speedup_ci ?? null,
    loop_ms: performance.now() - t0 - ahead_ms,
    ahead_ms,
  };
}

/**
 * Per task: the first step in this environment (cold), a second (warm), the repeats (later-like: the reference's timing
 * is cached), and the first step in another environment after the reference was measured ahead.
 */
interface TaskSteps {
  def: TaskDef;
  cold: StepRec;
  warm: StepRec;
  repeats: StepRec[];
  prepared?: StepRec & { ahead_ms: number };
}

const later = (t: TaskSteps) => [t.warm, ...t.repeats];
const laterWallOverTimed = (t: TaskSteps) => median(later(t).map((s) => s.wall_ms / s.timed_ms));
const firstOverLater = (t: TaskSteps) => t.cold.wall_ms / median(later(t).map((s) => s.wall_ms));
const preparedOverLater = (t: TaskSteps) => (t.prepared ? t.prepared.wall_ms / median(later(t).map((s) => s.wall_ms)) : NaN);
const spreadOf = (t: TaskSteps) => (t.repeats.length > 1 ? halfRange(t.repeats.map((s) => s.score)) : NaN);

const label = (def: TaskDef) => def.id + (def.decoy ? ' (decoy)' : '');

/** The worst task of a per-task figure, for a target line. */
function worst(tasks: TaskSteps[], f: (t: TaskSteps) => number, kind: 'max' | 'min' = 'max') {
  const scored = tasks.map((t) => ({ id: t.def.id, v: f(t) })).filter((x) => Number.isFinite(x.v));
  return scored.reduce((w, x) => ((kind === 'max' ? x.v > w.v : x.v < w.v) ? x : w), scored[0]);
}

// Pairs of visits (first, then second) on fresh profiles: a second visit is fast when Chromium reuses the compiled code
// it kept and 0.2-0.4 s slower when it compiles afresh, which it does on some visits and not others (docs/results.md), so
// one pair would pass or fail a target by that chance.
const PAGE_PAIRS = 3;

/**
 * Page ready in Chromium: the built site's first and second visit (medians over PAGE_PAIRS pairs, with their range), and
 * `npm start` from a cold Vite cache. Imported when asked for: it needs the dev tools (Vite, playwright-core) and a
 * built dist/.
 */
async function pageRows(): Promise<{ visit: string; ready_ms: number; range: string; limit: number; load: string }[]> {
  const { measurePageReady, measureDevReady } = await import('../../scripts/page-ready.ts');
  const load = machineLoad();
  const pairs = [];
  for (let i = 0; i < PAGE_PAIRS; i++) pairs.push(await measurePageReady());
  const row = (visit: string, xs: number[], limit: number) => ({
    visit,
    ready_ms: median(xs),
    range: `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`,
    limit,
    load,
  });
  const dev = await measureDevReady();
  return [
    row(
      `built site, first visit (median of ${PAGE_PAIRS})`,
      pairs.map((p) => p.first_ms),
      TARGETS.page_first_ms,
    ),
    row(
      `built site, second visit (median of ${PAGE_PAIRS})`,
      pairs.map((p) => p.second_ms),
      TARGETS.page_second_ms,
    ),
    { visit: 'npm start, cold Vite cache', ready_ms: dev.dev_ms, range: '-', limit: TARGETS.dev_ready_ms, load: machineLoad() },
  ];
}

const mb = (bytes: number) => bytes / 2 ** 20;

/** Runs the sections and the targets; `session` carries the command line's common options (reward, judged seed, deadlines). */
export async function bench(
  log: (s: string) => void,
  o: BenchOptions,
  session: Partial<Pick<SetupOptions, 'env' | 'judgedSeed' | 'executor'>> = {},
  /** a line per step as it ends (stderr), so a long run shows where it is; not part of the tables */
  progress: (s: string) => void = () => {},
): Promise<boolean> {
  const all = loadTasks(readTaskFiles());
  const defs = o.tasks.length ? o.tasks.map((id) => all.get(id) ?? fail(`unknown task "${id}"`)) : [...all.values()];
  const full = defs.length === all.size;
  const on = (s: Section) => !o.skip.includes(s);
  const checks: Check[] = [];
  log(`bench: ${defs.length} task(s), ${o.repeats} repeats, skipping ${o.skip.join(', ') || 'nothing'}; load ${machineLoad()}`);

  // Memory: the process before any DuckDB instance exists is the baseline; the worker's share is what the three
  // instances with their generated data add to it (the page's worker holds exactly these three).
  const baseline = process.memoryUsage().rss;
  const t0 = performance.now();
  const dbs = await loadInstances();
  const wasm_ms = performance.now() - t0;
  const env = createEnvironment({ ...session, dbs, taskFiles: readTaskFiles() });
  const step = (def: TaskDef, what: string) => {
    const r = oracleStep(env, def);
    progress(
      `${what} ${def.id}: wall ${r.wall_ms.toFixed(0)} ms, timed ${r.timed_ms.toFixed(0)} ms, ${r.pairs} pairs, score ${r.score.toFixed(3)}`,
    );
    return r;
  };
  const loaded = process.memoryUsage().rss;
  const memLoad = machineLoad();
  const { generation_ms, judged_generation_ms } = env.info();
  log(
    `wasm instantiate (3 instances) ${wasm_ms.toFixed(0)} ms; generation: visible ${generation_ms.toFixed(0)} ms, judged ${judged_generation_ms.toFixed(0)} ms`,
  );
  checks.push({
    name: 'data generation, visible + judged (ms)',
    value: generation_ms + judged_generation_ms,
    limit: TARGETS.generation_ms,
    kind: 'max',
    load: memLoad,
    digits: 0,
  });
  checks.push({
    name: 'worker memory: RSS with the 3 instances generated minus the RSS before (MB)',
    value: mb(loaded - baseline),
    limit: TARGETS.memory_mb,
    kind: 'max',
    load: memLoad,
    digits: 0,
  });

  const tasks: TaskSteps[] = [];
  if (on('steps')) {
    log(`\n## Steps: cold (each task's first step in this environment), warm (a second), later = warm + ${o.repeats} repeats`);
    const coldStart = performance.now();
    const cold = defs.map((def) => step(def, 'cold'));
    const coldLoop = performance.now() - coldStart;
    const warmStart = performance.now();
    const warm = defs.map((def) => step(def, 'warm'));
    const warmLoop = performance.now() - warmStart;
    const passLoad = machineLoad();
    const repeats = defs.map((def) => (on('repeats') ? Array.from({ length: o.repeats }, (_, i) => step(def, `repeat ${i + 1}`)) : []));
    const repLoad = machineLoad();
    defs.forEach((def, i) => tasks.push({ def, cold: cold[i], warm: warm[i], repeats: repeats[i] }));
    log(
      table(
        [
          'task',
          'cold wall ms',
          'timed ms',
          'pairs',
          'warm wall ms',
          'timed ms',
          'pairs',
          'later wall/timed',
          'first/later wall',
          'score',
          'spread',
        ],
        tasks.map((t) => [
          label(t.def),
          fmt.ms(t.cold.wall_ms),
          fmt.ms(t.cold.timed_ms),
          t.cold.pairs,
          fmt.ms(t.warm.wall_ms),
          fmt.ms(t.warm.timed_ms),
          t.warm.pairs,
          laterWallOverTimed(t).toFixed(3),
          firstOverLater(t).toFixed(3),
          t.cold.score.toFixed(3),
          Number.isFinite(spreadOf(t)) ? `±${spreadOf(t).toFixed(3)}` : '-',
        ]),
      ),
    );
    const [coldRate, warmRate] = [perMinute(defs.length, coldLoop), perMinute(defs.length, warmLoop)];
    log(
      `steps per minute over ${defs.length} task(s) (reset + action + step): cold ${coldRate.toFixed(1)}, warm ${warmRate.toFixed(1)} ` +
        `(the issue's figures for the code before it, on that day's machine: 11.8 cold, 31.9 warm; only a back-to-back ` +
        `run of both codes compares them, docs/results.md); load ${passLoad}`,
    );
    const subset = full ? undefined : `only ${defs.length} of ${all.size} tasks: not comparable`;
    const w1 = worst(tasks, laterWallOverTimed);
    const w2 = worst(tasks, firstOverLater);
    const maxWall = Math.max(...tasks.flatMap((t) => [t.cold, ...later(t)].map((s) => s.wall_ms)));
    checks.push(
      {
        name: `later step wall / timed, median of ${1 + o.repeats} later steps, worst task (${w1.id})`,
        value: w1.v,
        limit: TARGETS.later_wall_over_timed,
        kind: 'max',
        load: repLoad,
        digits: 3,
      },
      {
        name: `first step wall / later step wall (median), no pause after reset (eval), worst task (${w2.id})`,
        value: w2.v,
        limit: TARGETS.first_over_later_wall,
        kind: 'max',
        load: repLoad,
        digits: 3,
      },
      {
        name: 'steps per minute, cold',
        value: coldRate,
        limit: TARGETS.steps_per_minute_cold,
        kind: 'min',
        load: passLoad,
        skip: subset,
        digits: 1,
      },
      {
        name: 'steps per minute, warm',
        value: warmRate,
        limit: TARGETS.steps_per_minute_warm,
        kind: 'min',
        load: passLoad,
        skip: subset,
        digits: 1,
      },
      { name: 'longest step wall (ms)', value: maxWall, limit: TARGETS.step_wall_ms, kind: 'max', load: repLoad, digits: 0 },
    );
    if (on('repeats') && o.repeats > 1) {
      const w3 = worst(tasks, spreadOf);
      checks.push({
        name: `reward spread over ${o.repeats} repeats, (max-min)/2, worst task (${w3.id})`,
        value: w3.v,
        limit: TARGETS.reward_spread,
        kind: 'max',
        load: repLoad,
        digits: 3,
      });
    }
    if (on('ahead')) await aheadSection(tasks, session, progress, log, checks);
    log(
      `memory after the steps: RSS minus baseline ${mb(process.memoryUsage().rss - baseline).toFixed(0)} MB, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (information: wasm heaps grow with queries and never shrink)`,
    );
  }

  if (on('coverage')) {
    const ids = COVERAGE_TASKS.filter((id) => defs.some((d) => d.id === id));
    const cov = (ids.length ? ids : [defs[0].id]).map((id) => {
      const def = all.get(id)!;
      const calls = Array.from({ length: COVERAGE_CALLS }, (_, i) => step(def, `coverage ${i + 1}`));
      return { id, calls, c: coverageOf(calls) };
    });
    const covLoad = machineLoad();
    log(
      `\n## Interval coverage: the reference stepped ${COVERAGE_CALLS} times per task; does each speedup_ci hold the median of the ${COVERAGE_CALLS} speedups?`,
    );
    log(
      table(
        ['task', 'calls', 'median speedup', 'speedups min-max', 'median CI', 'median pairs', 'CIs holding it'],
        cov.map(({ id, calls, c }) => {
          const sp = calls.flatMap((s) => (s.speedup === null ? [] : [s.speedup]));
          const lo = calls.flatMap((s) => (s.ci ? [s.ci[0]] : []));
          const hi = calls.flatMap((s) => (s.ci ? [s.ci[1]] : []));
          return [
            id,
            c.calls,
            fmt.x(c.median),
            sp.length ? `${Math.min(...sp).toFixed(2)}-${Math.max(...sp).toFixed(2)}` : '-',
            lo.length ? fmt.ci([median(lo), median(hi)]) : '-',
            median(calls.map((s) => s.pairs)),
            `${c.contained}/${c.calls}`,
          ];
        }),
      ),
    );
    const calls = cov.reduce((n, x) => n + x.c.calls, 0);
    const contained = cov.reduce((n, x) => n + x.c.contained, 0);
    checks.push({
      name: `calls whose speedup_ci holds the median of ${COVERAGE_CALLS} (${contained}/${calls} = ${((100 * contained) / calls).toFixed(0)}%; fewest consistent with ${TARGETS.ci_rate * 100}% at p=0.05)`,
      value: contained,
      limit: coverageFloor(calls, TARGETS.ci_rate),
      kind: 'min',
      load: covLoad,
      digits: 0,
    });
  }

  if (on('native')) {
    log(
      `\n## WASM over native DuckDB: each query consumed in DuckDB, median of ${ENGINE_RUNS} runs per engine, one thread each; CPU = the process's CPU time during the run`,
    );
    const s = await engineSection(defs, ENGINE_RUNS, progress);
    const natLoad = machineLoad();
    if (s) {
      log(
        `wasm ${s.wasm_version} vs native ${s.native_version}; generation of the visible data: wasm ${s.wasm_generation_ms.toFixed(0)} ms, native ${s.native_generation_ms.toFixed(0)} ms`,
      );
      log(
        table(
          ['task', 'query', 'wasm ms', 'native ms', 'wasm/native', 'wasm cpu ms', 'native cpu ms', 'wasm/native cpu', 'same result'],
          s.rows.map((r) => [
            r.task_id,
            r.query,
            fmt.ms(r.wasm_ms),
            fmt.ms(r.native_ms),
            fmt.x(r.wasm_ms / r.native_ms),
            fmt.ms(r.wasm_cpu_ms),
            fmt.ms(r.native_cpu_ms),
            fmt.x(r.wasm_cpu_ms / r.native_cpu_ms),
            fmt.yes(r.same),
          ]),
        ),
      );
      const q = (k: string) => s.rows.filter((r) => r.query === k);
      const g = (rows: typeof s.rows) => `${fmt.x(ratioGeomean(rows, 'cpu'))} cpu (${fmt.x(ratioGeomean(rows, 'wall'))} wall)`;
      log(
        `geometric mean wasm/native: all queries ${g(s.rows)}; originals ${g(q('original'))}; references ${g(q('reference'))}; load ${natLoad}`,
      );
      // Not a speed target: a query that answers differently means the two engines did not hold the same rows.
      const same = s.rows.filter((r) => r.same).length;
      checks.push({
        name: 'queries with the same result on wasm and native',
        value: same,
        limit: s.rows.length,
        kind: 'min',
        load: natLoad,
        digits: 0,
      });
    } else log('skipped: native DuckDB (@duckdb/node-api, a dev dependency) is not installed; the reason is on stderr');
  }

  if (on('page')) {
    log('\n## Page ready in Chromium (first and second visit)');
    const rows = await pageRows();
    log(
      table(
        ['visit', 'navigation to ready (ms)', 'range (ms)', 'load'],
        rows.map((r) => [r.visit, fmt.ms(r.ready_ms), r.range, r.load]),
      ),
    );
    for (const r of rows)
      checks.push({ name: `page ready, ${r.visit} (ms)`, value: r.ready_ms, limit: r.limit, kind: 'max', load: r.load, digits: 0 });
  }

  log('\n## Targets');
  for (const c of checks) log(checkLine(c));
  return allPass(checks);
}

/**
 * Each task's first step in a fresh environment after its reference was measured ahead, against the later steps of the
 * steps section: what a person who reads the task in the page before submitting waits for (agents' workers never
 * measure ahead).
 */
async function aheadSection(
  tasks: TaskSteps[],
  session: Partial<Pick<SetupOptions, 'env' | 'judgedSeed' | 'executor'>>,
  progress: (s: string) => void,
  log: (s: string) => void,
  checks: Check[],
): Promise<void> {
  const env = createEnvironment({ ...session, dbs: await loadInstances(), taskFiles: readTaskFiles() });
  for (const t of tasks) {
    t.prepared = oracleStep(env, t.def, true);
    progress(`ahead ${t.def.id}: ahead ${t.prepared.ahead_ms.toFixed(0)} ms, then wall ${t.prepared.wall_ms.toFixed(0)} ms`);
  }
  const load = machineLoad();
  log(`\n## First steps after the reference was measured ahead (a fresh environment; later = the steps section's)`);
  log(
    table(
      ['task', 'measured ahead ms', 'first wall ms', 'timed ms', 'pairs', 'first/later wall', 'score'],
      tasks.map((t) => [
        label(t.def),
        fmt.ms(t.prepared!.ahead_ms),
        fmt.ms(t.prepared!.wall_ms),
        fmt.ms(t.prepared!.timed_ms),
        t.prepared!.pairs,
        preparedOverLater(t).toFixed(3),
        t.prepared!.score.toFixed(3),
      ]),
    ),
  );
  const w = worst(tasks, preparedOverLater);
  checks.push({
    name: `first step wall / later step wall (median), reference measured ahead, worst task (${w.id})`,
    value: w.v,
    limit: TARGETS.first_over_later_wall,
    kind: 'max',
    load,
    digits: 3,
  });
}

function fail(msg: string): never {
  throw new Error(msg);
}

/**
 * `bench --scale`: the data scale explorer (the scale op) at its default sizes on each task's reference, timed as a
 * whole and per size, with the process's peak memory before and after (the scratch instance holds one size at a time).
 */
export async function benchScale(log: (s: string) => void, taskIds: string[], session: Partial<Pick<SetupOptions, 'executor'>> = {}) {
  const env = createEnvironment({ ...session, dbs: await loadInstances(), taskFiles: readTaskFiles(), scratch: loadDuckDB });
  const peakMb = () => process.resourceUsage().maxRSS / 1024;
  log(`three instances with their data: peak resident memory ${peakMb().toFixed(0)} MB`);
  const t0 = performance.now();
  await env.scratch!.open();
  log(`scratch instance loaded in ${(performance.now() - t0).toFixed(0)} ms`);
  const defs = loadTasks(readTaskFiles());
  for (const id of taskIds) {
    const def = defs.get(id);
    if (!def) throw new Error(`unknown task "${id}"`);
    const t = performance.now();
    const r = env.scale({ task_id: id, optimized_query: instantiate(def, null).reference });
    if (!r.ok) throw new Error(r.error.message);
    log(
      `${id}: ${((performance.now() - t) / 1000).toFixed(1)} s for ${r.result.points.length} sizes; peak resident memory ${peakMb().toFixed(0)} MB`,
    );
    for (const p of r.result.points)
      log(
        `  ${p.scale}×: events ${p.rows.events}, orders ${p.rows.orders}; original ${fmt.ms(p.original_ms)} ms, reference ${fmt.ms(p.optimized_ms)} ms, ` +
          `speedup ${fmt.x(p.speedup)} (${p.pairs} pairs), rows match ${fmt.yes(p.results_match)}${p.error ? `, ${p.error}` : ''}`,
      );
  }
}
