// One call for Node callers (CLI, tests, benchmarks): real DuckDB-WASM, generated data, the repository's tasks.
import { loadDuckDB } from './load-duckdb.ts';
import { readTaskFiles } from './task-files.ts';
import { type SetupOptions, createEnvironment } from '../env/setup.ts';

export async function createNodeEnvironment(o: Partial<Omit<SetupOptions, 'db'>> = {}) {
  return createEnvironment({ db: await loadDuckDB(), taskFiles: o.taskFiles ?? readTaskFiles(), ...o });
}
