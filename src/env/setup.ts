// Builds a ready environment from opened DuckDB-WASM instances: the visible data, the judged data (hidden seed) and the
// edge-case data, each sealed in an instance of its own; hardening; tasks. Node and browser alike.
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import { type DatasetSpec, MAIN_SPEC, TABLES, describeTables, drawJudgedSeed, generateDataset, judgedSpec, schemaInfo } from './dataset.ts';
import { EDGE_CASES, EdgeCases, type EdgeDataset } from './edge-cases.ts';
import { DEFAULT_LIMITS, DuckDBEngine, type EngineLimits } from './engine.ts';
import { DEFAULT_ENV_OPTIONS, type EnvOptions, Environment } from './environment.ts';
import { DEFAULT_EXECUTOR, Executor, type ExecutorOptions, type Rig } from './executor.ts';
import { loadTasks } from './tasks.ts';

/** Progress of setup for loading screens: one call per generated table, then 'ready'. */
export type SetupProgress = (p: { phase: string; detail: string; done: number; total: number }) => void;

/** The three DuckDB instances: one per kind of data, so user SQL on one can never name another's tables. */
export interface Instances {
  visible: DuckDBBindings;
  judged: DuckDBBindings;
  edge: DuckDBBindings;
}

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
}

/** The three engines with their data generated and hardened, and what the page shows about them. */
export function createRig(o: Omit<SetupOptions, 'taskFiles' | 'executor' | 'env'>) {
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  const [visible, judged, edge] = [o.dbs.visible, o.dbs.judged, o.dbs.edge].map((db) => new DuckDBEngine(db, limits));
  const spec = { ...MAIN_SPEC, ...o.dataset };
  // One count over both datasets' tables, so the loading bar only moves forward.
  const progress = (kind: string, before: number) => (p: { table: string; done: number; total: number }) =>
    o.onProgress?.({ phase: 'generate', detail: `${kind}: ${p.table}`, done: before + p.done, total: 2 * p.total });
  const generation_ms = generateDataset(visible, spec, progress('visible', 0));
  const tables = describeTables(visible);
  const judgedSeed = drawJudgedSeed(spec.seed, o.judgedSeed);
  const judged_generation_ms = generateDataset(judged, judgedSpec(spec, judgedSeed), progress('judged', TABLES.length));
  for (const e of [visible, judged, edge]) e.harden();
  const rig: Rig = { visible, judged, edges: new EdgeCases(edge, o.edgeCases ?? EDGE_CASES) };
  const info = {
    engine_version: visible.version,
    seed: spec.seed,
    scale: spec.scale,
    generation_ms,
    judged_generation_ms,
    tables,
    schema_info: schemaInfo(tables),
  };
  return { rig, info };
}

/** Tasks are validated before any data is generated, so a broken task file fails fast with its name. */
export function createEnvironment(o: SetupOptions): Environment {
  const tasks = loadTasks(o.taskFiles);
  const { rig, info } = createRig(o);
  o.onProgress?.({ phase: 'ready', detail: `${tasks.size} tasks`, done: 1, total: 1 });
  const executor = new Executor(rig, { ...DEFAULT_EXECUTOR, ...o.executor });
  return new Environment(rig.visible, executor, tasks, info, { ...DEFAULT_ENV_OPTIONS, ...o.env });
}
