// interleave() under a measurement gate: every round of timed runs is inside one enter/leave, the balance holds when a
// run throws, and time spent waiting at the gate never shortens the measurement (the budget counts time inside it).
// And what it tells onProgress: the warm-up, then each pair counted out of maxPairs.
import { describe, expect, it } from 'vitest';
import type { CallProgress } from './progress.ts';
import { type MeasurementGate, type TimingOptions, interleave, interleaving, referenceSettled } from './timing.ts';

/** A run that takes about `ms` of wall time. */
const spin = (ms: number) => () => {
  const t = performance.now();
  while (performance.now() - t < ms);
  return { ms, result: 0 };
};

const OPTS: TimingOptions = { timingBudgetMs: 60, minPairs: 6, maxPairs: 40, targetRelativeCI: 0 };

/** A gate that logs, and makes each admission wait `waitMs` (other sessions' rounds). */
function loggingGate(waitMs = 0) {
  const log: string[] = [];
  const gate: MeasurementGate = {
    enter() {
      log.push('enter');
      spin(waitMs)();
    },
    leave: () => void log.push('leave'),
    shared: (run) => run(),
  };
  return { gate, log };
}

describe('interleave under a gate', () => {
  it('runs the warm-up and each pair inside exactly one round', () => {
    const { gate, log } = loggingGate();
    const inside: boolean[] = [];
    let open = false;
    const run = () => {
      inside.push(open);
      return { ms: 1, result: 0 };
    };
    const g: MeasurementGate = {
      enter: () => ((open = true), gate.enter()),
      leave: () => ((open = false), gate.leave()),
      shared: (r) => r(),
    };
    const { timing } = interleave(run, run, { ...OPTS, maxPairs: 7 }, g);
    expect(timing.pairs).toBe(7);
    expect(log).toEqual(Array(8).fill(['enter', 'leave']).flat()); // warm-up + 7 pairs
    expect(inside.every(Boolean)).toBe(true);
    expect(inside).toHaveLength(16);
  });

  it('leaves the gate when a run throws', () => {
    const { gate, log } = loggingGate();
    let n = 0;
    const failing = () => {
      if (++n === 3) throw new Error('boom');
      return { ms: 1, result: 0 };
    };
    expect(() => interleave(failing, () => ({ ms: 1, result: 0 }), OPTS, gate)).toThrow('boom');
    expect(log.at(-1)).toBe('leave');
    expect(log.filter((e) => e === 'enter').length).toBe(log.filter((e) => e === 'leave').length);
  });

  it('does not count waits at the gate against the budget', () => {
    // Instant runs behind 40 ms waits, against a 120 ms budget: the time inside the rounds stays far below the budget,
    // so timing goes on to maxPairs. Had the waits counted, the budget would be spent after three pairs and the
    // measurement would stop at the 6-pair minimum. Nothing here depends on how busy the machine is.
    const { gate } = loggingGate(40);
    const instant = () => ({ ms: 1, result: 0 });
    const crowded = interleave(instant, instant, { ...OPTS, timingBudgetMs: 120, maxPairs: 30 }, gate).timing.pairs;
    expect(crowded).toBe(30);
  });
});

describe('interleave progress', () => {
  it('tells the warm-up, then every pair counted up to the pairs measured, out of maxPairs', () => {
    const told: CallProgress[] = [];
    const instant = () => ({ ms: 1, result: 0 });
    // Equal runs never tighten the interval below 0, and the budget is out of reach: timing goes on to maxPairs.
    const pairs = interleave(instant, instant, { ...OPTS, timingBudgetMs: 1e9, maxPairs: 8 }, undefined, (p) => told.push(p)).timing.pairs;
    expect(pairs).toBe(8);
    expect(told).toEqual([{ phase: 'warm-up' }, ...Array.from({ length: 8 }, (_, i) => ({ phase: 'timing', done: i + 1, total: 8 }))]);
  });
});

describe('interleaving, a round at a time', () => {
  it('yields after the warm-up and after every pair, never inside a round, and returns what interleave does', () => {
    let runs = 0;
    const counted = () => ({ ms: 1, result: runs++ });
    const o = { ...OPTS, timingBudgetMs: 1e9, maxPairs: 5 };
    const steps = interleaving(counted, counted, o);
    const between: number[] = [];
    let r = steps.next();
    for (; !r.done; r = steps.next()) between.push(runs);
    // Both arms ran by every pause: the warm-up round, then each pair.
    expect(between).toEqual([2, 4, 6, 8, 10, 12]);
    expect(r.value.timing.pairs).toBe(5);
    expect(r.value.timing).toEqual(interleave(counted, counted, o).timing);
  });
});

describe('interleave with the reference as a third arm', () => {
  /** Runs that log their arm's letter and take fixed "times" (A 12, B 3, C 4 ms), their letter as the result. */
  function arms() {
    const order: string[] = [];
    const arm = (name: string, ms: number) => () => {
      order.push(name);
      return { ms, result: name };
    };
    return { order, a: arm('A', 12), b: arm('B', 3), c: arm('C', 4) };
  }

  it('times A against B and against C in the same rounds, each arm taking each place equally often', () => {
    const { order, a, b, c } = arms();
    const m = interleave(a, b, { ...OPTS, timingBudgetMs: 1e9, minPairs: 6, maxPairs: 6 }, undefined, undefined, { runC: c });
    expect(m.timing).toMatchObject({ speedup: 4, pairs: 6, original_ms: 12, optimized_ms: 3 });
    expect(m.reference).toMatchObject({ speedup: 3, pairs: 6, original_ms: 12, optimized_ms: 4 });
    expect(m.resultsB).toEqual(Array(7).fill('B'));
    // Warm-up, then six rounds of three: over the six timed rounds every arm is first, middle and last twice.
    const rounds = Array.from({ length: 7 }, (_, i) => order.slice(3 * i, 3 * i + 3));
    expect(rounds[0]).toEqual(['A', 'B', 'C']);
    for (const arm of ['A', 'B', 'C'])
      for (let place = 0; place < 3; place++) expect(rounds.slice(1).filter((r) => r[place] === arm)).toHaveLength(2);
    // Each timed round starts with the arm that ended the one before (the six orders in a cycle), so over a cycle every
    // arm follows every arm equally often across round boundaries too.
    for (let i = 2; i < rounds.length; i++) expect(rounds[i][0]).toBe(rounds[i - 1][2]);
    const follows = new Map<string, number>();
    const timed = order.slice(3);
    for (let i = 0; i < timed.length; i++) {
      const k = `${timed[i]}>${timed[(i + 1) % timed.length]}`;
      follows.set(k, (follows.get(k) ?? 0) + 1);
    }
    expect([...follows.values()]).toEqual(Array(9).fill(2));
  });

  it('drops a failing reference arm and goes on timing the pair', () => {
    const { a, b } = arms();
    let calls = 0;
    const flaky = () => {
      if (++calls === 3) throw new Error('out of memory');
      return { ms: 4, result: 'C' };
    };
    const m = interleave(a, b, { ...OPTS, timingBudgetMs: 1e9, minPairs: 6, maxPairs: 8 }, undefined, undefined, { runC: flaky });
    expect(m.reference).toBeNull();
    expect(m.timing).toMatchObject({ speedup: 4, pairs: 8 });
  });

  it('goes on past the budget for a reference not yet settled while that costs less than measuring it apart', () => {
    // A clock that runs as the runs say: A 2 ms, C 1 ms (pairs of 3 ms: alone the 36 ms budget buys 12, capped at 10).
    const run = (name: string, ms: number, clock: { t: number }) => () => ((clock.t += ms), { ms, result: name });
    const measure = (bMs: number) => {
      const clock = { t: 0 };
      return interleave(
        run('A', 2, clock),
        run('B', bMs, clock),
        { ...OPTS, timingBudgetMs: 36, minPairs: 6, maxPairs: 10 },
        undefined,
        undefined,
        { runC: run('C', 1, clock), enough: () => true, referenceKnown: () => false, clock: () => clock.t },
      );
    };
    // A 5 ms rewrite: rounds of 8 ms, over the budget at the sixth pair (48 ms). The four rounds the reference lacks
    // (32 ms) cost less than measuring it apart (a warm-up and 10 pairs of 3 ms: 33 ms), so they run here.
    const cheap = measure(5);
    expect(cheap.reference?.pairs).toBe(10);
    expect(cheap.timing.pairs).toBe(10);
    // A 50 ms rewrite: those four rounds would cost 212 ms, so the budget stops it and the reference is measured apart.
    const dear = measure(50);
    expect(dear.reference?.pairs).toBe(6);
    expect(dear.timing.pairs).toBe(6);
  });

  it('a reference beside a step is settled when tight, or with the pairs it would have had alone', () => {
    const o = { ...OPTS, timingBudgetMs: 6000, minPairs: 6, maxPairs: 25, targetRelativeCI: 0.1 };
    const t = (speedup: number, ci: [number, number], pairs: number, original_ms: number, optimized_ms: number) => ({
      speedup,
      speedup_ci: ci,
      pairs,
      original_ms,
      optimized_ms,
    });
    expect(referenceSettled(t(5, [4.9, 5.1], 6, 20, 4), o)).toBe(true);
    // Wide after 6 pairs of a cheap pair: alone it would have run all 25.
    expect(referenceSettled(t(5, [3, 8], 6, 20, 4), o)).toBe(false);
    expect(referenceSettled(t(5, [3, 8], 25, 20, 4), o)).toBe(true);
    // A slow pair (1.8 s): alone the budget buys the minimum too.
    expect(referenceSettled(t(1.5, [1.2, 1.9], 6, 1200, 600), o)).toBe(true);
  });

  it('stops as soon as the rule says enough is known, never before the minimum pairs', () => {
    const { a, b, c } = arms();
    const seen: [unknown, unknown][] = [];
    // The reference's ratios are all 3: its interval is tight at once, so only the rule holds timing back.
    const m = interleave(a, b, { ...OPTS, timingBudgetMs: 1e9, minPairs: 6, maxPairs: 25, targetRelativeCI: 0.1 }, undefined, undefined, {
      runC: c,
      enough: (s, r) => (seen.push([s, r]), true),
    });
    expect(m.timing.pairs).toBe(6);
    expect(seen).toEqual([[[4, 4], { median: 3, ci: [3, 3] }]]);
    const never = interleave(a, b, { ...OPTS, timingBudgetMs: 1e9, minPairs: 6, maxPairs: 9 }, undefined, undefined, {
      enough: () => false,
    });
    expect(never.timing.pairs).toBe(9);
    expect(never.reference).toBeNull();
  });

  it("goes on for the reference beside a step until its own rule knows it, whatever the rewrite's rule says", () => {
    const { a, b } = arms();
    // The reference's ratios widen over the rounds: 3, then 3 and 4 alternating.
    let k = 0;
    const c = () => ({ ms: k++ % 2 ? 3 : 4, result: 'C' });
    const seen: [number, number][] = [];
    const m = interleave(a, b, { ...OPTS, timingBudgetMs: 1e9, minPairs: 6, maxPairs: 25 }, undefined, undefined, {
      runC: c,
      enough: () => true,
      referenceKnown: (ci) => (seen.push(ci), seen.length >= 4),
    });
    // Asked once per pair from the minimum on; the fourth answer stops it.
    expect(m.timing.pairs).toBe(9);
    expect(seen).toHaveLength(4);
    expect(seen.every(([lo, hi]) => lo === 3 && hi === 4)).toBe(true);
    const o = { ...OPTS, timingBudgetMs: 6000, minPairs: 6, maxPairs: 25 };
    const wide = { speedup: 5, speedup_ci: [3, 8] as [number, number], pairs: 6, original_ms: 20, optimized_ms: 4 };
    expect(referenceSettled(wide, o, () => true)).toBe(true);
    expect(referenceSettled(wide, o, () => false)).toBe(false);
  });

  it('counts the time inside its rounds', () => {
    const m = interleave(spin(2), spin(1), { ...OPTS, timingBudgetMs: 1e9, maxPairs: 6 });
    // Seven rounds of at least 3 ms of spinning each.
    expect(m.inside_ms).toBeGreaterThanOrEqual(21);
  });
});
