// The reward (design §6): the original environment's six components and weights, each gated so it cannot be gamed.
import type { TaskInstance } from './tasks.ts';
import { TAXONOMY, canonicalType } from './taxonomy.ts';
import type { Action, ExecutionResult, GroundTruthIssue, Reward, RewardBreakdown, RewardComponent } from './types.ts';

/** The original environment's weights. */
export const WEIGHTS: RewardBreakdown = {
  execution_speedup: 0.35,
  result_correctness: 0.2,
  issue_detection: 0.25,
  approval_correctness: 0.08,
  summary_quality: 0.07,
  severity_labels: 0.05,
};

/** A task whose reference gains little must not turn timing noise into reward (design §6). */
export const MIN_REFERENCE_SPEEDUP = 2;
/** Longer summaries earn nothing: a summary is a few sentences, not an essay of keywords. */
export const MAX_SUMMARY_WORDS = 120;
/** An estimate this many times off (either way) earns nothing. */
const ESTIMATE_TOLERANCE = 4;

/** Components switched off for ablations; the remaining weights are rescaled to sum to 1. */
export type ComponentMask = Partial<Record<RewardComponent, boolean>>;

export interface GradeInput {
  task: TaskInstance;
  action: Action;
  execution: ExecutionResult;
  /** the reference's speedup measured in this run of the environment, same method */
  referenceSpeedup: number | null;
  mask?: ComponentMask;
}

/** Result of matching suggestions to ground truth by canonical type (nearest line breaks ties). */
export interface Matching {
  pairs: { suggestion: number; issue: GroundTruthIssue }[];
  falsePositives: number;
  missed: GroundTruthIssue[];
}

export function matchIssues(action: Action, truth: GroundTruthIssue[]): Matching {
  const open = [...truth];
  const pairs: Matching['pairs'] = [];
  let falsePositives = 0;
  action.suggestions.forEach((s, i) => {
    const type = canonicalType(s.issue_type);
    const candidates = open.filter((g) => g.canonical === type);
    if (!type || candidates.length === 0) return void falsePositives++;
    const best = candidates.reduce((a, b) => (Math.abs(b.line - s.line) < Math.abs(a.line - s.line) ? b : a));
    open.splice(open.indexOf(best), 1);
    pairs.push({ suggestion: i, issue: best });
  });
  return { pairs, falsePositives, missed: open };
}

function f1(tp: number, fp: number, fn: number): number {
  return tp + fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn);
}

const clip = (x: number) => Math.min(1, Math.max(0, x));

/** "3x", "3.5×", "about 2 times", "150% faster" → a speed factor; null when no figure is given. */
export function parseEstimate(text: string): number | null {
  const t = String(text ?? '').toLowerCase();
  const times = /(\d+(?:\.\d+)?)\s*(?:x|×|times)/.exec(t);
  if (times) return Number(times[1]);
  const pct = /(\d+(?:\.\d+)?)\s*%/.exec(t);
  if (pct) return /reduc|less|fewer|drop|cut/.test(t) ? 1 / Math.max(0.01, 1 - Number(pct[1]) / 100) : 1 + Number(pct[1]) / 100;
  return null;
}

/** Canonical types a text names: taxonomy names, aliases and titles, and this task's ground-truth keywords. */
function typesNamed(text: string, truth: GroundTruthIssue[]): Set<string> {
  const t = ` ${text.toLowerCase().replace(/[_\s]+/g, ' ')} `;
  const named = new Set<string>();
  for (const k of TAXONOMY)
    for (const n of [k.type, ...k.aliases, k.title]) if (t.includes(n.toLowerCase().replace(/_/g, ' '))) named.add(k.type);
  for (const g of truth) if (g.keywords.some((kw) => kw.length >= 4 && t.includes(kw.toLowerCase()))) named.add(g.canonical);
  return named;
}

function isCopy(task: TaskInstance, sql: string): boolean {
  const squash = (s: string) =>
    s
      .replace(/--[^\n]*/g, '')
      .replace(/[\s;]+/g, ' ')
      .trim()
      .toLowerCase();
  return squash(task.original) === squash(sql);
}

/** Scores one action; pure. */
export function grade(input: GradeInput): Reward {
  const { task, action, execution: ex } = input;
  const feedback: string[] = [];
  const correct = ex.results_match === true && ex.holdout_match === true;
  const truth = task.issues;
  const m = matchIssues(action, truth);
  const b = {} as RewardBreakdown;

  b.result_correctness = correct ? 1 : 0;
  if (!correct)
    feedback.push(
      ex.original_error
        ? `The original query failed on this machine (${ex.original_error.split('\n')[0]}); the rewrite could not be compared.`
        : ex.optimized_error
          ? `The rewrite did not run: ${ex.optimized_error.split('\n')[0]}`
          : `The rewrite's results differ (${ex.verdict}).`,
    );

  const ref = Math.max(MIN_REFERENCE_SPEEDUP, input.referenceSpeedup ?? MIN_REFERENCE_SPEEDUP);
  if (!correct || ex.speedup === null || !ex.speedup_ci) b.execution_speedup = 0;
  else if (task.decoy) {
    // Nothing to gain on an already-good query: full credit for keeping it correct and not slower.
    b.execution_speedup = ex.speedup_ci[1] >= 0.9 ? 1 : 0;
  } else if (isCopy(task, action.optimized_query) || ex.speedup_ci[0] <= 1) {
    // Only a speedup whose whole interval is above 1 counts: a copy of the original measures ≈1× ± noise.
    b.execution_speedup = 0;
    feedback.push(`No measurable speedup (interval ${ex.speedup_ci[0].toFixed(2)}–${ex.speedup_ci[1].toFixed(2)}×).`);
  } else {
    b.execution_speedup = clip(Math.log(ex.speedup) / Math.log(ref));
    feedback.push(`Speedup ${ex.speedup.toFixed(2)}× against a reference of ${ref.toFixed(2)}×.`);
  }

  b.issue_detection = f1(m.pairs.length, m.falsePositives, m.missed.length);
  feedback.push(`Issues: ${m.pairs.length} of ${truth.length} found, ${m.falsePositives} not in the ground truth.`);

  b.approval_correctness = action.approved === task.approved_expected ? 1 : 0;
  if (!b.approval_correctness)
    feedback.push(task.approved_expected ? 'This query was already good: approve it.' : 'This query has real problems: do not approve it.');

  b.severity_labels =
    truth.length === 0
      ? action.suggestions.length === 0
        ? 1
        : 0
      : m.pairs.filter((p) => action.suggestions[p.suggestion].severity === p.issue.severity).length / truth.length;

  b.summary_quality = summaryQuality(action, ex, truth, correct);

  const weights = maskedWeights(input.mask);
  const score = (Object.keys(WEIGHTS) as RewardComponent[]).reduce((s, k) => s + weights[k] * b[k], 0);
  return { score: Math.round(score * 1e4) / 1e4, breakdown: b, weights, feedback, reference_speedup: input.referenceSpeedup };
}

/**
 * Half for naming what is wrong (F1 of the canonical types the summary names: listing every type lowers precision),
 * half for an estimate that agrees with the measured speedup. Over MAX_SUMMARY_WORDS earns nothing.
 */
function summaryQuality(action: Action, ex: ExecutionResult, truth: GroundTruthIssue[], correct: boolean): number {
  const words = action.summary.trim().split(/\s+/).filter(Boolean).length;
  if (words === 0 || words > MAX_SUMMARY_WORDS) return 0;
  const named = typesNamed(action.summary, truth);
  const gt = new Set(truth.map((g) => g.canonical));
  const tp = [...named].filter((t) => gt.has(t)).length;
  const naming = f1(tp, named.size - tp, gt.size - tp);
  const est = parseEstimate(action.estimated_improvement);
  const estimate =
    correct && est && est > 0 && ex.speedup ? clip(1 - Math.abs(Math.log(est / ex.speedup)) / Math.log(ESTIMATE_TOLERANCE)) : 0;
  return Math.round((0.5 * naming + 0.5 * estimate) * 1e4) / 1e4;
}

/** Weights after the mask, rescaled so a perfect score is still 1. */
export function maskedWeights(mask: ComponentMask = {}): RewardBreakdown {
  const keys = Object.keys(WEIGHTS) as RewardComponent[];
  const on = keys.filter((k) => mask[k] !== false);
  const total = on.reduce((s, k) => s + WEIGHTS[k], 0);
  const w = {} as RewardBreakdown;
  for (const k of keys) w[k] = on.includes(k) && total > 0 ? WEIGHTS[k] / total : 0;
  return w;
}
