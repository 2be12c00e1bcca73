// The edge-case datasets (design §3) take turns in one DuckDB instance of their own: each is small, so loading one is
// cheap, and while it is loaded it is the only data user SQL there can see.
import { datasetSql } from './dataset.ts';
import { EDGE_DATASETS, type EdgeDataset } from './edge-data.ts';
import type { Engine } from './engine.ts';

export type { EdgeDataset };

const TABLES_SQL = `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'main'`;

/** The edge-case instance and its datasets; `each` visits them in order, loading each before its visit. */
export class EdgeCases {
  private loaded: string | null = null;

  constructor(
    private readonly engine: Engine,
    readonly datasets: EdgeDataset[],
  ) {}

  /** Calls `fn` with the engine holding each dataset in turn; stops early when `fn` returns false. */
  each(fn: (d: EdgeDataset, engine: Engine) => boolean | void): void {
    for (const d of this.datasets) {
      this.load(d);
      if (fn(d, this.engine) === false) return;
    }
  }

  private load(d: EdgeDataset): void {
    if (this.loaded === d.name) return;
    this.loaded = null;
    for (const r of this.engine.rows(TABLES_SQL)) this.engine.exec(`DROP TABLE IF EXISTS main."${String(r.t)}"`);
    for (const s of d.statements) this.engine.exec(s);
    this.loaded = d.name;
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
