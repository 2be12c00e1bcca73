// The result of a comparison and its verdict: the empty ExecutionResult, failures recorded on the side that failed,
// and the one-line verdict a person reads.
import { EnvError } from './errors.ts';
import type { ColumnType } from './fingerprint.ts';
import { EXECUTION_FIGURES, type ExecutionFigure, type ExecutionResult, type RowDiff } from './types.ts';

/** An ExecutionResult with nothing measured yet: every figure null, no verdict (compare() states why at its exit). */
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
    why_null: {},
  };
}

/** The reasons a figure of an ExecutionResult is left null, one per path that leaves it so. */
export const WHY_NULL = {
  originalFailed: 'not measured: the original query failed (see original_error), so the rewrite could not be compared',
  rewriteFailed: 'not measured: the rewrite failed (see optimized_error) before this was measured',
  notJudged: 'not judged: execute and grade check the visible data only; the hidden data is judged when a step is spent',
  columnsDiffer: 'not counted: the columns differ (see diff), so the rows were never compared',
  // No path reaches this today (the integration test drives each one); it keeps the rule true if a new path appears.
  unknown: 'not measured',
} as const;

/** Why each null figure of `r` is null (design §5: a client formatting a figure never meets a bare null). */
export function explainNulls(r: ExecutionResult): ExecutionResult['why_null'] {
  const why: ExecutionResult['why_null'] = {};
  for (const k of EXECUTION_FIGURES) if (r[k] === null) why[k] = reasonFor(r, k);
  return why;
}

function reasonFor(r: ExecutionResult, k: ExecutionFigure): string {
  if (r.original_error !== null) return WHY_NULL.originalFailed;
  if (r.optimized_error !== null) return WHY_NULL.rewriteFailed;
  if (k === 'holdout_match') return WHY_NULL.notJudged;
  if (r.diff?.columns_match === false) return WHY_NULL.columnsDiffer;
  return WHY_NULL.unknown;
}

/** A failure of the original (the task's own query), so it is never blamed on the rewrite. */
export class OriginalFailed extends Error {
  constructor(readonly error: EnvError) {
    super(error.message);
    this.name = 'OriginalFailed';
  }
}

/** Runs part of the work on the original, marking its EnvErrors as the original's. */
export function ofOriginal<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw e instanceof EnvError ? new OriginalFailed(e) : e;
  }
}

const WHAT: Record<string, string> = {
  SQL_REJECTED: 'rejected',
  SQL_ERROR: 'failed',
  TIMEOUT: 'timed out',
  OUT_OF_MEMORY: 'ran out of memory',
};

/** Records a failure as values on the result (errors are values, design §5), on the side that failed. */
export function failed(r: ExecutionResult, thrown: unknown): ExecutionResult {
  const original = thrown instanceof OriginalFailed;
  const e = original ? thrown.error : thrown;
  if (!(e instanceof EnvError) || e.code === 'ENGINE_FATAL' || e.code === 'INTERNAL') throw e;
  const what = WHAT[e.code] ?? 'failed';
  r.timed_out = e.code === 'TIMEOUT';
  if (original) {
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

/** The diff of two results whose columns do not line up. */
export function columnsDiff(a: ColumnType[], b: ColumnType[]): RowDiff {
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

/** The verdict line; `hiddenWhy` names the edge case a rewrite failed (never its rows). */
export function verdict(r: ExecutionResult, columnProblem: string | null, hiddenWhy: string | null): string {
  const speed =
    r.speedup === null
      ? ''
      : `${r.speedup.toFixed(2)}× (95% CI ${r.speedup_ci![0].toFixed(2)}–${r.speedup_ci![1].toFixed(2)}×, ${r.pairs} pairs)`;
  if (columnProblem) return `wrong result: ${columnProblem}; speed ${speed}`;
  if (!r.results_match) return `wrong result on the visible data (${r.original_rows} vs ${r.optimized_rows} rows); speed ${speed}`;
  if (r.holdout_match === false)
    return `wrong result on the hidden data${hiddenWhy ? ` (${hiddenWhy})` : ''}, though it matches the visible data; speed ${speed}`;
  if (r.speed_voided) return `correct, but no speed can be credited: ${r.speed_voided}; speed ${speed}`;
  if (r.holdout_match === null) return `correct on the visible data (the hidden data is judged when a step is spent); speed ${speed}`;
  return `correct on the visible and the hidden data; speedup ${speed}`;
}
