// Interleaved A/B timing (design §4), pure over two run functions: warm-up, then pairs in alternating order until the
// speedup's interval is tight or the budget is spent. Each run also returns what it computed, so the very runs that are
// timed are the runs whose results are checked.
import type { OnProgress } from './progress.ts';
import { median, medianCI } from './stats.ts';
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

/** The figures, and every result each side returned (warm-up first). */
export interface Measured<F> {
  timing: Timing;
  resultsA: F[];
  resultsB: F[];
}

/**
 * Times `runA` against `runB`; a throw from either ends the measurement with that error. Each round (the warm-up, then
 * each pair) runs inside `gate`, so a pair is never split by another worker's runs; the budget counts only the time
 * inside the gate, so waiting for other sessions never buys fewer pairs than measuring alone would. `onProgress` hears
 * 'warm-up' before the first round and 'timing' after each pair (done of at most maxPairs).
 */
export function interleave<F>(
  runA: () => Run<F>,
  runB: () => Run<F>,
  o: TimingOptions,
  gate: MeasurementGate = OPEN_GATE,
  onProgress?: OnProgress,
): Measured<F> {
  const resultsA: F[] = [];
  const resultsB: F[] = [];
  const a = () => {
    const r = runA();
    resultsA.push(r.result);
    return r.ms;
  };
  const b = () => {
    const r = runB();
    resultsB.push(r.result);
    return r.ms;
  };
  let inside = 0;
  const round = (body: () => void) => {
    gate.enter();
    const t = performance.now();
    try {
      body();
    } finally {
      inside += performance.now() - t;
      gate.leave();
    }
  };
  // Warm-up: caches, and the original's time that sets the rewrite's deadline.
  onProgress?.({ phase: 'warm-up' });
  round(() => {
    a();
    b();
  });
  const minPairs = o.minPairs;
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  const warmup = inside;
  while (ratios.length < o.maxPairs) {
    // Alternate which goes first, so a slow drift (GC, thermal) hits both sides alike.
    let ta = 0;
    let tb = 0;
    round(() => {
      if (ratios.length % 2 === 0) {
        ta = a();
        tb = b();
      } else {
        tb = b();
        ta = a();
      }
    });
    as.push(ta);
    bs.push(tb);
    ratios.push(ta / Math.max(tb, 0.01));
    onProgress?.({ phase: 'timing', done: ratios.length, total: o.maxPairs });
    if (ratios.length < minPairs) continue;
    const [lo, hi] = medianCI(ratios);
    const spent = inside - warmup;
    if ((hi - lo) / median(ratios) < o.targetRelativeCI || spent + spent / ratios.length > o.timingBudgetMs) break;
  }
  const timing = {
    original_ms: median(as),
    optimized_ms: median(bs),
    speedup: median(ratios),
    speedup_ci: medianCI(ratios),
    pairs: ratios.length,
  };
  return { timing, resultsA, resultsB };
}
