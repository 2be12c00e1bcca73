// Runs the original and a rewrite for real: correctness on main and holdout, interleaved adaptive timing, plans, previews, diff.
import type { Dataset, Engine, GatedSql } from './engine.ts';
import { EnvError } from './errors.ts';
import { type ColumnType, type Normaliser, consumeSql, diffSql, fingerprintSql, planColumns, positional } from './fingerprint.ts';
import { parsePlan } from './plans.ts';
import { median, medianCI } from './stats.ts';
import type { ExecutionResult, Plan, Preview, RowDiff, Timing } from './types.ts';

/** Budgets of one comparison; each has its reason beside it. */
export interface ExecutorOptions {
  /** one run of one query; over it the run is cancelled and reported as a timeout */
  runDeadlineMs: number;
  /** all timed pairs together; pairs stop once this is spent (after the minimum) */
  timingBudgetMs: number;
  /** pairs wanted for a stable median; fewer (down to 3) only when the queries are too slow for the budget */
  minPairs: number;
  /** more pairs add little once the interval is tight */
  maxPairs: number;
  /** relative width of the speedup interval at which timing stops early */
  targetRelativeCI: number;
  previewRows: number;
  diffRows: number;
}

export const DEFAULT_EXECUTOR: ExecutorOptions = {
  runDeadlineMs: 5_000,
  timingBudgetMs: 6_000,
  minPairs: 5,
  maxPairs: 25,
  targetRelativeCI: 0.1,
  previewRows: 5,
  diffRows: 5,
};

/** Speedup figures of one interleaved measurement. */

/** Row count and the multiset hash on each of the two grids. */
interface Fingerprint {
  n: number;
  h: [string, string];
}

/** Everything we learn about a query on its own, cached for originals and references (they do not change). */
export interface QueryFacts {
  gated: GatedSql;
  columns: ColumnType[];
}

// Cached facts of originals and references; bounded because keys include user SQL, and RL runs send millions.
const CACHE_ENTRIES = 500;

export class Executor {
  private readonly cache = new Map<string, unknown>();

  constructor(
    private readonly engine: Engine,
    readonly options: ExecutorOptions = DEFAULT_EXECUTOR,
  ) {}

  /** Gates and describes a query (column names and types). Throws SQL_REJECTED / SQL_ERROR / TIMEOUT. */
  facts(sql: string): QueryFacts {
    const gated = this.engine.gate(sql);
    const rows = this.run(gated, (s) => `DESCRIBE ${s}`, 'main').rows;
    return { gated, columns: rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) })) };
  }

  /** Compares a rewrite against an original: the ExecutionResult of design §4. */
  compare(originalSql: string, optimizedSql: string, opts: { orderSensitive: boolean; withPlans?: boolean }): ExecutionResult {
    const result = emptyExecution(opts.orderSensitive);
    let original: QueryFacts;
    let optimized: QueryFacts;
    try {
      original = ofOriginal(() => this.cached(`facts:${originalSql}`, () => this.facts(originalSql)));
      optimized = this.facts(optimizedSql);
    } catch (e) {
      return failed(result, e);
    }
    const plan = planColumns(original.columns, optimized.columns);
    try {
      if (!plan.ok) {
        result.results_match = result.holdout_match = false;
        result.diff = columnsDiff(original.columns, optimized.columns);
      } else {
        this.checkEquality(result, original, optimized, plan.norms, opts.orderSensitive);
      }
      Object.assign(result, this.time(original, optimized));
      result.preview.original = ofOriginal(() => this.cached(`preview:${originalSql}`, () => this.preview(original)));
      result.preview.optimized = this.preview(optimized);
      if (opts.withPlans !== false) {
        result.plans.original = ofOriginal(() => this.cached(`plan:${originalSql}`, () => this.plan(original.gated)));
        result.plans.optimized = this.plan(optimized.gated);
        result.explain_plan = result.plans.optimized.text;
      }
    } catch (e) {
      return failed(result, e);
    }
    result.verdict = verdict(result, plan.ok ? null : plan.reason);
    return result;
  }

  /** Interleaved A/B timing (design §4): warm-up, then pairs in alternating order until stable or out of budget. */
  time(a: QueryFacts, b: QueryFacts): Timing {
    const o = this.options;
    const runA = () => ofOriginal(() => this.run(a.gated, (s) => consumeSql(s, a.columns.length), 'main').ms);
    const runB = () => this.run(b.gated, (s) => consumeSql(s, b.columns.length), 'main').ms;
    const estimate = runA() + runB(); // warm-up: caches, and a first idea of the cost
    const minPairs = estimate * o.minPairs <= o.timingBudgetMs ? o.minPairs : 3;
    const as: number[] = [];
    const bs: number[] = [];
    const ratios: number[] = [];
    const t0 = performance.now();
    while (ratios.length < o.maxPairs) {
      // Alternate which goes first, so a slow drift (GC, thermal) hits both sides alike.
      const [ta, tb] = ratios.length % 2 === 0 ? [runA(), runB()] : (([y, x]) => [x, y])([runB(), runA()]);
      as.push(ta);
      bs.push(tb);
      ratios.push(ta / Math.max(tb, 0.01));
      if (ratios.length < minPairs) continue;
      const [lo, hi] = medianCI(ratios);
      const spent = performance.now() - t0;
      if ((hi - lo) / median(ratios) < o.targetRelativeCI || spent + spent / ratios.length > o.timingBudgetMs) break;
    }
    return {
      original_ms: median(as),
      optimized_ms: median(bs),
      speedup: median(ratios),
      speedup_ci: medianCI(ratios),
      pairs: ratios.length,
    };
  }

  /** EXPLAIN ANALYZE of a gated query (it runs the query once more). */
  plan(g: GatedSql): Plan {
    const rows = this.run(g, (s) => `EXPLAIN (ANALYZE, FORMAT json) ${s}`, 'main').rows;
    const json = rows.find((r) => r.explain_key === 'analyzed_plan')?.explain_value ?? rows[0]?.explain_value;
    return parsePlan(String(json));
  }

  /** First rows as text cells. */
  preview(q: QueryFacts): Preview {
    // Positional names: a result may repeat a column name, and rows are keyed by name.
    const cols = positional(q.columns.length).join(', ');
    const { rows } = this.run(
      q.gated,
      (s) => `SELECT COLUMNS(*)::VARCHAR FROM (\n${s}\n) AS q(${cols}) LIMIT ${this.options.previewRows}`,
      'main',
    );
    return { columns: q.columns.map((c) => c.name), rows: rows.map((r) => Object.values(r).map((v) => (v === null ? null : String(v)))) };
  }

  private checkEquality(r: ExecutionResult, a: QueryFacts, b: QueryFacts, norms: Normaliser[], ordered: boolean): void {
    for (const dataset of ['main', 'holdout'] as const) {
      const key = `fp:${dataset}:${ordered}:${a.gated.sql}:${norms.map((n) => n('x', 0)).join()}`;
      const fa = ofOriginal(() => this.cached(key, () => this.fingerprint(a.gated, norms, ordered, dataset)));
      const fb = this.fingerprint(b.gated, norms, ordered, dataset);
      // Equal on either grid: a float within tolerance can sit on a rounding edge of one grid, never of both.
      const match = fa.n === fb.n && (fa.h[0] === fb.h[0] || fa.h[1] === fb.h[1]);
      if (dataset === 'main') {
        r.original_rows = fa.n;
        r.optimized_rows = fb.n;
        r.results_match = match;
      } else r.holdout_match = match;
      if (!match && !r.diff) r.diff = this.diff(a, b, norms, dataset);
    }
  }

  private fingerprint(g: GatedSql, norms: Normaliser[], ordered: boolean, dataset: Dataset): Fingerprint {
    const [row] = this.run(g, (s) => fingerprintSql(s, norms, ordered), dataset).rows;
    return { n: Number(row.n), h: [String(row.h0), String(row.h1)] };
  }

  private diff(a: QueryFacts, b: QueryFacts, norms: Normaliser[], dataset: Dataset): RowDiff {
    // Both texts are gated single queries; the combined statement is still one read-only query.
    const both: GatedSql = { sql: diffSql(a.gated.sql, b.gated.sql, norms, this.options.diffRows), __gated: true };
    const { rows } = this.run(both, (s) => s, dataset);
    const cells = (side: string) =>
      rows
        .filter((r) => r.side === side)
        .map((r) =>
          Object.values(r)
            .slice(1)
            .map((v) => (v === null ? 'NULL' : String(v))),
        );
    return {
      columns_match: true,
      original_columns: a.columns.map((c) => c.name),
      optimized_columns: b.columns.map((c) => c.name),
      only_in_original: cells('original'),
      only_in_optimized: cells('optimized'),
      dataset,
    };
  }

  private run(g: GatedSql, build: (s: string) => string, dataset: Dataset) {
    return this.engine.run(g, build, { dataset, deadlineMs: this.options.runDeadlineMs });
  }

  private cached<T>(key: string, fn: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const v = fn();
    this.cache.set(key, v);
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    return v;
  }
}

/** An ExecutionResult with nothing measured yet: every figure null, no verdict. */
export function emptyExecution(orderSensitive: boolean): ExecutionResult {
  return {
    original_ms: null,
    optimized_ms: null,
    speedup: null,
    speedup_ci: null,
    pairs: 0,
    results_match: null,
    holdout_match: null,
    order_sensitive: orderSensitive,
    original_rows: null,
    optimized_rows: null,
    original_error: null,
    optimized_error: null,
    optimized_error_code: null,
    timed_out: false,
    noop: false,
    speed_voided: null,
    verdict: '',
    explain_plan: '',
    plans: { original: null, optimized: null },
    preview: { original: null, optimized: null },
    diff: null,
  };
}

/** Errors raised while running the original (the task's own query), so they are not blamed on the rewrite. */
const ORIGINAL_FAILURES = new WeakSet<object>();

function ofOriginal<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof EnvError) ORIGINAL_FAILURES.add(e);
    throw e;
  }
}

/** Records a failure as values on the result (errors are values, design §5), on the side that failed. */
function failed(r: ExecutionResult, e: unknown): ExecutionResult {
  if (!(e instanceof EnvError) || e.code === 'ENGINE_FATAL' || e.code === 'INTERNAL') throw e;
  const what =
    { SQL_REJECTED: 'rejected', SQL_ERROR: 'failed', TIMEOUT: 'timed out', OUT_OF_MEMORY: 'ran out of memory' }[e.code as string] ??
    'failed';
  r.timed_out = e.code === 'TIMEOUT';
  if (ORIGINAL_FAILURES.has(e)) {
    // Nothing can be decided about the rewrite: the matches stay null (undecided), the verdict says whose query failed.
    r.original_error = `${e.code}: ${e.message}`;
    r.verdict = `the original query ${what} (${e.message.split('\n')[0]}); the rewrite could not be compared`;
    return r;
  }
  r.optimized_error = `${e.code}: ${e.message}`;
  r.optimized_error_code = e.code;
  if (r.results_match === null) r.results_match = false;
  if (r.holdout_match === null) r.holdout_match = false;
  r.verdict = `the rewrite ${what}: ${e.message.split('\n')[0]}`;
  return r;
}

function columnsDiff(a: ColumnType[], b: ColumnType[]): RowDiff {
  const show = (cs: ColumnType[]) => cs.map((c) => `${c.name} ${c.type}`);
  return {
    columns_match: false,
    original_columns: show(a),
    optimized_columns: show(b),
    only_in_original: [],
    only_in_optimized: [],
    dataset: 'main',
  };
}

function verdict(r: ExecutionResult, columnProblem: string | null): string {
  const speed =
    r.speedup === null
      ? ''
      : `${r.speedup.toFixed(2)}× (95% CI ${r.speedup_ci![0].toFixed(2)}–${r.speedup_ci![1].toFixed(2)}×, ${r.pairs} pairs)`;
  if (columnProblem) return `wrong result: ${columnProblem}; speed ${speed}`;
  if (!r.results_match) return `wrong result on the visible data (${r.original_rows} vs ${r.optimized_rows} rows); speed ${speed}`;
  if (!r.holdout_match) return `wrong result on the hidden holdout data, though it matches the visible data; speed ${speed}`;
  return `correct on main and holdout; speedup ${speed}`;
}
