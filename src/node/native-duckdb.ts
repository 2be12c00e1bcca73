// Native DuckDB (@duckdb/node-api, a dev dependency) for `bench` only: the yardstick DuckDB-WASM's speed is compared with.
// Nothing else may import this file: the environment runs on DuckDB-WASM alone, in Node as in the page.
import { DuckDBInstance } from '@duckdb/node-api';
import { type DatasetSpec, datasetSql } from '../env/dataset.ts';

/** A native in-memory DuckDB holding one generated dataset. */
export interface NativeDuckDB {
  readonly version: string;
  /** wall time of generating the dataset, ms */
  readonly generation_ms: number;
  /** result columns of a query (prepared, not run) */
  columnCount(sql: string): Promise<number>;
  /**
   * Runs trusted SQL to completion: its wall time, the process's CPU time meanwhile (the query runs on a thread of the
   * library's pool while this one waits, so on a busy machine its wall time also counts the wake-ups; its CPU time
   * does not), both in ms, and its first row as text cells.
   */
  timed(sql: string): Promise<{ ms: number; cpu_ms: number; first: string[] }>;
  close(): void;
}

/**
 * Opens native DuckDB with one thread (DuckDB-WASM runs on one; more would measure the cores, not the engine) and
 * generates `spec`'s dataset with the very SQL the environment runs, so both engines hold the same rows.
 */
export async function openNativeDuckDB(spec: DatasetSpec): Promise<NativeDuckDB> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  const [row] = (await conn.runAndReadAll('SELECT version() AS v')).getRows();
  const t0 = performance.now();
  for (const job of datasetSql(spec)) await conn.run(job.sql);
  const generation_ms = performance.now() - t0;
  return {
    version: String(row[0]),
    generation_ms,
    columnCount: async (sql) => (await conn.prepare(sql)).columnCount,
    async timed(sql) {
      const [t, c] = [performance.now(), process.cpuUsage()];
      const reader = await conn.runAndReadAll(sql);
      const [ms, cpu] = [performance.now() - t, process.cpuUsage(c)];
      return { ms, cpu_ms: (cpu.user + cpu.system) / 1000, first: (reader.getRows()[0] ?? []).map(String) };
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
