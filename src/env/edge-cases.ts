// The edge-case datasets (design §3) share one DuckDB instance, each in the temporary tables of a connection of its own.
// A connection's temporary tables are private to it, so user SQL on one dataset's connection can name only that
// dataset's tables (no schema, catalog or connection reaches another's), and no dataset is reloaded between checks.
import { datasetSql } from './dataset.ts';
import { EDGE_DATASETS, type EdgeDataset } from './edge-data.ts';
import { DuckDBEngine, type Engine, type EngineLimits } from './engine.ts';
import type { MeasurementGate } from './timing.ts';
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';

export type { EdgeDataset };

/** The edge-case datasets, each held by its own connection; `each` visits them in order. */
export class EdgeCases {
  private constructor(private readonly held: { dataset: EdgeDataset; engine: Engine }[]) {}

  get datasets(): EdgeDataset[] {
    return this.held.map((h) => h.dataset);
  }

  /** Calls `fn` with each dataset and the engine holding it; stops early when `fn` returns false. */
  each(fn: (d: EdgeDataset, engine: Engine) => boolean | void): void {
    for (const { dataset, engine } of this.held) if (fn(dataset, engine) === false) return;
  }

  /**
   * Loads every dataset into `db`, a step per dataset (the page runs it in the background between its own work), then
   * hardens the connections together. Each dataset's statements run in the instance's main schema, as they were
   * written to, and their tables then move into the temporary tables of the dataset's connection: main ends empty.
   */
  static *load(db: DuckDBBindings, datasets: EdgeDataset[], limits: EngineLimits, gate?: MeasurementGate): Generator<void, EdgeCases> {
    const held = [];
    for (const dataset of datasets) {
      const engine = new DuckDBEngine(db, limits, gate);
      for (const s of dataset.statements) engine.exec(s);
      const tables = engine.rows(`SELECT database_name AS d, table_name AS t FROM duckdb_tables() WHERE NOT temporary`);
      for (const { d, t } of tables) {
        const name = `"${String(d)}".main."${String(t)}"`;
        engine.exec(`CREATE TEMP TABLE "${String(t)}" AS SELECT * FROM ${name}`);
        engine.exec(`DROP TABLE ${name}`);
      }
      held.push({ dataset, engine });
      yield;
    }
    DuckDBEngine.hardenTogether(held.map((h) => h.engine));
    return new EdgeCases(held);
  }
}

/** The generator at a tiny scale under another seed, with six times the NULLs and thirty times the duplicates. */
const SMALL_AND_DIRTY: EdgeDataset = {
  name: 'small_and_dirty',
  why: 'the generator itself at a tiny scale under another seed, with many more NULLs, exact duplicates and empty groups',
  statements: datasetSql({ seed: 104_729, scale: 0.02, nullRate: 0.06, dupRate: 0.03 }).map((j) => j.sql),
};

/** Every edge-case dataset a rewrite must also match on. */
export const EDGE_CASES: EdgeDataset[] = [SMALL_AND_DIRTY, ...EDGE_DATASETS];
