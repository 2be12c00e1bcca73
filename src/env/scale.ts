// The data scale explorer (the `scale` op): a rewrite against its original at several sizes of the visible data, each
// size generated in a scratch DuckDB instance of its own, so a rewrite that wins at a million rows and loses at ten
// thousand shows it. The scratch instance never holds hidden data, and is hardened like the visible one.
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import { type DatasetSpec, TABLES, datasetSql, rowCounts } from './dataset.ts';
import { type Engine, type EngineLimits, DuckDBEngine } from './engine.ts';
import { EnvError } from './errors.ts';
import { Executor, type ExecutorOptions, type RunDeadlines } from './executor.ts';
import { PhasedRig } from './phased-rig.ts';
import type { TaskInstance } from './tasks.ts';
import type { MeasurementGate } from './timing.ts';
import { type ExecutionResult, SCALE_FIGURES, type ScalePoint } from './types.ts';

/**
 * Budgets of one size: a few pairs, since the point is the trend across sizes, not a tight interval at one; no preview
 * rows (a LIMIT 0 run), since nothing shows them.
 */
export const SCALE_TIMING: Pick<ExecutorOptions, 'timingBudgetMs' | 'minPairs' | 'maxPairs' | 'previewRows'> = {
  timingBudgetMs: 2_000,
  minPairs: 3,
  maxPairs: 5,
  previewRows: 0,
};

/** Why the figures of a size whose data could not be generated are null. */
export const NOT_GENERATED = 'not measured: the data of this size could not be generated (see error)';

/**
 * The scratch instance, opened on first use: loading a wasm instance is asynchronous and the environment's calls are
 * not, so a transport awaits open() before it passes a `scale` call on (src/worker/host.ts; Node callers likewise).
 */
export class Scratch {
  private engine: Engine | null = null;
  private opening: Promise<void> | null = null;

  constructor(
    private readonly load: () => Promise<DuckDBBindings>,
    /** the visible data's spec: every size is this data, scaled */
    private readonly spec: DatasetSpec,
    private readonly limits: EngineLimits,
    private readonly gate?: MeasurementGate,
  ) {}

  /** Loads and hardens the instance the first time; later calls return at once. A failed load is tried again next time. */
  open(): Promise<void> {
    this.opening ??= this.load().then(
      (db) => {
        const engine = new DuckDBEngine(db, this.limits, this.gate);
        engine.harden();
        this.engine = engine;
      },
      (e: unknown) => {
        this.opening = null;
        throw e;
      },
    );
    return this.opening;
  }

  /**
   * Measures `rewrite` against the task's original at each size, smallest first. One size's tables exist at a time
   * (dropped before the next is generated, and after the last), so memory stays that of the largest size.
   */
  measure(task: TaskInstance, rewrite: string, scales: number[], options: ExecutorOptions, deadlines: RunDeadlines): ScalePoint[] {
    const engine = this.engine;
    if (!engine) throw new EnvError('INTERNAL', 'the scratch database was not opened before the scale call');
    try {
      return [...new Set(scales)].sort((a, b) => a - b).map((scale) => this.point(engine, task, rewrite, scale, options, deadlines));
    } finally {
      drop(engine);
    }
  }

  private point(engine: Engine, task: TaskInstance, rewrite: string, scale: number, o: ExecutorOptions, d: RunDeadlines): ScalePoint {
    drop(engine);
    let rows: ScalePoint['rows'];
    try {
      for (const job of datasetSql({ ...this.spec, scale: this.spec.scale * scale })) engine.exec(job.sql);
      rows = counts(engine);
    } catch (e) {
      if (!(e instanceof EnvError) || e.code === 'ENGINE_FATAL') throw e;
      return notGenerated(scale, rowCounts(this.spec.scale * scale), e);
    }
    // A fresh executor per size: its caches (facts, fingerprints of the original) belong to one size's data. Its rig has
    // no hidden half, so nothing here can reach the hidden data.
    const executor = new Executor(new PhasedRig(engine), { ...o, ...SCALE_TIMING }, this.gate);
    const r = executor.compare(task.original, rewrite, {
      orderSensitive: task.order_sensitive,
      judge: false,
      withPlans: false,
      deadlines: stretched(d, scale),
    });
    return pointOf(scale, rows, r);
  }
}

/**
 * Execute's deadlines, fitted to a size: they are set for the visible data, so on more data the fixed ones grow with it
 * (a rewrite as fast as the reference must not time out at 3× only because 3× the rows take 3× the time).
 */
export function stretched(d: RunDeadlines, scale: number): RunDeadlines {
  const k = Math.max(1, scale);
  return { ...d, runDeadlineMs: d.runDeadlineMs * k, originalDeadlineMs: d.originalDeadlineMs * k };
}

function drop(engine: Engine): void {
  for (const t of TABLES) engine.exec(`DROP TABLE IF EXISTS main.${t}`);
}

function counts(engine: Engine): ScalePoint['rows'] {
  const [r] = engine.rows(`SELECT ${TABLES.map((t) => `(SELECT count(*) FROM main.${t})::INTEGER AS ${t}`).join(', ')}`);
  return { users: Number(r.users), products: Number(r.products), orders: Number(r.orders), events: Number(r.events) };
}

/** A size's figures from execute's comparison on that size's data. */
function pointOf(scale: number, rows: ScalePoint['rows'], r: ExecutionResult): ScalePoint {
  const why = SCALE_FIGURES.flatMap((k) => (r.why_null[k] === undefined ? [] : [[k, r.why_null[k]]]));
  return {
    scale,
    rows,
    original_ms: r.original_ms,
    optimized_ms: r.optimized_ms,
    speedup: r.speedup,
    speedup_ci: r.speedup_ci,
    pairs: r.pairs,
    results_match: r.results_match,
    original_rows: r.original_rows,
    error: r.original_error ?? r.optimized_error,
    verdict: r.verdict,
    why_null: Object.fromEntries(why),
  };
}

function notGenerated(scale: number, rows: ScalePoint['rows'], e: EnvError): ScalePoint {
  return {
    scale,
    rows,
    original_ms: null,
    optimized_ms: null,
    speedup: null,
    speedup_ci: null,
    pairs: 0,
    results_match: null,
    original_rows: null,
    error: `${e.code}: ${e.message}`,
    verdict: `the data of this size could not be generated (${e.message.split('\n')[0]})`,
    why_null: Object.fromEntries(SCALE_FIGURES.map((k) => [k, NOT_GENERATED])),
  };
}
