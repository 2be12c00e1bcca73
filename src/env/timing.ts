// Interleaved A/B timing (design §4), pure over two run functions: warm-up, then pairs in alternating order until the
// speedup's interval is tight or the budget is spent. Each run also returns what it computed, so the very runs that are
// timed are the runs whose results are checked.
import type { OnProgress } from './progress.ts';
import { median, medianCI } from './stats.ts';
import { type Steps, drain } from './steps.ts';
import type { Timing } from './types.ts';

/** One run: its wall time and the fingerprint of what it returned. */
export interface Run<F> {
  ms: number;
  result: F;
}

export interface TimingOptions {
  /** all timed pairs together; pairs stop once this is spent (after the minimum) */
  timingBudgetMs: number;
  /** pairs always timed, however slow: fewer and the interval no longer means what it says (see stats.ts) */
  minPairs: number;
  /** more pairs add little once the interval is tight */
  maxPairs: number;
  /** relative width of the speedup interval at which timing stops early */
  targetRelativeCI: number;
}

/**
 * Admission to the engine on a machine shared with other workers (the HTTP server's measurement scheduler): a round
 * of timed runs happens between enter() and leave(), with no other worker's work beside it; any other work (a whole
 * call, an engine run) goes through shared(), which many workers may hold at once but never beside a round. Both block
 * the (single, blocking) engine thread until admitted. shared() inside a round or another shared() runs at once;
 * enter() inside shared() trades the hold for the round and takes it back at leave().
 */
export interface MeasurementGate {
  enter(): void;
  leave(): void;
  shared<T>(run: () => T): T;
}

/** Alone on the machine (the page, the CLI): nothing to wait for. */
export const OPEN_GATE: MeasurementGate = { enter() {}, leave() {}, shared: (run) => run() };

/** An interval of a speedup: [low, high]. */
export type Interval = [number, number];

/**
 * Whether enough is known to stop timing (after the minimum pairs): given the rewrite's speedup interval and, when the
 * reference is timed in the same rounds, the reference's. A step asks whether its speed credit is known closely enough
 * (grader.ts `speedCreditKnown`); without a rule, timing stops once every interval is relatively tight. The executor
 * passes a null rewrite interval when the rewrite's credit is already known to be nothing (a wrong result).
 */
export type StopRule = (rewrite: Interval | null, reference: Estimate | null) => boolean;

/** A speedup measured so far: its median and interval. */
export interface Estimate {
  median: number;
  ci: Interval;
}

/** Whether a reference's speedup interval is known closely enough to keep (grader.ts `referenceKnown`). */
export type ReferenceRule = (ci: Interval) => boolean;

/** What a measurement may add to the plain A/B: a third arm timed in the same rounds, and when to stop. */
export interface Extras<F> {
  /** the task's reference, timed against A in the same rounds (a first step: no second loop for it) */
  runC?: () => Run<F>;
  enough?: StopRule;
  /** when the reference beside it is known (without a rule: once its interval is relatively tight) */
  referenceKnown?: ReferenceRule;
  /** the clock the budget is counted on (performance.now; tests give one that runs as the runs say) */
  clock?: () => number;
}

/** The figures, and every result each side returned (warm-up first). */
export interface Measured<F> {
  timing: Timing;
  resultsA: F[];
  resultsB: F[];
  /** A against C, when C was timed */
  reference: Timing | null;
  /** time inside the timed rounds (warm-up included): what a step's wall time is compared with */
  inside_ms: number;
}

// The order of the arms in each round: every arm takes each place equally often, so a slow drift (GC, thermal, a
// cache warmed by the run before) hits all alike. Two arms alternate; three cycle through the six orders, each round
// starting with the arm that ended the one before, so across round boundaries too every arm follows every arm (itself
// included) equally often.
const ORDERS: Record<2 | 3, number[][]> = {
  2: [
    [0, 1],
    [1, 0],
  ],
  3: [
    [0, 1, 2],
    [2, 1, 0],
    [0, 2, 1],
    [1, 0, 2],
    [2, 0, 1],
    [1, 2, 0],
  ],
};

const relativeWidth = ([lo, hi]: Interval, mid: number) => (hi - lo) / mid;

/** Without a rule of its own, a reference is known once its interval is relatively tight (against its midpoint). */
const tight =
  (o: TimingOptions): ReferenceRule =>
  (ci) =>
    relativeWidth(ci, (ci[0] + ci[1]) / 2) < o.targetRelativeCI;

/**
 * Whether a reference timed beside a step is measured as well as on its own: its interval known by `known`, or as many
 * pairs as measuring it alone would have bought (the budget over one pair's time, within minPairs and maxPairs). Its
 * speedup is kept for every later step of the task, so its precision must not depend on the step beside it (that
 * episode's weights, or a slow rewrite eating the budget); else it is measured apart.
 */
export function referenceSettled(t: Timing, o: TimingOptions, known: ReferenceRule = tight(o)): boolean {
  if (t.speedup_ci !== null && known(t.speedup_ci)) return true;
  return t.pairs >= pairsAlone(t, o);
}

/** The pairs measuring a reference alone would buy: the budget over one pair's time, within minPairs and maxPairs. */
function pairsAlone(t: Timing, o: TimingOptions): number {
  const pairMs = (t.original_ms ?? 0) + (t.optimized_ms ?? 0);
  return pairMs > 0 ? Math.min(o.maxPairs, Math.max(o.minPairs, Math.floor(o.timingBudgetMs / pairMs))) : o.maxPairs;
}

function timingOf(as: number[], bs: number[], ratios: number[]): Timing {
  return {
    original_ms: median(as),
    optimized_ms: median(bs),
    speedup: median(ratios),
    speedup_ci: medianCI(ratios),
    pairs: ratios.length,
  };
}

/**
 * Times `runA` against `runB` (and `extras.runC`, in the same rounds); a throw from any ends the measurement with that
 * error. Each round (the warm-up, then each pair) runs inside `gate`, so a pair is never split by another worker's
 * runs; the budget counts only the time inside the gate, so waiting for other sessions never buys fewer pairs than
 * measuring alone would. `onProgress` hears 'warm-up' before the first round and 'timing' after each pair (done of at
 * most maxPairs).
 */
export function interleave<F>(...args: Parameters<typeof interleaving<F>>): Measured<F> {
  return drain(interleaving(...args));
}

/** interleave() a round at a time: it yields after each round (the page's worker measures a reference while idle). */
export function* interleaving<F>(
  runA: () => Run<F>,
  runB: () => Run<F>,
  o: TimingOptions,
  gate: MeasurementGate = OPEN_GATE,
  onProgress?: OnProgress,
  extras: Extras<F> = {},
): Steps<Measured<F>> {
  const runs = extras.runC ? [runA, runB, extras.runC] : [runA, runB];
  // A failing reference is not the step's failure: its arm is dropped and the pair goes on (it is then measured apart).
  let dropC = false;
  const results: F[][] = runs.map(() => []);
  const times: number[][] = runs.map(() => []);
  let inside = 0;
  const now = extras.clock ?? (() => performance.now());
  // One round: every arm once, in the given order; their times, by arm.
  const round = (order: number[]): number[] => {
    const ms: number[] = [];
    gate.enter();
    const t = now();
    try {
      for (const i of order) {
        if (i === 2 && dropC) continue;
        let r: Run<F>;
        try {
          r = runs[i]();
        } catch (e) {
          if (i !== 2) throw e;
          dropC = true;
          continue;
        }
        results[i].push(r.result);
        ms[i] = r.ms;
      }
    } finally {
      inside += now() - t;
      gate.leave();
    }
    return ms;
  };
  // Warm-up: caches, and the original's time that sets the rewrite's deadline (A runs first).
  onProgress?.({ phase: 'warm-up' });
  round(runs.map((_, i) => i));
  yield;
  const warmup = inside;
  const ratios: number[][] = runs.map(() => []);
  const enough = extras.enough ?? ((b: Interval | null) => !b || relativeWidth(b, median(ratios[1])) < o.targetRelativeCI);
  const withC = () => runs.length > 2 && !dropC;
  // The reference beside a step goes on until it is settled as it would be on its own (referenceSettled): known by its
  // rule, or with the pairs measuring it alone would buy.
  const known = extras.referenceKnown ?? tight(o);
  const cTiming = () => timingOf(times[0], times[2], ratios[2]);
  const cSettled = () => !withC() || referenceSettled(cTiming(), o, known);
  // Past the budget, a reference not yet settled would be measured apart afterwards, from its warm-up on: its rounds go
  // on here instead while the rounds it still lacks cost less than that would.
  const cheaperThanApart = (rounds: number, roundMs: number) => {
    const c = cTiming();
    const lacking = pairsAlone(c, o) - rounds;
    return lacking * roundMs < (pairsAlone(c, o) + 1) * ((c.original_ms ?? 0) + (c.optimized_ms ?? 0));
  };
  while (ratios[1].length < o.maxPairs) {
    const n = ratios[1].length;
    const orders = ORDERS[withC() ? 3 : 2];
    const ms = round(orders[n % orders.length]);
    // Arms that ran this round (a reference that failed in it is dropped with the round's run).
    const arms = withC() ? 3 : 2;
    for (let i = 0; i < arms; i++) times[i].push(ms[i]);
    for (let i = 1; i < arms; i++) ratios[i].push(ms[0] / Math.max(ms[i], 0.01));
    onProgress?.({ phase: 'timing', done: n + 1, total: o.maxPairs });
    yield;
    if (n + 1 < o.minPairs) continue;
    const spent = inside - warmup;
    if (spent + spent / (n + 1) > o.timingBudgetMs && (cSettled() || !cheaperThanApart(n + 1, spent / (n + 1)))) break;
    const c = withC() ? { median: median(ratios[2]), ci: medianCI(ratios[2]) } : null;
    if (enough(medianCI(ratios[1]), c) && cSettled()) break;
  }
  return {
    timing: timingOf(times[0], times[1], ratios[1]),
    resultsA: results[0],
    resultsB: results[1],
    reference: withC() ? timingOf(times[0], times[2], ratios[2]) : null,
    inside_ms: inside,
  };
}
