// `bench`'s engine section: each task's original and reference on DuckDB-WASM and on native DuckDB (same version, same
// generated rows, one thread each), median of several runs, and the WASM/native ratio: what the browser engine costs.
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import { RecordBatchReader, Table } from 'apache-arrow';
import { MAIN_SPEC, datasetSql } from '../env/dataset.ts';
import { consumeSql } from '../env/fingerprint.ts';
import { type TaskDef, instantiate } from '../env/tasks.ts';
import { loadDuckDB } from '../node/load-duckdb.ts';
import { geomean, median } from './bench-stats.ts';

export interface EngineRow {
  task_id: string;
  query: 'original' | 'reference';
  /** medians of wall time */
  wasm_ms: number;
  native_ms: number;
  /** medians of the process's CPU time: what the engine itself spent, whatever else the machine runs */
  wasm_cpu_ms: number;
  native_cpu_ms: number;
  /** the consumed result (row count and hash) is the same on both engines: the same data and the same answer */
  same: boolean;
}

export interface EngineSection {
  rows: EngineRow[];
  wasm_version: string;
  native_version: string;
  wasm_generation_ms: number;
  native_generation_ms: number;
}

/** DuckDB-WASM's side: a fresh instance with the visible data, queries run whole through the blocking bindings. */
function openWasm(db: DuckDBBindings) {
  const conn = db.connect().useUnsafe((_, c) => c);
  const first = (buf: Uint8Array) => {
    const t = new Table(RecordBatchReader.from(buf));
    return t.schema.fields.map((_, j) => String(t.getChildAt(j)?.get(0)));
  };
  return {
    version: db.getVersion(),
    generate: () => {
      const t0 = performance.now();
      for (const job of datasetSql(MAIN_SPEC)) db.runQuery(conn, job.sql);
      return performance.now() - t0;
    },
    timed(sql: string) {
      const [t, c] = [performance.now(), process.cpuUsage()];
      const buf = db.runQuery(conn, sql);
      const [ms, cpu] = [performance.now() - t, process.cpuUsage(c)];
      return { ms, cpu_ms: (cpu.user + cpu.system) / 1000, first: first(buf) };
    },
  };
}

/**
 * Times each task's original and reference `runs` times on both engines, a run of each engine in turn so a change of
 * machine load falls on both; each query is first run once on each engine untimed (warm-up, and the equality check).
 * What runs is the query consumed in DuckDB (every column of every row hashed), as the environment's timed runs do.
 */
export async function engineSection(defs: TaskDef[], runs: number, log: (s: string) => void): Promise<EngineSection | null> {
  // Imported here so the native library is loaded only when this section runs (and never counts in the memory figure);
  // an install without dev dependencies (the Docker image) has none, and the section says so instead of failing.
  let openNativeDuckDB: typeof import('../node/native-duckdb.ts').openNativeDuckDB;
  try {
    ({ openNativeDuckDB } = await import('../node/native-duckdb.ts'));
  } catch (e) {
    log(`  native DuckDB is not installed (@duckdb/node-api, a dev dependency): ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
  const native = await openNativeDuckDB(MAIN_SPEC);
  const wasm = openWasm(await loadDuckDB());
  const wasm_generation_ms = wasm.generate();
  log(`  visible data generated: native ${native.generation_ms.toFixed(0)} ms, wasm ${wasm_generation_ms.toFixed(0)} ms`);
  const rows: EngineRow[] = [];
  try {
    for (const def of defs) {
      const t = instantiate(def, null);
      const queries = [['original', t.original] as const, ...(t.reference !== t.original ? [['reference', t.reference] as const] : [])];
      for (const [query, text0] of queries) {
        const sql = text0.trim().replace(/[;\s]+$/, ''); // a task file's trailing semicolon cannot sit inside a subquery
        const text = `SELECT n::VARCHAR AS n, h::VARCHAR AS h FROM (${consumeSql(sql, await native.columnCount(sql))})`;
        const same = (await native.timed(text)).first.join() === wasm.timed(text).first.join();
        const w: { ms: number; cpu_ms: number }[] = [];
        const n: { ms: number; cpu_ms: number }[] = [];
        for (let i = 0; i < runs; i++) {
          w.push(wasm.timed(text));
          n.push(await native.timed(text));
        }
        const med = (xs: typeof w, k: 'ms' | 'cpu_ms') => median(xs.map((x) => x[k]));
        rows.push({
          task_id: def.id,
          query,
          wasm_ms: med(w, 'ms'),
          native_ms: med(n, 'ms'),
          wasm_cpu_ms: med(w, 'cpu_ms'),
          native_cpu_ms: med(n, 'cpu_ms'),
          same,
        });
      }
      log(
        `  ${def.id}: ${rows
          .filter((r) => r.task_id === def.id)
          .map((r) => `${r.query} ${(r.wasm_ms / r.native_ms).toFixed(2)}x`)
          .join(', ')}`,
      );
    }
  } finally {
    native.close();
  }
  return {
    rows,
    wasm_version: wasm.version,
    native_version: native.version,
    wasm_generation_ms,
    native_generation_ms: native.generation_ms,
  };
}

/** Geometric mean of the WASM/native ratios of the rows given, of wall or CPU time. */
export const ratioGeomean = (rows: readonly EngineRow[], of: 'wall' | 'cpu') =>
  rows.length ? geomean(rows.map((r) => (of === 'wall' ? r.wasm_ms / r.native_ms : r.wasm_cpu_ms / r.native_cpu_ms))) : NaN;
