// The reward (design §6): the original environment's six components and weights, each paid only for real work.
import { matchIssues } from './matching.ts';
import { type ComponentMask, type RewardConfig, DEFAULT_REWARD, HINT_COST, appliedWeights } from './reward-config.ts';
import { minSamplesForCoverage } from './stats.ts';
import type { TaskInstance } from './tasks.ts';
import type { Interval, StopRule } from './timing.ts';
import { TAXONOMY } from './taxonomy.ts';
import type { Action, ExecutionResult, GroundTruthIssue, Reward, RewardBreakdown } from './types.ts';

export { LINE_TOLERANCE, type Matching, matchIssues } from './matching.ts';
export {
  type ComponentMask,
  DEFAULT_REWARD,
  HINT_COST,
  type RewardConfig,
  WEIGHTS,
  appliedWeights,
  maskedWeights,
  parseRewardSpec,
} from './reward-config.ts';

/** A decoy's rewrite is not paid as slower than its original unless even its interval's upper bound is below this. */
const DECOY_SLOWER = 0.9;

/** A task whose reference gains little must not turn timing noise into reward (design §6). */
export const MIN_REFERENCE_SPEEDUP = 2;
/**
 * Fewest timed pairs whose speedup interval is a ~95% interval: medianCI's interval of n pairs covers the true median
 * with probability 1 − 2^(1−n) below 6 pairs (5 pairs: 93.75%, 3 pairs: 75%), so its lower bound is not yet a
 * conservative figure. Computed from the binomial coverage (6), not asserted.
 */
export const MIN_PAIRS_FOR_CREDIT = minSamplesForCoverage(0.95);
/** Longer summaries earn nothing: a summary is a few sentences, not an essay of keywords. */
export const MAX_SUMMARY_WORDS = 120;
/** An estimate this many times off (either way) earns nothing. */
const ESTIMATE_TOLERANCE = 4;

export interface GradeInput {
  task: TaskInstance;
  action: Action;
  execution: ExecutionResult;
  /** the reference's speedup measured in this run of the environment, same method */
  referenceSpeedup: number | null;
  /** weights and mask of this session; DEFAULT_REWARD when absent */
  reward?: RewardConfig;
  /** extra components switched off (kept for callers that only mask); combined with `reward`'s own mask */
  mask?: ComponentMask;
  /** hints open when the step was taken; each costs HINT_COST of the score (0 when absent) */
  hintsUsed?: number;
}

const clip = (x: number) => Math.min(1, Math.max(0, x));

/** Why a reward carries no reference speedup: speed credit was then normalised by the 2× floor alone. */
export const NO_REFERENCE = 'no reference speedup was measured for this grade, so speed credit was relative to the 2× floor';

/** Why a paid step's reward has no practice score: its episode was not practice, so `score` is what it paid. */
export const NOT_PRACTICE =
  "this episode is not practice (its task's solution was not shown earlier in the session), so score is what the step paid";

/** The feedback line of every practice step: why it pays nothing. */
export const PRACTICE_FEEDBACK =
  "You saw this task's solution earlier in this session, so this episode is practice: it pays nothing and does not count on the leaderboard.";

/**
 * A step's reward in a practice episode: it pays 0, and says why; the breakdown and feedback stay (they still teach),
 * and `practice_score` keeps what it would have paid, on which the ending is judged (a solved practice episode ends).
 */
export function asPractice(reward: Reward): Reward {
  const { practice_score: _, ...why_null } = reward.why_null;
  return { ...reward, score: 0, practice_score: reward.score, feedback: [PRACTICE_FEEDBACK, ...reward.feedback], why_null };
}

/**
 * Speed credit for a conservative speedup `lo` (the interval's lower bound): log(lo) / log(ref), clipped to [0, 1],
 * with ref = max(2, reference). Log scale, so 2× on a task whose reference is 4× earns half. Continuous and
 * non-decreasing in lo: a lower bound of 1.01 earns a sliver, never a jump from 0.
 */
export function speedCredit(lo: number, referenceSpeedup: number | null): number {
  const ref = Math.max(MIN_REFERENCE_SPEEDUP, referenceSpeedup ?? MIN_REFERENCE_SPEEDUP);
  return clip(Math.log(Math.max(lo, 1)) / Math.log(ref));
}

/** A decoy's speed credit, paid on the interval's upper bound `hi`: full for a rewrite that is not clearly slower. */
export function decoySpeedCredit(hi: number): number {
  return hi >= DECOY_SLOWER ? 1 : 0;
}

/** How closely a step's timing must pin its speed credit's share of the score before it stops: ±0.01. */
export const SPEED_SCORE_TOLERANCE = 0.01;

/**
 * When a step's timing has learnt enough (design §4): the speed credit's share of the score (`weight` × credit) is
 * known to ±SPEED_SCORE_TOLERANCE, the rewrite's interval mapped through the credit function against the reference
 * (its median so far while it is timed in the same rounds, as the reward will be). A clear win past the reference, or
 * a clear no-op, maps to one credit and stops at the fewest pairs; only close calls buy more. A null rewrite interval:
 * its credit is already known (nothing). The reference beside a first step has its own rule (referenceKnown below).
 */
export function speedCreditKnown(decoy: boolean, weight: number, reference: number | null): StopRule {
  return (s, ref) => {
    if (!s) return true;
    const against = ref ? ref.median : reference;
    const span = decoy ? decoySpeedCredit(s[1]) - decoySpeedCredit(s[0]) : speedCredit(s[1], against) - speedCredit(s[0], against);
    return weight * span <= 2 * SPEED_SCORE_TOLERANCE;
  };
}

/**
 * When a reference's speedup interval pins every rewrite's pay closely enough for it to be kept for the task (design
 * §4, §6): wherever in `ci` the reference lies, no rewrite's speed credit times `weight` moves within a band wider than
 * 2 × SPEED_SCORE_TOLERANCE (the convention of speedCreditKnown: ±0.01 about its middle). Credit is
 * log(lo) / log(max(2, ref)), so the rewrite it moves most is the one at the interval's low end (full credit there,
 * log(ci_lo) / log(ci_hi) at the high end). A reference clearly under the 2× floor is known at once (the floor is what
 * pays); a large one needs a looser interval than a 2–3× one, whose log is small. The figure is kept for every later
 * episode of the task, so the caller passes the most any of them may pay for speed that it knows of (referenceWeight).
 */
export function referenceKnown(weight: number): (ci: Interval) => boolean {
  const floor = (x: number) => Math.log(Math.max(MIN_REFERENCE_SPEEDUP, x));
  return ([lo, hi]) => weight * (1 - floor(lo) / floor(hi)) <= 2 * SPEED_SCORE_TOLERANCE;
}

/**
 * The speed weight a kept reference is measured for: the default's, or more when the session's reward (the operator's
 * `--reward`) or an episode's own weights pay more for speed. An episode's weights can only tighten it, never loosen it.
 */
export function referenceWeight(...configs: { execution_speedup: number }[]): number {
  return Math.max(DEFAULT_SPEED_WEIGHT, ...configs.map((w) => w.execution_speedup));
}

const DEFAULT_SPEED_WEIGHT = appliedWeights(DEFAULT_REWARD).execution_speedup;

/** "3x", "3.5×", "about 2 times", "150% faster" → a speed factor; null when no figure is given. */
export function parseEstimate(text: string): number | null {
  const t = String(text ?? '').toLowerCase();
  const times = /(\d+(?:\.\d+)?)\s*(?:x|×|times)/.exec(t);
  if (times) return Number(times[1]);
  const pct = /(\d+(?:\.\d+)?)\s*%/.exec(t);
  if (pct) return /reduc|less|fewer|drop|cut/.test(t) ? 1 / Math.max(0.01, 1 - Number(pct[1]) / 100) : 1 + Number(pct[1]) / 100;
  return null;
}

/** Lower case, with hyphens, underscores and runs of spaces as one space: "non-sargable" names non_sargable. */
const words = (s: string) => s.toLowerCase().replace(/[-_\s]+/g, ' ');

/** Canonical types a text names: taxonomy names, aliases and titles, and this task's ground-truth keywords. */
export function typesNamed(text: string, truth: GroundTruthIssue[]): Set<string> {
  const t = ` ${words(text)} `;
  const named = new Set<string>();
  for (const k of TAXONOMY) for (const n of [k.type, ...k.aliases, k.title]) if (t.includes(words(n))) named.add(k.type);
  for (const g of truth) if (g.keywords.some((kw) => kw.length >= 4 && t.includes(words(kw)))) named.add(g.canonical);
  return named;
}

/** The original's text, reformatted or with a trailing semicolon: the rewrite did nothing. */
function isCopy(task: TaskInstance, sql: string): boolean {
  const squash = (s: string) =>
    s
      .replace(/--[^\n]*/g, '')
      .replace(/[\s;]+/g, ' ')
      .trim()
      .toLowerCase();
  return squash(task.original) === squash(sql);
}

/** Scores one action; pure: the same input always gives the same reward. */
export function grade(input: GradeInput): Reward {
  const { task, action, execution: ex } = input;
  const feedback: string[] = [];
  const correct = ex.results_match === true && ex.holdout_match === true;
  // Doing nothing is the answer on a decoy (an already-good query), and earns nothing anywhere else.
  const idle = !task.decoy && (ex.noop || isCopy(task, action.optimized_query));
  const truth = task.issues;
  const m = matchIssues(action, truth);
  const b = {} as RewardBreakdown;

  b.result_correctness = correct && !idle ? 1 : 0;
  if (!correct)
    feedback.push(
      ex.original_error
        ? `The original query failed on this machine (${ex.original_error.split('\n')[0]}); the rewrite could not be compared.`
        : ex.optimized_error
          ? `The rewrite did not run: ${ex.optimized_error.split('\n')[0]}`
          : `The rewrite's results differ (${ex.verdict}).`,
    );
  else if (idle)
    feedback.push(
      'The rewrite is the original (same plan, or the same text reformatted): nothing was optimised, so it earns no correctness or speed credit.',
    );

  // A wrong or idle rewrite has already been told why it earns nothing; speed has nothing to add.
  const speed = correct && !idle ? speedComponent(task, ex, input.referenceSpeedup) : { credit: 0, why: null };
  b.execution_speedup = speed.credit;
  if (speed.why) feedback.push(speed.why);

  b.issue_detection = f1(m.pairs.length, m.falsePositives, m.missed.length);
  feedback.push(
    `Issues: ${m.pairs.length} of ${truth.length} found (right type within a few lines), ${m.falsePositives} suggestions matched nothing.`,
  );

  b.approval_correctness = action.approved === task.approved_expected ? 1 : 0;
  if (!b.approval_correctness)
    feedback.push(task.approved_expected ? 'This query was already good: approve it.' : 'This query has real problems: do not approve it.');

  // Right severities over all the issues there are plus all the false alarms: spraying suggestions dilutes it.
  const rightSeverity = m.pairs.filter((p) => action.suggestions[p.suggestion].severity === p.issue.severity).length;
  b.severity_labels = truth.length === 0 ? (action.suggestions.length === 0 ? 1 : 0) : rightSeverity / (truth.length + m.falsePositives);

  b.summary_quality = summaryQuality(action, ex, truth, correct && !idle && !ex.speed_voided);

  const weights = appliedWeights(input.reward ?? DEFAULT_REWARD, input.mask);
  const score = (Object.keys(weights) as (keyof RewardBreakdown)[]).reduce((s, k) => s + weights[k] * b[k], 0);
  const hint_penalty = hintPenalty(input.hintsUsed ?? 0);
  if (hint_penalty > 0)
    feedback.push(
      `Hints: ${input.hintsUsed} open when this step was taken, so ${hint_penalty} was taken from the score (${HINT_COST} a hint).`,
    );
  const reference_speedup = input.referenceSpeedup;
  const why_null = { ...(reference_speedup === null ? { reference_speedup: NO_REFERENCE } : {}), practice_score: NOT_PRACTICE };
  // The ending is judged on this score, after the hints' cost: a hint-assisted solve must still reach the threshold.
  const net = Math.max(0, round4(score) - hint_penalty);
  return { score: round4(net), breakdown: b, weights, feedback, hint_penalty, reference_speedup, practice_score: null, why_null };
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** What `hints` open hints take from a step's score. */
export function hintPenalty(hints: number): number {
  return round4(HINT_COST * hints);
}

/** Speed credit of a correct rewrite that is not the original, and the feedback line saying what it was paid on. */
function speedComponent(task: TaskInstance, ex: ExecutionResult, referenceSpeedup: number | null): { credit: number; why: string | null } {
  if (ex.speed_voided) return { credit: 0, why: `No speed credit: ${ex.speed_voided}` };
  if (ex.speedup === null || !ex.speedup_ci) return { credit: 0, why: 'No speed credit: the timing did not complete.' };
  if (ex.pairs < MIN_PAIRS_FOR_CREDIT)
    return {
      credit: 0,
      why: `No speed credit: only ${ex.pairs} timed pairs; an interval needs ${MIN_PAIRS_FOR_CREDIT} to cover the speedup 95% of the time.`,
    };
  const [lo, hi] = ex.speedup_ci;
  if (task.decoy)
    // Nothing to gain on an already-good query: full credit for keeping it correct and not slower.
    return decoySpeedCredit(hi)
      ? { credit: 1, why: null }
      : { credit: 0, why: `The rewrite is slower than the original (at most ${hi.toFixed(2)}×).` };
  const ref = Math.max(MIN_REFERENCE_SPEEDUP, referenceSpeedup ?? MIN_REFERENCE_SPEEDUP);
  const why =
    lo <= 1
      ? `No measurable speedup (interval ${lo.toFixed(2)}–${hi.toFixed(2)}×).`
      : `Speedup ${ex.speedup.toFixed(2)}× (credited at its interval's lower bound, ${lo.toFixed(2)}×) against a reference of ${ref.toFixed(2)}×.`;
  return { credit: speedCredit(lo, referenceSpeedup), why };
}

function f1(tp: number, fp: number, fn: number): number {
  return tp + fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn);
}

/**
 * Naming credit of a summary: precision × recall of the canonical types it names against the ground truth's. Every
 * type it names outside the truth lowers precision, so naming all 21 types earns (true types) / 21, while
 * naming exactly the truth earns 1. Nothing named on a task with nothing wrong (a decoy) is right: 1.
 */
export function namingCredit(named: Set<string>, truth: GroundTruthIssue[]): number {
  const gt = new Set(truth.map((g) => g.canonical));
  if (named.size === 0 || gt.size === 0) return named.size === gt.size ? 1 : 0;
  const tp = [...named].filter((t) => gt.has(t)).length;
  return (tp / named.size) * (tp / gt.size);
}

/**
 * Half for naming what is wrong, half for an estimate that agrees with the measured speedup — the latter only when the
 * rewrite earned its measurement (correct, not the original, not voided). Over MAX_SUMMARY_WORDS earns nothing.
 */
function summaryQuality(action: Action, ex: ExecutionResult, truth: GroundTruthIssue[], measured: boolean): number {
  const count = action.summary.trim().split(/\s+/).filter(Boolean).length;
  if (count === 0 || count > MAX_SUMMARY_WORDS) return 0;
  const naming = namingCredit(typesNamed(action.summary, truth), truth);
  const est = parseEstimate(action.estimated_improvement);
  const estimate =
    measured && est && est > 0 && ex.speedup ? clip(1 - Math.abs(Math.log(est / ex.speedup)) / Math.log(ESTIMATE_TOLERANCE)) : 0;
  return Math.round((0.5 * naming + 0.5 * estimate) * 1e4) / 1e4;
}
