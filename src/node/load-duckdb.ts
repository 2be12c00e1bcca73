// Node entry to DuckDB-WASM: instantiates the blocking bindings from the package's own wasm files (no network).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';

const require = createRequire(import.meta.url);
type NodeBlocking = typeof import('@duckdb/duckdb-wasm/blocking');

/** Instantiates and opens an in-memory DuckDB-WASM (eh bundle, mvp fallback) in this thread. */
export async function loadDuckDB(): Promise<DuckDBBindings> {
  return (await loadDuckDBTimed()).db;
}

/** The same, telling which bundle loaded and how long it took (the worker protocol reports both). */
export async function loadDuckDBTimed(): Promise<{ db: DuckDBBindings; bundle: 'eh' | 'mvp'; ms: number }> {
  const t0 = performance.now();
  const duck = require('@duckdb/duckdb-wasm/blocking') as NodeBlocking;
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/blocking'));
  const bundles = {
    mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const bundle = (await duck.getPlatformFeatures()).wasmExceptions ? 'eh' : 'mvp';
  const db = await duck.createDuckDB(bundles, new duck.VoidLogger(), duck.NODE_RUNTIME);
  await db.instantiate(() => {});
  db.open({});
  return { db, bundle, ms: performance.now() - t0 };
}
