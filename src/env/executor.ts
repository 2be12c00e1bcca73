// Runs the original and a rewrite for real (design §4): the visible data for what an agent may see, the judged data
// (hidden seed) for timing, whose timed runs are the checked runs, and the edge-case data; plans, previews, a bounded diff.
import type { EdgeCases } from './edge-cases.ts';
import type { Engine, GatedSql } from './engine.ts';
import { EnvError } from './errors.ts';
import {
  type ColumnPlan,
  type ColumnType,
  type Normaliser,
  consumeSql,
  diffSql,
  fingerprintSql,
  planColumns,
  positional,
} from './fingerprint.ts';
import { floatCompareSql, matchesWithinTolerance } from './float-compare.ts';
import { parsePlan } from './plans.ts';
import { NO_PROGRESS, type OnProgress } from './progress.ts';
import {
  type Extras,
  type MeasurementGate,
  OPEN_GATE,
  type ReferenceRule,
  type Run,
  type StopRule,
  type TimingOptions,
  interleaving,
} from './timing.ts';
import { type Steps, drain } from './steps.ts';
import { DEADLINE_LIMITS, type Deadlines, type ExecutionResult, type Plan, type Preview, type RowDiff, type Timing } from './types.ts';
import { columnsDiff, emptyExecution, explainNulls, failed, ofOriginal, verdict } from './verdict.ts';

/** Budgets of one comparison; each has its reason beside it. */
export interface ExecutorOptions extends TimingOptions {
  /** least deadline of one run of a rewrite; over it the run is cancelled and reported as a timeout */
  runDeadlineMs: number;
  /** a rewrite may take this many times the original's warm-up run before it is cancelled (slow machines scale both) */
  deadlineFactor: number;
  /** one run of the task's own query: it is known to finish, so this only catches a hang */
  originalDeadlineMs: number;
  /** the row diff of a mismatch: feedback only, so it gets its own small budget and never changes a verdict */
  diffDeadlineMs: number;
  previewRows: number;
  diffRows: number;
}

export const DEFAULT_EXECUTOR: ExecutorOptions = {
  runDeadlineMs: 5_000,
  deadlineFactor: 10,
  originalDeadlineMs: 120_000,
  diffDeadlineMs: 10_000,
  timingBudgetMs: 6_000,
  minPairs: 6,
  maxPairs: 25,
  targetRelativeCI: 0.1,
  previewRows: 5,
  diffRows: 5,
};

/** The per-run deadlines of one comparison: the session's (ExecutorOptions) unless the call brings its own (an episode's). */
export type RunDeadlines = Pick<ExecutorOptions, 'runDeadlineMs' | 'deadlineFactor' | 'originalDeadlineMs' | 'diffDeadlineMs'>;

/** Run deadlines as the wire carries them (reset, state). */
export function wireDeadlines(d: RunDeadlines): Deadlines {
  return { run_ms: d.runDeadlineMs, factor: d.deadlineFactor, original_ms: d.originalDeadlineMs, diff_ms: d.diffDeadlineMs };
}

/** Wire deadlines as the executor takes them. */
export function runDeadlines(d: Deadlines): RunDeadlines {
  return { runDeadlineMs: d.run_ms, deadlineFactor: d.factor, originalDeadlineMs: d.original_ms, diffDeadlineMs: d.diff_ms };
}

/** How one comparison is asked for; `deadlines` replaces the session's for this call only (shared state is never changed). */
export interface CompareOptions {
  orderSensitive: boolean;
  /** a spent step: time on the judged data, check on the judged and edge-case data too */
  judge: boolean;
  withPlans?: boolean;
  deadlines?: Partial<RunDeadlines>;
  /** told as the comparison moves from phase to phase (the page's busy line); phase names and counts only */
  onProgress?: OnProgress;
  /** a step's: the task's reference, timed against the original in the same rounds as the rewrite (judge only) */
  reference?: string;
  /** when timing has learnt enough (a step: its speed credit is known); without, once the intervals are tight */
  enough?: StopRule;
  /** when the reference beside a first step is known (grader.ts `referenceKnown`); without, once it is tight */
  referenceKnown?: ReferenceRule;
  /** a decoy task's step: a rewrite with the original's plan earns a decoy its credit, so it is timed as any other */
  decoy?: boolean;
}

/** A comparison with what else its timed rounds measured. */
export interface Compared {
  execution: ExecutionResult;
  /** the reference against the original, when it was timed in the same rounds (null when the rewrite's timing failed) */
  reference: Timing | null;
  /** time inside timed rounds (warm-ups and pairs, all arms) */
  timed_ms: number;
}

// However long the original's warm-up took, the factor never stretches a rewrite's run past the longest run deadline
// a session or episode may choose (types.ts DEADLINE_LIMITS says why): a slow original must not make a step take hours.
const MAX_FACTOR_DEADLINE_MS = DEADLINE_LIMITS.run_ms.max;

/** The instances the executor judges on: visible (shown), judged (hidden seed, timed) and the edge cases. */
export interface Rig {
  visible: Engine;
  judged: Engine;
  edges: EdgeCases;
}

/** Row count and the multiset hash on each of the two grids: what every checked run returns. */
interface Fingerprint {
  n: number;
  h: [string, string];
}

/** A fingerprint run on its own (not a timed one), with how long it took. */
type Checked = Fingerprint & { ms: number };

const same = (a: Fingerprint, b: Fingerprint) => a.n === b.n && (a.h[0] === b.h[0] || a.h[1] === b.h[1]);

/** Everything we learn about a query on its own, cached for originals and references (they do not change). */
export interface QueryFacts {
  gated: GatedSql;
  columns: ColumnType[];
}

// What is learnt of a task's own statements (originals, references: a few per task and seed) and of rewrites, kept apart
// so that rewrites, which RL runs send by the million, never push the task statements out. Both bounded: seeds and
// rewrites are caller input.
const TASK_ENTRIES = 2_000;
const REWRITE_ENTRIES = 500;

export class Executor {
  private readonly taskCache = new Map<string, unknown>();
  private readonly rewriteCache = new Map<string, unknown>();

  constructor(
    private readonly rig: Rig,
    readonly options: ExecutorOptions = DEFAULT_EXECUTOR,
    /** admission of timed rounds when other workers share the machine (the HTTP server); open when alone */
    private readonly gate: MeasurementGate = OPEN_GATE,
  ) {}

  /** Gates and describes a query (column names and types). Throws SQL_REJECTED / SQL_ERROR / TIMEOUT. */
  facts(sql: string, d: RunDeadlines = this.options): QueryFacts {
    const gated = this.rig.visible.gate(sql);
    const rows = this.rig.visible.run(gated, (s) => `DESCRIBE ${s}`, { deadlineMs: d.runDeadlineMs }).rows;
    return { gated, columns: rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) })) };
  }

  /**
   * Compares a rewrite against an original. With `judge` (a spent step), speed is measured on the judged data and
   * correctness also checked there and on every edge-case dataset; without (execute), everything is on the visible data.
   */
  compare(originalSql: string, optimizedSql: string, opts: CompareOptions): ExecutionResult {
    return this.compareMeasured(originalSql, optimizedSql, opts).execution;
  }

  /** compare(), with the reference's timing when `opts.reference` was timed alongside, and the time in timed rounds. */
  compareMeasured(originalSql: string, optimizedSql: string, opts: CompareOptions): Compared {
    const d = this.deadlinesFor(opts.deadlines);
    const out: Compared = { execution: emptyExecution(opts.orderSensitive), reference: null, timed_ms: 0 };
    const result = this.compareWith(out, originalSql, optimizedSql, opts, d);
    // The one exit: whatever path left a figure null, its reason is stated beside it (design §5).
    result.why_null = explainNulls(result);
    return { ...out, execution: result };
  }

  private compareWith(out: Compared, originalSql: string, optimizedSql: string, opts: CompareOptions, d: RunDeadlines): ExecutionResult {
    const result = out.execution;
    const progress = opts.onProgress ?? NO_PROGRESS;
    progress({ phase: 'check' });
    let a: QueryFacts;
    let b: QueryFacts;
    try {
      a = ofOriginal(() => this.cached(`facts:${originalSql}`, () => this.facts(originalSql, d)));
      // A rewrite's facts, plan and visible fingerprint are cached by statement too: an agent that Runs, then
      // submits the same text, or submits it again, pays for the visible runs once.
      b = this.recalled(`facts:${optimizedSql}`, () => this.facts(optimizedSql, d));
    } catch (e) {
      return failed(result, e);
    }
    const cols = planColumns(a.columns, b.columns);
    let hiddenWhy: string | null = null;
    try {
      result.noop = this.samePlan(a, b, d);
      if (!cols.ok) {
        result.results_match = false;
        result.holdout_match = opts.judge ? false : null;
        result.diff = columnsDiff(a.columns, b.columns);
        const consumed = this.timeConsumed(a, b, opts.judge ? this.rig.judged : this.rig.visible, d, progress);
        Object.assign(result, consumed.timing);
        out.timed_ms += consumed.inside_ms;
      } else {
        hiddenWhy = this.checkAndTime(out, a, b, cols, opts, d, progress);
        if (result.results_match === false) result.diff = this.boundedDiff(a, b, cols.norms, d);
      }
      result.preview.original = ofOriginal(() => this.cached(`preview:${originalSql}`, () => this.preview(a, d)));
      result.preview.optimized = this.recalled(`preview:${optimizedSql}`, () => this.preview(b, d));
      if (opts.withPlans !== false) {
        progress({ phase: 'plans' });
        result.plans.original = ofOriginal(() => this.cached(`plan:${originalSql}`, () => this.plan(a.gated, d)));
        result.plans.optimized = this.recalled(`plan:${optimizedSql}`, () => this.plan(b.gated, d));
        result.explain_plan = result.plans.optimized.text;
      }
    } catch (e) {
      return failed(result, e);
    }
    result.verdict = verdict(result, cols.ok ? null : cols.reason, hiddenWhy);
    return result;
  }

  /**
   * The speed of `otherSql` against `originalSql` on the judged data, measured as a step measures a rewrite, until
   * `known` holds of its interval (without, once it is tight); its rounds are told as the 'reference' phase, so the
   * page does not show a rewrite's timing starting over.
   */
  measure(
    originalSql: string,
    otherSql: string,
    orderSensitive: boolean,
    deadlines: Partial<RunDeadlines> = {},
    onProgress: OnProgress = NO_PROGRESS,
    known?: ReferenceRule,
  ): Timing {
    return drain(this.measuring(originalSql, otherSql, orderSensitive, deadlines, onProgress, known));
  }

  /** measure() a round at a time (see timing.ts interleaving). */
  *measuring(
    originalSql: string,
    otherSql: string,
    orderSensitive: boolean,
    deadlines: Partial<RunDeadlines> = {},
    onProgress: OnProgress = NO_PROGRESS,
    known?: ReferenceRule,
  ): Steps<Timing> {
    const d = this.deadlinesFor(deadlines);
    const progress: OnProgress = (p) => onProgress({ ...p, phase: 'reference' });
    const extras: { enough?: StopRule } = known ? { enough: (s) => !s || known(s) } : {};
    const a = ofOriginal(() => this.cached(`facts:${originalSql}`, () => this.facts(originalSql, d)));
    const b = this.cached(`facts:${otherSql}`, () => this.facts(otherSql, d));
    const cols = planColumns(a.columns, b.columns);
    if (!cols.ok) return (yield* this.timingConsumed(a, b, this.rig.judged, d, progress, extras)).timing;
    const text = (q: QueryFacts) => fingerprintSql(q.gated.sql, cols.norms, orderSensitive);
    return (yield* this.timingChecked(a, b, text, this.rig.judged, d, progress, extras)).timing;
  }

  /**
   * What a step learns of a task's original apart from timing (its description, plans, preview, and its fingerprints on
   * the visible and every edge-case dataset, under the column plan of a rewrite with the original's columns), learnt
   * ahead of the first step a run at a time, into the very cache entries that step reads.
   */
  *preparing(originalSql: string, orderSensitive: boolean, deadlines: Partial<RunDeadlines> = {}): Steps<void> {
    const d = this.deadlinesFor(deadlines);
    const a = this.cached(`facts:${originalSql}`, () => this.facts(originalSql, d));
    const cols = planColumns(a.columns, a.columns);
    if (!cols.ok) return;
    const work: (() => unknown)[] = [
      () => this.checked(this.rig.visible, 'visible', a, true, cols.norms, orderSensitive, d.originalDeadlineMs),
      () => this.cached(`explain:${a.gated.sql}`, () => this.explain(a.gated, d)),
      () => this.cached(`preview:${originalSql}`, () => this.preview(a, d)),
      () => this.cached(`plan:${originalSql}`, () => this.plan(a.gated, d)),
    ];
    this.rig.edges.each(
      (edge, engine) =>
        void work.push(() => this.checked(engine, `edge:${edge.name}`, a, true, cols.norms, orderSensitive, d.originalDeadlineMs)),
    );
    for (const w of work) {
      yield;
      w();
    }
  }

  /** EXPLAIN ANALYZE of a gated query on the visible data (it runs the query once more). */
  plan(g: GatedSql, d: RunDeadlines = this.options): Plan {
    const rows = this.runOn(this.rig.visible, g, (s) => `EXPLAIN (ANALYZE, FORMAT json) ${s}`, d.runDeadlineMs).rows;
    const json = rows.find((r) => r.explain_key === 'analyzed_plan')?.explain_value ?? rows[0]?.explain_value;
    return parsePlan(String(json));
  }

  /**
   * EXPLAIN ANALYZE of a task's query on the visible data (the solution's plans), or null when that query failed to
   * run (rejected, an error, a timeout, out of memory); a trapped engine is not a query's failure and is thrown on.
   */
  planOf(sql: string, deadlines: Partial<RunDeadlines> = {}): Plan | null {
    const d = this.deadlinesFor(deadlines);
    try {
      return this.cached(`plan:${sql}`, () => this.plan(this.rig.visible.gate(sql), d));
    } catch (e) {
      if (e instanceof EnvError && e.code !== 'ENGINE_FATAL') return null;
      throw e;
    }
  }

  /** First rows of the visible result as text cells. */
  preview(q: QueryFacts, d: RunDeadlines = this.options): Preview {
    // Positional names: a result may repeat a column name, and rows are keyed by name.
    const cols = positional(q.columns.length).join(', ');
    const { rows } = this.runOn(
      this.rig.visible,
      q.gated,
      (s) => `SELECT COLUMNS(*)::VARCHAR FROM (\n${s}\n) AS q(${cols}) LIMIT ${this.options.previewRows}`,
      d.runDeadlineMs,
    );
    return { columns: q.columns.map((c) => c.name), rows: rows.map((r) => Object.values(r).map((v) => (v === null ? null : String(v)))) };
  }

  /**
   * Correctness and speed from the same statements: the fingerprint query is what is timed, so every timed run's
   * result is checked, and a query cannot tell a timed run from a checked one. Returns why a hidden check failed.
   */
  private checkAndTime(
    out: Compared,
    a: QueryFacts,
    b: QueryFacts,
    cols: ColumnPlan & { ok: true },
    o: CompareOptions,
    d: RunDeadlines,
    progress: OnProgress,
  ): string | null {
    const r = out.execution;
    const text = (q: QueryFacts) => fingerprintSql(q.gated.sql, cols.norms, o.orderSensitive);
    // Equal fingerprints, or (floats only) every value within the tolerance when the rows are paired one by one.
    const equal = (engine: Engine, fa: Fingerprint, fb: Fingerprint) =>
      same(fa, fb) || (fa.n === fb.n && this.closeEnough(engine, a, b, cols, o.orderSensitive, d));
    const visible = this.rig.visible;
    const fp = (engine: Engine, name: string, q: QueryFacts, ms: number) =>
      this.checked(engine, name, q, q === a, cols.norms, o.orderSensitive, ms);
    const fa = ofOriginal(() => fp(visible, 'visible', a, d.originalDeadlineMs));
    const showVisible = (fb: Fingerprint) => {
      [r.original_rows, r.optimized_rows, r.results_match] = [fa.n, fb.n, equal(visible, fa, fb)];
    };
    // A step times on the judged data, so the visible check is a run of its own (cached by statement), under the
    // deadline the timed runs give a rewrite (the factor over the original's time); without judge the timed runs are
    // on the visible data and the first of them, the warm-up, is that check.
    if (o.judge) showVisible(fp(visible, 'visible', b, rewriteDeadline(d, fa.ms)));
    // A rewrite already known to earn no speed credit (wrong, or the original's plan) needs only the fewest pairs.
    const moot = r.results_match === false || (r.noop === true && !o.decoy);
    const enough: StopRule | undefined = moot ? (_, c) => (o.enough ? o.enough(null, c) : true) : o.enough;
    const engine = o.judge ? this.rig.judged : visible;
    const timed = this.timeChecked(a, b, text, engine, d, progress, {
      enough,
      runC: o.judge ? this.referenceArm(a, o, d) : undefined,
      referenceKnown: o.referenceKnown,
    });
    Object.assign(r, timed.timing);
    out.reference = timed.reference;
    out.timed_ms += timed.inside_ms;
    const bs = timed.resultsB;
    if (!o.judge) showVisible(bs[0]);
    if (!bs.every((f) => same(f, bs[0]))) {
      // random(), now(), uuid() …: a result that changes between runs cannot be compared with anything.
      r.speed_voided = "the rewrite's result changed from run to run (random(), now(), uuid() …), so it cannot be compared";
      if (o.judge) r.holdout_match = false;
      else r.results_match = false;
      return 'its result is not the same twice';
    }
    if (!o.judge) return null;
    if (!equal(engine, timed.resultsA[0], bs[0])) {
      r.holdout_match = false;
      return 'on the judged data';
    }
    let why: string | null = null;
    // No count: how many edge-case datasets there are is the hidden data's business.
    progress({ phase: 'hidden' });
    this.rig.edges.each((edge, engine) => {
      const name = `edge:${edge.name}`;
      const ea = ofOriginal(() => fp(engine, name, a, d.originalDeadlineMs));
      if (equal(engine, ea, fp(engine, name, b, d.runDeadlineMs))) return true;
      // The dataset's name says what kind of case failed; its rows are never shown.
      why = `the edge case "${edge.name.replace(/_/g, ' ')}"`;
      return false;
    });
    r.holdout_match = why === null;
    return why;
  }

  /**
   * The task's reference as a third arm of a step's timed rounds, on the judged data (its speedup is what the rewrite's
   * credit is measured against): none when not asked for, or when its columns cannot be fingerprinted as the original's.
   */
  private referenceArm(a: QueryFacts, o: CompareOptions, d: RunDeadlines): (() => Run<Fingerprint>) | undefined {
    const sql = o.reference;
    if (sql === undefined) return undefined;
    const c = ofOriginal(() => this.cached(`facts:${sql}`, () => this.facts(sql, d)));
    const cols = planColumns(a.columns, c.columns);
    if (!cols.ok) return undefined;
    const statement = fingerprintSql(c.gated.sql, cols.norms, o.orderSensitive);
    return () =>
      ofOriginal(() => {
        const run = this.runOn(this.rig.judged, c.gated, () => statement, d.originalDeadlineMs);
        return { ms: run.ms, result: toFingerprint(run.rows[0]) };
      });
  }

  /**
   * The exact check behind a float fingerprint that disagrees: rows paired one by one, every value within the tolerance
   * summation order needs. Costs a run of both queries, so only when the fingerprints could not decide.
   */
  private closeEnough(engine: Engine, a: QueryFacts, b: QueryFacts, cols: ColumnPlan, ordered: boolean, d: RunDeadlines): boolean {
    const sql = floatCompareSql(a.gated.sql, b.gated.sql, cols, ordered);
    if (sql === null) return false;
    const both: GatedSql = { sql, __gated: true };
    try {
      return matchesWithinTolerance(this.runOn(engine, both, (s) => s, d.originalDeadlineMs).rows[0]);
    } catch {
      // Not shown equal: the fingerprints' disagreement stands.
      return false;
    }
  }

  /** Interleaved timing of the fingerprint statements; every run's fingerprint is kept for the check. */
  private timeChecked(...args: Parameters<Executor['timingChecked']>) {
    return drain(this.timingChecked(...args));
  }

  private timingChecked(
    a: QueryFacts,
    b: QueryFacts,
    text: (q: QueryFacts) => string,
    engine: Engine,
    d: RunDeadlines,
    progress: OnProgress,
    extras: Extras<Fingerprint> = {},
  ) {
    const deadline = { b: d.runDeadlineMs };
    const runA = (): Run<Fingerprint> => {
      const run = ofOriginal(() => this.runOn(engine, a.gated, () => text(a), d.originalDeadlineMs));
      deadline.b = Math.max(deadline.b, rewriteDeadline(d, run.ms));
      return { ms: run.ms, result: toFingerprint(run.rows[0]) };
    };
    const runB = (): Run<Fingerprint> => {
      const run = this.runOn(engine, b.gated, () => text(b), deadline.b);
      return { ms: run.ms, result: toFingerprint(run.rows[0]) };
    };
    return interleaving(runA, runB, this.options, this.gate, progress, extras);
  }

  /** Timing of two results that cannot be compared (their columns differ): for feedback only. */
  private timeConsumed(...args: Parameters<Executor['timingConsumed']>) {
    return drain(this.timingConsumed(...args));
  }

  private timingConsumed(a: QueryFacts, b: QueryFacts, engine: Engine, d: RunDeadlines, progress: OnProgress, extras: Extras<null> = {}) {
    const run = (q: QueryFacts, ms: number) => ({
      ms: this.runOn(engine, q.gated, (s) => consumeSql(s, q.columns.length), ms).ms,
      result: null,
    });
    return interleaving(
      () => ofOriginal(() => run(a, d.originalDeadlineMs)),
      () => run(b, d.runDeadlineMs),
      this.options,
      this.gate,
      progress,
      extras,
    );
  }

  /** Whether the rewrite compiles to the original's physical plan: a rewrap or a reformat, not a rewrite. */
  private samePlan(a: QueryFacts, b: QueryFacts, d: RunDeadlines): boolean {
    return (
      ofOriginal(() => this.cached(`explain:${a.gated.sql}`, () => this.explain(a.gated, d))) ===
      this.recalled(`explain:${b.gated.sql}`, () => this.explain(b.gated, d))
    );
  }

  /** The physical plan's text (EXPLAIN, which plans without running). */
  private explain(g: GatedSql, d: RunDeadlines): string {
    const rows = this.runOn(this.rig.visible, g, (s) => `EXPLAIN ${s}`, d.runDeadlineMs).rows;
    return rows.map((row) => String(row.explain_value ?? '')).join('\n');
  }

  /**
   * A query's fingerprint on one dataset (`name`), run on its own, under the column plan of the pair being compared;
   * remembered by statement and plan: a task's own statements in the task cache, a rewrite's among the recent ones.
   */
  private checked(
    engine: Engine,
    name: string,
    q: QueryFacts,
    own: boolean,
    norms: Normaliser[],
    orderSensitive: boolean,
    deadlineMs: number,
  ): Checked {
    const key = `fp:${name}:${orderSensitive}:${norms.map((n) => n('x', 0)).join()}:${q.gated.sql}`;
    const run = () => this.fingerprint(engine, q.gated, fingerprintSql(q.gated.sql, norms, orderSensitive), deadlineMs);
    return own ? this.cached(key, run) : this.recalled(key, run);
  }

  private fingerprint(engine: Engine, g: GatedSql, statement: string, deadlineMs: number): Checked {
    const run = this.runOn(engine, g, () => statement, deadlineMs);
    return { ...toFingerprint(run.rows[0]), ms: run.ms };
  }

  /** Rows only on one side, from the visible data; within its own budget, and a failure only means no diff. */
  private boundedDiff(a: QueryFacts, b: QueryFacts, norms: Normaliser[], d: RunDeadlines): RowDiff | null {
    const both: GatedSql = { sql: diffSql(a.gated.sql, b.gated.sql, norms, this.options.diffRows), __gated: true };
    let rows;
    try {
      rows = this.runOn(this.rig.visible, both, (s) => s, d.diffDeadlineMs).rows;
    } catch {
      // Two huge results may not fit the budget or the memory limit: the verdict stands without the example rows.
      return null;
    }
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
      dataset: 'main',
    };
  }

  /** The session's deadlines with a call's own over them; a field given as undefined stays the session's. */
  private deadlinesFor(own: Partial<RunDeadlines> = {}): RunDeadlines {
    const given = Object.entries(own).filter(([, v]) => v !== undefined);
    return { ...this.options, ...Object.fromEntries(given) };
  }

  private runOn(engine: Engine, g: GatedSql, build: (s: string) => string, deadlineMs: number) {
    return engine.run(g, build, { deadlineMs });
  }

  /** A task statement's figure, computed once. */
  private cached<T>(key: string, fn: () => T): T {
    return remember(this.taskCache, TASK_ENTRIES, key, fn);
  }

  /** A rewrite's figure on data that never changes, computed once per statement while it is among the recent ones. */
  private recalled<T>(key: string, fn: () => T): T {
    return remember(this.rewriteCache, REWRITE_ENTRIES, key, fn);
  }
}

/** A rewrite's run deadline beside an original that took `originalMs`: the factor over it, within the limits. */
function rewriteDeadline(d: RunDeadlines, originalMs: number): number {
  return Math.max(d.runDeadlineMs, Math.min(MAX_FACTOR_DEADLINE_MS, d.deadlineFactor * originalMs));
}

function toFingerprint(row: Record<string, unknown>): Fingerprint {
  return { n: Number(row.n), h: [String(row.h0), String(row.h1)] };
}

/** `fn()` under `key` in `store`, least recently used first out once there are more than `max`. */
function remember<T>(store: Map<string, unknown>, max: number, key: string, fn: () => T): T {
  if (store.has(key)) {
    const v = store.get(key) as T;
    store.delete(key);
    store.set(key, v);
    return v;
  }
  const v = fn();
  store.set(key, v);
  if (store.size > max) store.delete(store.keys().next().value!);
  return v;
}
