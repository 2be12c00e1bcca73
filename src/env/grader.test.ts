// The reward's rules on a small task: no-ops earn nothing, speed is paid smoothly at a conservative bound, issues count at
// their type and line, false alarms cost severity and naming credit.
import { describe, expect, it } from 'vitest';
import {
  HINT_COST,
  LINE_TOLERANCE,
  MIN_PAIRS_FOR_CREDIT,
  grade,
  hintPenalty,
  namingCredit,
  parseEstimate,
  referenceKnown,
  referenceWeight,
  speedCredit,
  speedCreditKnown,
  typesNamed,
} from './grader.ts';
import { DONE_THRESHOLD } from './episode.ts';
import { DEFAULT_EXECUTOR } from './executor.ts';
import { medianCICoverage } from './stats.ts';
import { emptyExecution } from './verdict.ts';
import { instantiate, parseTask } from './tasks.ts';
import { TAXONOMY } from './taxonomy.ts';
import type { Action, ExecutionResult, Suggestion } from './types.ts';

const ISSUES = [
  { type: 'non_sargable_cast', line: 3, severity: 'high', description: 'cast', keywords: ['cast', 'varchar'] },
  { type: 'function_on_date_column', line: 4, severity: 'high', description: 'year', keywords: ['year('] },
  { type: 'select_star', line: 1, severity: 'low', description: 'star', keywords: ['select *'] },
];
const SQL = "SELECT *\nFROM orders\nWHERE CAST(customer_id AS VARCHAR) = '5'\n  AND year(created_at) = 2024";

function makeTask(decoy: boolean) {
  const def = {
    id: 't',
    name: 'T',
    difficulty: 'easy',
    max_steps: 3,
    description: 'd',
    approved_expected: decoy,
    decoy,
    explanation: 'Why it works. In two sentences.',
    issues: decoy ? [] : ISSUES,
  };
  return instantiate(parseTask('t', JSON.stringify(def), SQL, decoy ? undefined : 'SELECT 1'), null);
}
const task = makeTask(false);
const decoy = makeTask(true);

function execution(over: Partial<ExecutionResult> = {}): ExecutionResult {
  const measured = { original_ms: 10, optimized_ms: 2, speedup: 5, speedup_ci: [5, 5.5] as [number, number], pairs: 9 };
  return { ...emptyExecution(false), ...measured, results_match: true, holdout_match: true, original_rows: 3, optimized_rows: 3, ...over };
}

const sug = (issue_type: string, line: number, severity: Suggestion['severity'] = 'high'): Suggestion => ({
  issue_type,
  line,
  severity,
  description: '',
  fix: '',
});

const good: Action = {
  optimized_query: 'SELECT id FROM orders WHERE customer_id = 5',
  suggestions: [sug('non_sargable_cast', 3), sug('function_on_date_column', 4), sug('select_star', 1, 'low')],
  summary: 'A non-sargable cast and year() on filter columns, plus select star.',
  estimated_improvement: '5x',
  approved: false,
};

const score = (a: Action, ex: ExecutionResult, ref: number | null = 5, t = task) =>
  grade({ task: t, action: a, execution: ex, referenceSpeedup: ref });

describe('reward', () => {
  it('pays 1 for a perfect step', () => {
    const r = score(good, execution());
    expect(Object.values(r.breakdown)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(r.score).toBe(1);
  });

  it('scores any fast but wrong rewrite below a slow correct one', () => {
    const wrongMain = score(good, execution({ speedup: 100, speedup_ci: [90, 110], results_match: false }));
    const wrongHoldout = score(good, execution({ speedup: 100, speedup_ci: [90, 110], holdout_match: false }));
    const slowCorrect = score({ ...good, estimated_improvement: '1.2x' }, execution({ speedup: 1.2, speedup_ci: [1.1, 1.3] }));
    for (const w of [wrongMain, wrongHoldout]) {
      expect([w.breakdown.execution_speedup, w.breakdown.result_correctness]).toEqual([0, 0]);
      expect(w.score).toBeLessThan(slowCorrect.score);
    }
  });
});

describe('rule 1: doing nothing earns nothing on a non-decoy', () => {
  it('pays no correctness, speed or estimate for a rewrite with the original plan', () => {
    const r = score(good, execution({ noop: true }));
    expect([r.breakdown.result_correctness, r.breakdown.execution_speedup]).toEqual([0, 0]);
    expect(r.breakdown.summary_quality).toBe(0.5); // the naming half only: the estimate half needs a real rewrite
    expect(r.feedback.join(' ')).toMatch(/nothing was optimised/);
  });

  it('pays nothing for a copy of the original text, even when the engine did not call it a no-op', () => {
    const r = score({ ...good, optimized_query: `-- tuned\n${SQL.toLowerCase()};  ` }, execution({ noop: false }));
    expect([r.breakdown.result_correctness, r.breakdown.execution_speedup]).toEqual([0, 0]);
  });

  it('keeps paying a decoy for leaving a good query alone, unless it got slower', () => {
    const keep: Action = { ...good, suggestions: [], summary: 'Already good.', estimated_improvement: '1x', approved: true };
    const kept = score(keep, execution({ noop: true, speedup: 1, speedup_ci: [0.95, 1.05] }), null, decoy);
    expect(kept.score).toBe(1);
    const slower = score(keep, execution({ speedup: 0.7, speedup_ci: [0.6, 0.8] }), null, decoy);
    expect([slower.breakdown.result_correctness, slower.breakdown.execution_speedup]).toEqual([1, 0]);
  });
});

describe('rule 2: speed credit is smooth and monotone in the lower bound of the interval', () => {
  it('credits log(lo) / log(ref), with no cliff just above 1', () => {
    expect(speedCredit(0.5, 5)).toBe(0);
    expect(speedCredit(1, 5)).toBe(0);
    expect(speedCredit(1.01, 5)).toBeGreaterThan(0);
    expect(speedCredit(1.01, 5)).toBeLessThan(0.01);
    expect(speedCredit(Math.sqrt(5), 5)).toBeCloseTo(0.5, 12);
    expect(speedCredit(5, 5)).toBe(1);
    expect(speedCredit(50, 5)).toBe(1);
  });

  it('reads the lower bound, not the median', () => {
    const a = score(good, execution({ speedup: 4, speedup_ci: [2, 4.5] })).breakdown.execution_speedup;
    const b = score(good, execution({ speedup: 40, speedup_ci: [2, 60] })).breakdown.execution_speedup;
    expect(a).toBe(b);
    expect(a).toBeCloseTo(Math.log(2) / Math.log(5), 12);
    const noise = score(good, execution({ speedup: 1.05, speedup_ci: [0.97, 1.12] }));
    expect(noise.breakdown.execution_speedup).toBe(0);
    expect(noise.feedback.join(' ')).toMatch(/No measurable speedup/);
  });

  it('normalises speed by the reference measured here, floored at 2x', () => {
    expect(score(good, execution({ speedup: 2.6, speedup_ci: [2.5, 2.7] }), 6.25).breakdown.execution_speedup).toBeCloseTo(0.5, 12);
    expect(score(good, execution({ speedup: 2.1, speedup_ci: [2, 2.2] }), 1.1).breakdown.execution_speedup).toBe(1);
    expect(score(good, execution({ speedup: 2.1, speedup_ci: [2, 2.2] }), null).breakdown.execution_speedup).toBe(1);
  });

  it('pays no speed when a timed run disagreed, and says why', () => {
    const r = score(good, execution({ speed_voided: 'timed run 3 of the rewrite returned other rows' }));
    expect(r.breakdown.execution_speedup).toBe(0);
    expect(r.breakdown.result_correctness).toBe(1);
    expect(r.feedback).toContain('No speed credit: timed run 3 of the rewrite returned other rows');
  });

  it(`needs ${MIN_PAIRS_FOR_CREDIT} timed pairs, the fewest whose interval covers the median 95% of the time`, () => {
    expect(MIN_PAIRS_FOR_CREDIT).toBe(6);
    expect(medianCICoverage(MIN_PAIRS_FOR_CREDIT - 1)).toBeLessThan(0.95);
    expect(medianCICoverage(MIN_PAIRS_FOR_CREDIT)).toBeGreaterThanOrEqual(0.95);
    const few = score(good, execution({ pairs: 5 }));
    expect(few.breakdown.execution_speedup).toBe(0);
    expect(few.feedback.join(' ')).toMatch(/only 5 timed pairs/);
    expect(score(good, execution({ pairs: 6 })).breakdown.execution_speedup).toBe(1);
  });

  // `it.fails` turns red once the executor's default timing is long enough: then make it `it`.
  it('the executor always times at least MIN_PAIRS_FOR_CREDIT pairs', () => {
    expect(DEFAULT_EXECUTOR.minPairs).toBeGreaterThanOrEqual(MIN_PAIRS_FOR_CREDIT);
  });
});

describe('rule 3: an issue counts at its canonical type and a nearby line', () => {
  const detect = (suggestions: Suggestion[]) => score({ ...good, suggestions }, execution()).breakdown.issue_detection;
  const oneOfThree = 2 / (2 + 0 + 2); // F1 with 1 found, 0 false, 2 missed

  it(`matches within ${LINE_TOLERANCE} lines of the truth, not at line 999 or line 0`, () => {
    expect(LINE_TOLERANCE).toBe(2);
    expect(detect([sug('select_star', 1 + LINE_TOLERANCE)])).toBeCloseTo(oneOfThree, 12);
    expect(detect([sug('select_star', 2 + LINE_TOLERANCE)])).toBe(0);
    expect(detect([sug('select_star', 999)])).toBe(0);
    expect(detect([sug('select_star', 0)])).toBe(0);
    expect(detect([sug('leading_wildcard_like', 1)])).toBe(0); // a nearby line, the wrong type
    expect(detect([sug('SELECT-STAR', 1)])).toBeCloseTo(oneOfThree, 12); // any spelling of the type
  });

  it('matches one to one, the best pairing whatever the order of the suggestions', () => {
    // Truths of one type at lines 3 and 4: a suggestion at 4 could take either, one at 6 only the line-4 truth.
    const pair = [sug('non_sargable_predicate', 4), sug('non_sargable_predicate', 6)];
    const expected = (2 * 2) / (2 * 2 + 0 + 1);
    expect(detect(pair)).toBeCloseTo(expected, 12);
    expect(detect([...pair].reverse())).toBeCloseTo(expected, 12);
    // the same finding twice is one finding and one false alarm
    expect(detect([sug('select_star', 1), sug('select_star', 1)])).toBeCloseTo(2 / (2 + 1 + 2), 12);
  });

  it('gives no detection credit for keywords in the summary or stuffed into a suggestion', () => {
    const stuffedSummary = { ...good, suggestions: [], summary: 'cast varchar year( select * non-sargable pruning zone map' };
    expect(score(stuffedSummary, execution()).breakdown.issue_detection).toBe(0);
    const stuffed = sug('select star non sargable cast varchar year( pruning', 1);
    const r = score({ ...good, suggestions: [{ ...stuffed, description: 'select * cast varchar year(' }] }, execution());
    expect([r.breakdown.issue_detection, r.breakdown.severity_labels]).toEqual([0, 0]);
  });
});

describe('rule 4: a false positive costs severity credit', () => {
  const severity = (suggestions: Suggestion[], t = task) => score({ ...good, suggestions }, execution(), 5, t).breakdown.severity_labels;

  it('pays right severities over the truths plus the false alarms', () => {
    expect(severity(good.suggestions)).toBe(1);
    expect(severity(good.suggestions.map((s) => ({ ...s, severity: 'critical' as const })))).toBe(0);
    expect(severity([])).toBe(0);
    const alarms = [sug('union_dedup', 2), sug('self_join', 2), sug('sum_case', 2)];
    expect(severity([...good.suggestions, ...alarms])).toBe(3 / (3 + 3));
    const spray = TAXONOMY.map((k) => sug(k.type, 3, k.type === 'select_star' ? 'low' : 'high'));
    expect(severity(spray)).toBeLessThan(0.1);
  });

  it('pays a decoy for no suggestions, and nothing for any', () => {
    expect(severity([], decoy)).toBe(1);
    expect(severity([sug('select_star', 1, 'low')], decoy)).toBe(0);
  });
});

describe('rule 5: a summary is paid for the types it names right against all it names', () => {
  it('scores naming as precision × recall of the named canonical types', () => {
    const truth = task.issues;
    expect(namingCredit(new Set(['select_star', 'non_sargable_predicate']), truth)).toBe(1);
    expect(namingCredit(new Set(['select_star']), truth)).toBe(0.5);
    expect(namingCredit(new Set(['select_star', 'non_sargable_predicate', 'self_join_for_window']), truth)).toBeCloseTo(2 / 3, 12);
    expect(namingCredit(new Set(TAXONOMY.map((k) => k.type)), truth)).toBeCloseTo(2 / 21, 12);
    expect(namingCredit(new Set(), [])).toBe(1);
    expect(namingCredit(new Set(['select_star']), [])).toBe(0);
  });

  it('reads hyphens, underscores and spaces alike', () => {
    expect([...typesNamed('Non-sargable filter; SELECT_STAR', [])].sort()).toEqual(['non_sargable_predicate', 'select_star']);
  });

  it('pays the estimate only for a correct rewrite that is not a no-op and whose timing stands', () => {
    const summary = (ex: ExecutionResult) => score({ ...good, estimated_improvement: '5x' }, ex).breakdown.summary_quality;
    expect(summary(execution())).toBe(1);
    expect(summary(execution({ results_match: false }))).toBe(0.5);
    expect(summary(execution({ noop: true }))).toBe(0.5);
    expect(summary(execution({ speed_voided: 'a timed run disagreed' }))).toBe(0.5);
  });

  it('gives no summary credit for padding', () => {
    const everyType = TAXONOMY.map((k) => k.title).join('. ');
    expect(score({ ...good, summary: everyType }, execution()).breakdown.summary_quality).toBeLessThan(0.6);
    const essay = score({ ...good, summary: `${good.summary} ${'really '.repeat(200)}` }, execution());
    expect(essay.breakdown.summary_quality).toBe(0);
  });

  it('parses estimates', () => {
    expect(parseEstimate('about 3.5x faster')).toBe(3.5);
    expect(parseEstimate('2 times')).toBe(2);
    expect(parseEstimate('150% faster')).toBe(2.5);
    expect(parseEstimate('80% reduction')).toBeCloseTo(5, 10);
    expect(parseEstimate('much faster')).toBeNull();
  });
});

describe('rule 6: every open hint costs HINT_COST of the score, floored at 0', () => {
  const withHints = (n: number, a = good, ex = execution()) => grade({ task, action: a, execution: ex, referenceSpeedup: 5, hintsUsed: n });

  it('takes hint cost × hints open from the score, says so, and leaves the components alone', () => {
    const none = withHints(0);
    const three = withHints(3);
    expect([none.score, none.hint_penalty, three.score, three.hint_penalty]).toEqual([1, 0, 0.97, 3 * HINT_COST]);
    expect(three.breakdown).toEqual(none.breakdown);
    expect(three.feedback.at(-1)).toBe(`Hints: 3 open when this step was taken, so 0.03 was taken from the score (${HINT_COST} a hint).`);
    expect(none.feedback.some((f) => f.startsWith('Hints:'))).toBe(false);
  });

  it('never takes the score below 0', () => {
    const wrong = { ...good, suggestions: [], summary: '', approved: true };
    const nothing = withHints(2, wrong, execution({ results_match: false, holdout_match: false }));
    expect([withHints(0, wrong, execution({ results_match: false, holdout_match: false })).score, nothing.score]).toEqual([0, 0]);
    expect(nothing.hint_penalty).toBe(0.02);
  });

  it('still lets a perfect step with every hint open solve the task', () => {
    expect(withHints(3).score).toBeGreaterThanOrEqual(DONE_THRESHOLD);
    expect(hintPenalty(3)).toBe(0.03);
  });
});

describe('when a step has timed enough (speedCreditKnown)', () => {
  const W = 0.35;
  it('stops a clear win past the reference and a clear no-op at once: both map to one credit', () => {
    const known = speedCreditKnown(false, W, 5);
    expect(known([30, 45], null)).toBe(true);
    expect(known([0.8, 0.99], null)).toBe(true);
  });

  it('goes on for a close call until the interval pins the credit to ±0.01 of the score', () => {
    const known = speedCreditKnown(false, W, 5);
    // 3× ± 10%: the credit spans log(3.3/2.7)/log(5) ≈ 0.12, 0.044 of the score.
    expect(known([2.7, 3.3], null)).toBe(false);
    // 3× ± 2%: ≈ 0.025 of the credit, 0.0087 of the score.
    expect(known([2.94, 3.06], null)).toBe(true);
    // With all the weight on speed the same interval is not enough.
    expect(speedCreditKnown(false, 1, 5)([2.94, 3.06], null)).toBe(false);
  });

  it("maps the rewrite's interval against the reference's median while that is timed in the same rounds", () => {
    const known = speedCreditKnown(false, W, null);
    const ref = (median: number, lo: number, hi: number) => ({ median, ci: [lo, hi] as [number, number] });
    expect(known([30, 45], ref(5, 3, 8))).toBe(true);
    expect(known([2.7, 3.3], ref(5, 4.9, 5.1))).toBe(false);
    expect(known([2.94, 3.06], ref(5, 3, 8))).toBe(true);
    // A rewrite whose credit is already known (wrong): nothing to wait for.
    expect(known(null, ref(1.5, 1.2, 1.9))).toBe(true);
  });

  it("a decoy's credit is known once its interval is wholly on one side of 0.9×", () => {
    const known = speedCreditKnown(true, W, 1);
    expect(known([0.95, 1.1], { median: 1, ci: [0.5, 2] })).toBe(true);
    expect(known([0.5, 0.8], null)).toBe(true);
    expect(known([0.85, 0.95], null)).toBe(false);
  });
});

describe("when a reference's speedup is known (referenceKnown)", () => {
  // What the rule promises, found by brute force: the widest band any rewrite's speed pay (times the weight) spans as
  // the reference moves within its interval.
  const band = ([lo, hi]: [number, number], weight: number) => {
    let widest = 0;
    for (let i = 0; i <= 2000; i++) {
      const rewrite = 1 + (i / 2000) * 2 * Math.max(hi, 2);
      widest = Math.max(widest, weight * Math.abs(speedCredit(rewrite, lo) - speedCredit(rewrite, hi)));
    }
    return widest;
  };

  it("keeps a reference once no rewrite's pay spans more than 0.02 of the score within its interval", () => {
    const cases: [number, number][] = [
      [1.4, 1.95],
      [1.9, 2.05],
      [1.5, 2.2],
      [2.32, 2.4],
      [2.2, 2.6],
      [4.26, 5.97],
      [5.3, 6.0],
      [35.6, 40.7],
      [30, 45],
      [8, 14],
    ];
    for (const weight of [0.35, 0.636, 1])
      for (const ci of cases) {
        const b = band(ci, weight);
        // Cases on the edge say nothing about the rule: the brute force is only as fine as its grid.
        if (Math.abs(b - 0.02) < 1e-3) continue;
        expect(referenceKnown(weight)(ci), `${ci} at ${weight}: band ${b}`).toBe(b <= 0.02);
      }
  });

  it('knows a reference clearly under the 2× floor at once, and asks more of a 2–3× one than of a 40× one', () => {
    const known = referenceKnown(0.35);
    expect(known([1.2, 1.99])).toBe(true);
    // The same relative width, ±7%:
    expect(known([2.33, 2.67])).toBe(false);
    expect(known([37.3, 42.7])).toBe(true);
    // More weight on speed asks for a tighter interval.
    expect(referenceKnown(1)([37.3, 42.7])).toBe(false);
  });

  it("measures for the most any episode may pay for speed: an episode's weights tighten it, never loosen it", () => {
    const DEFAULT = 0.35;
    expect(referenceWeight()).toBeCloseTo(DEFAULT);
    expect(referenceWeight({ execution_speedup: 0.1 })).toBeCloseTo(DEFAULT);
    expect(referenceWeight({ execution_speedup: 0.1 }, { execution_speedup: 1 })).toBe(1);
  });
});
