// One call for Node callers (CLI, tests, benchmarks): real DuckDB-WASM, generated data, the repository's tasks.
import { loadDuckDB } from './load-duckdb.ts';
import { readTaskFiles } from './task-files.ts';
import { type Instances, type SetupOptions, createEnvironment } from '../env/setup.ts';

export async function createNodeEnvironment(o: Partial<Omit<SetupOptions, 'dbs'>> = {}) {
  // The scale op's scratch instance loads on first use: callers await env.scratch.open() before calling scale.
  return createEnvironment({ dbs: await loadInstances(), taskFiles: o.taskFiles ?? readTaskFiles(), scratch: loadDuckDB, ...o });
}

/** The visible, judged and edge-case DuckDB instances (three wasm instances: nothing is shared between them). */
export async function loadInstances(): Promise<Instances> {
  return { visible: await loadDuckDB(), judged: await loadDuckDB(), edge: await loadDuckDB() };
}
