// Builds a ready environment from opened DuckDB-WASM bindings: engine, both datasets, hardening, tasks. Node and browser alike.
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import { type DatasetSpec, MAIN_SPEC, describeTables, generateDatasets, schemaInfo } from './dataset.ts';
import { DEFAULT_LIMITS, DuckDBEngine, type EngineLimits } from './engine.ts';
import { DEFAULT_ENV_OPTIONS, type EnvOptions, Environment } from './environment.ts';
import { DEFAULT_EXECUTOR, Executor, type ExecutorOptions } from './executor.ts';
import { loadTasks } from './tasks.ts';

/** Progress of setup for loading screens: one call per generated table, then 'ready'. */
export type SetupProgress = (p: { phase: string; detail: string; done: number; total: number }) => void;

export interface SetupOptions {
  db: DuckDBBindings;
  /** 'tasks/<id>/<file>' → text */
  taskFiles: Record<string, string>;
  onProgress?: SetupProgress;
  dataset?: Partial<DatasetSpec>;
  executor?: Partial<ExecutorOptions>;
  limits?: Partial<EngineLimits>;
  env?: Partial<EnvOptions>;
}

/** Tasks are validated before any data is generated, so a broken task file fails fast with its name. */
export function createEnvironment(o: SetupOptions): Environment {
  const tasks = loadTasks(o.taskFiles);
  const engine = new DuckDBEngine(o.db, { ...DEFAULT_LIMITS, ...o.limits });
  const spec = { ...MAIN_SPEC, ...o.dataset };
  const generation_ms = generateDatasets(engine, spec, (p) =>
    o.onProgress?.({ phase: 'generate', detail: `${p.dataset}.${p.table}`, done: p.done, total: p.total }),
  );
  const tables = describeTables(engine);
  engine.harden();
  o.onProgress?.({ phase: 'ready', detail: `${tasks.size} tasks`, done: 1, total: 1 });
  const info = {
    engine_version: engine.version,
    seed: spec.seed,
    scale: spec.scale,
    generation_ms,
    tables,
    schema_info: schemaInfo(tables),
  };
  return new Environment(engine, new Executor(engine, { ...DEFAULT_EXECUTOR, ...o.executor }), tasks, info, {
    ...DEFAULT_ENV_OPTIONS,
    ...o.env,
  });
}
