// Pins: a DOUBLE sum of cents that lands one bit off a rounding edge still matches the exact DECIMAL sum (17025.15).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/env/executor.ts';
import type { Engine } from '../../src/env/engine.ts';
import { fingerprintSql, planColumns } from '../../src/env/fingerprint.ts';
import { HONEST_RUN_DEADLINE_MS, makeRig } from '../integration/fixtures.ts';

// Fixed in 3bc3cae ("binary-grid float tolerance"): floats were compared rounded to 6 significant decimal digits,
// and sums of cents such as 17025.15 sit exactly on that grid's rounding edges, so the exact DECIMAL sum and a DOUBLE
// sum one bit below it rounded to 17025.2 and 17025.1: a correct rewrite was called wrong. Floats are now compared on
// two binary grids offset by half a step. The step was 2^-20 of the power of two below the value, and 524288.25 sat on
// an edge of the first grid; since the step became 2^-32 (float-compare.ts) it sits on an edge of the second, so the
// one-bit-below sum matches on the first grid only.

let x: Executor;
let engine: Engine;
beforeAll(async () => {
  const made = await makeRig();
  x = made.executor;
  engine = made.rig.visible;
});

/** One customer's order totals: the original sums them as DECIMAL (exact), the rewrite adds them up as DOUBLE. */
const sums = (cents: string[]) => ({
  original: `SELECT sum(total) AS revenue FROM (VALUES ${cents.map((c) => `(${c})`).join(', ')}) AS orders(total)`,
  rewrite: `SELECT ${cents.map((c) => `${c}::DOUBLE`).reduce((acc, c) => `(${acc} + ${c})`)} AS revenue`,
});

describe('floats from cents on rounding edges', () => {
  it.each([
    ['17025.15, one bit below (a decimal-grid edge)', ['1922.09', '907.68', '14195.38'], '17025.15', 17025.149999999998],
    [
      '524288.25, one bit below (an edge of the second binary grid)',
      ['104295.65', '81005.64', '81964.65', '7956.97', '249065.34'],
      '524288.25',
      524288.2499999999,
    ],
    [
      '524288.25, one bit above (an edge of the second binary grid)',
      ['72249.24', '93478.72', '102439.59', '21432.53', '234688.17'],
      '524288.25',
      524288.2500000001,
    ],
  ])('%s', (_, cents, exact, double) => {
    const { original, rewrite } = sums(cents);
    // The premise, read from the engine: the two sides really differ in the last bit.
    expect(engine.rows(original)[0].revenue).toBe(Number(exact));
    expect(engine.rows(rewrite)[0].revenue).toBe(double);
    const r = x.compare(original, rewrite, { orderSensitive: false, judge: true, withPlans: false });
    expect([r.optimized_error, r.results_match, r.holdout_match, r.diff]).toEqual([null, true, true, null]);
  });

  // The tolerance is 2^-32 of the value plus 1e-6 (float-compare.ts): 5e-6 at 17025, far under a cent.
  it.each([
    ['a cent', '17025.16'],
    ['ten cents', '17025.25'],
  ])('a sum %s off is still a wrong result', (_, wrong) => {
    const { original } = sums(['1922.09', '907.68', '14195.38']);
    const r = x.compare(original, `SELECT ${wrong}::DOUBLE AS revenue`, { orderSensitive: false, judge: true, withPlans: false });
    expect([r.results_match, r.diff?.dataset]).toEqual([false, 'main']);
  });

  it('one bit below 524288.25 matches on the first grid only: the second grid is not enough alone', () => {
    const plan = planColumns([{ name: 'revenue', type: 'DECIMAL(38,2)' }], [{ name: 'revenue', type: 'DOUBLE' }]);
    if (!plan.ok) throw new Error(plan.reason);
    const fp = (sql: string) =>
      engine.run(engine.gate(sql), (s) => fingerprintSql(s, plan.norms, false), { deadlineMs: HONEST_RUN_DEADLINE_MS }).rows[0];
    const [a, b] = [fp('SELECT 524288.25 AS revenue'), fp('SELECT 524288.2499999999::DOUBLE AS revenue')];
    expect([a.h0 === b.h0, a.h1 === b.h1]).toEqual([true, false]);
  });
});
