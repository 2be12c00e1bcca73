// Builds the environment over opened DuckDB-WASM instances, each dataset sealed in an instance of its own, in two phases:
// the visible phase (tasks, the visible data: every op but the judging ones works after it) and the hidden phase (the
// judged data under a hidden seed, the edge-case instance). Node runs them back to back; the page's worker answers after
// the visible phase and runs the hidden one in the background, a table at a time (src/worker/host.ts).
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import { type DatasetSpec, MAIN_SPEC, datasetSql, describeTables, drawJudgedSeed, judgedSpec, schemaInfo } from './dataset.ts';
import { EDGE_CASES, EdgeCases, type EdgeDataset } from './edge-cases.ts';
import { DEFAULT_LIMITS, DuckDBEngine, type Engine, type EngineLimits } from './engine.ts';
import { DEFAULT_ENV_OPTIONS, type EnvInfo, type EnvOptions, Environment, type VisibleInfo, type VisibleSource } from './environment.ts';
import { DEFAULT_EXECUTOR, Executor, type ExecutorOptions, type Rig } from './executor.ts';
import { PhasedRig } from './phased-rig.ts';
import { drain } from './steps.ts';
import { Scratch } from './scale.ts';
import { attachCopy, copyable } from './visible-copy.ts';
import { type TaskDef, loadTasks } from './tasks.ts';
import type { MeasurementGate } from './timing.ts';

/** Progress of setup for loading screens: one call per generated visible table, then 'ready'. */
export type SetupProgress = (p: { phase: string; detail: string; done: number; total: number }) => void;

/** The three DuckDB instances: one per kind of data, so user SQL on one can never name another's tables. */
export interface Instances {
  visible: DuckDBBindings;
  judged: DuckDBBindings;
  edge: DuckDBBindings;
}

/** The instances of the hidden phase (the page loads them after it is ready). */
export type HiddenInstances = Omit<Instances, 'visible'>;

export interface SetupOptions {
  dbs: Instances;
  /** 'tasks/<id>/<file>' → text */
  taskFiles: Record<string, string>;
  onProgress?: SetupProgress;
  dataset?: Partial<DatasetSpec>;
  /** a fixed judged seed for a reproducible benchmark (an operator's option; never echoed); random when absent */
  judgedSeed?: number | null;
  /** the edge-case datasets every rewrite must also match on (default: EDGE_CASES) */
  edgeCases?: EdgeDataset[];
  executor?: Partial<ExecutorOptions>;
  limits?: Partial<EngineLimits>;
  env?: Partial<EnvOptions>;
  /** admission to the engines when workers share the machine (the HTTP server's scheduler); open when absent */
  gate?: MeasurementGate;
  /** loads a fresh DuckDB instance for the scale op's data, on its first call (no cost at boot); the op is refused without */
  scratch?: () => Promise<DuckDBBindings>;
  /** a kept copy of the visible tables (visible-copy.ts), attached instead of generating them if it verifies (the page) */
  visibleCopy?: Uint8Array | null;
}

/** The page's options: only the visible instance is open when the environment starts. */
export type StartOptions = Omit<SetupOptions, 'dbs'> & { db: DuckDBBindings };

/** One phase of the hidden data: a step per chunk of work; returns the judged data's generation time. */
export type HiddenPhase = Generator<void, number>;

type DataOptions = Pick<SetupOptions, 'onProgress' | 'dataset' | 'judgedSeed' | 'edgeCases' | 'limits' | 'gate' | 'visibleCopy'>;

/** The three engines with their data generated and hardened, and what the page shows about them (Node, tests). */
export function createRig(o: Omit<SetupOptions, 'taskFiles' | 'executor' | 'env'>): { rig: Rig; info: EnvInfo } {
  const { rig, info } = visiblePhase(o.dbs.visible, o);
  const judged_generation_ms = drain(hiddenPhase(rig, o.dbs, o));
  return { rig, info: { ...info, judged_generation_ms } };
}

/** Node: everything built before the environment answers. Tasks are validated first, so a broken file fails fast. */
export function createEnvironment(o: SetupOptions): Environment {
  const tasks = loadTasks(o.taskFiles);
  const { rig, info } = createRig(o);
  return assemble(tasks, rig, info, o);
}

/** The page: the environment over the visible data now, and the hidden phase for the caller to run when it likes. */
export function startEnvironment(o: StartOptions): { env: Environment<VisibleInfo>; hidden: (dbs: HiddenInstances) => HiddenPhase } {
  const tasks = loadTasks(o.taskFiles);
  const { rig, info } = visiblePhase(o.db, o);
  return { env: assemble(tasks, rig, info, o), hidden: (dbs) => hiddenPhase(rig, dbs, o) };
}

function assemble<I extends VisibleInfo>(tasks: Map<string, TaskDef>, rig: Rig, info: I, o: Omit<SetupOptions, 'dbs'>): Environment<I> {
  o.onProgress?.({ phase: 'ready', detail: `${tasks.size} tasks`, done: 1, total: 1 });
  const executor = new Executor(rig, { ...DEFAULT_EXECUTOR, ...o.executor }, o.gate);
  const scratch = o.scratch && new Scratch(o.scratch, { ...MAIN_SPEC, ...o.dataset }, { ...DEFAULT_LIMITS, ...o.limits }, o.gate);
  return new Environment(rig.visible, executor, tasks, info, { ...DEFAULT_ENV_OPTIONS, ...o.env }, scratch ?? null);
}

/** The visible data attached from a kept copy that verifies, or generated; then hardened, in a rig whose hidden half the
 *  hidden phase fills in. */
function visiblePhase(db: DuckDBBindings, o: DataOptions): { rig: PhasedRig; info: VisibleInfo } {
  const spec = { ...MAIN_SPEC, ...o.dataset };
  const visible = new DuckDBEngine(db, { ...DEFAULT_LIMITS, ...o.limits }, o.gate);
  const t0 = performance.now();
  const refused = o.visibleCopy ? (copyable(spec) ? attachCopy(db, visible, o.visibleCopy) : 'the dataset is not the published one') : null;
  const visible_source: VisibleSource = !o.visibleCopy ? 'generated' : refused === null ? 'copy' : `generated (copy refused: ${refused})`;
  // Attached and verified, or refused then generated: the time it all took.
  if (visible_source !== 'copy')
    drain(tablesOf(visible, spec, (table, done, total) => o.onProgress?.({ phase: 'generate', detail: `visible: ${table}`, done, total })));
  const generation_ms = performance.now() - t0;
  const tables = describeTables(visible);
  visible.harden();
  const info = {
    engine_version: visible.version,
    seed: spec.seed,
    scale: spec.scale,
    generation_ms,
    visible_source,
    tables,
    schema_info: schemaInfo(tables),
  };
  return { rig: new PhasedRig(visible), info };
}

/**
 * The judged data under a seed drawn here and never shown, then both hidden instances hardened (the same settings as
 * the visible one, so no query tells them apart) and handed to the rig. Nothing of it is reported but its time.
 */
function* hiddenPhase(rig: PhasedRig, dbs: HiddenInstances, o: DataOptions): HiddenPhase {
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  const spec = { ...MAIN_SPEC, ...o.dataset };
  const judged = new DuckDBEngine(dbs.judged, limits, o.gate);
  const judged_generation_ms = yield* tablesOf(judged, judgedSpec(spec, drawJudgedSeed(spec.seed, o.judgedSeed)));
  const edges = yield* EdgeCases.load(dbs.edge, o.edgeCases ?? EDGE_CASES, limits, o.gate);
  judged.harden();
  rig.complete({ judged, edges });
  return judged_generation_ms;
}

/** One dataset, a step per table; returns the time the tables took (not the pauses a caller makes between steps). */
function* tablesOf(
  engine: Engine,
  spec: DatasetSpec,
  onTable?: (table: string, done: number, total: number) => void,
): Generator<void, number> {
  const jobs = datasetSql(spec);
  let ms = 0;
  for (const [n, job] of jobs.entries()) {
    const t0 = performance.now();
    engine.exec(job.sql);
    ms += performance.now() - t0;
    onTable?.(job.table, n + 1, jobs.length);
    yield;
  }
  return ms;
}
