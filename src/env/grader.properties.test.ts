// Properties of the reward on every task of the library: wrong never beats right, doing nothing earns no more than
// diagnosis, spraying and stuffing earn next to nothing, speed credit is monotone, and grading is deterministic.
import { describe, expect, it } from 'vitest';
import { emptyExecution } from './verdict.ts';
import { grade, namingCredit, speedCredit, typesNamed } from './grader.ts';
import { instantiate, loadTasks } from './tasks.ts';
import { TAXONOMY } from './taxonomy.ts';
import type { Action, ExecutionResult, Suggestion } from './types.ts';
import { readTaskFiles } from '../node/task-files.ts';

const TASKS = [...loadTasks(readTaskFiles()).values()].map((t) => instantiate(t, null));
const REAL = TASKS.filter((t) => !t.decoy);
type Task = (typeof TASKS)[number];

/** One short phrase per canonical type (41 words in all): the cheapest way to name the whole taxonomy. */
const EVERY_TYPE =
  'select star, non sargable, wildcard like, or chain, compute before filter late, top n correlated subquery, ' +
  'comma join then aggregate, union distinct fanout, not in null, scalar subquery, self join, ' +
  'unpartitioned window redundant sort, sum case, cast join key, explicit join.';

const timed = (speedup: number, lo: number, hi: number, over: Partial<ExecutionResult> = {}): ExecutionResult => ({
  ...emptyExecution(false),
  ...{ original_ms: 100, optimized_ms: 100 / speedup, speedup, speedup_ci: [lo, hi] as [number, number], pairs: 12 },
  ...{ results_match: true, holdout_match: true, original_rows: 10, optimized_rows: 10 },
  ...over,
});
const NOOP = timed(1, 0.96, 1.04, { noop: true });
const FAILED = { ...emptyExecution(false), optimized_error: 'SQL_ERROR: Binder Error: …', verdict: 'the rewrite failed' };

const typeWords = (type: string) => type.replace(/_/g, ' ');

/** What an honest agent that found everything says: the truth at its lines and severities, named in the summary. */
function honest(task: Task, optimized_query: string): Action {
  return {
    optimized_query,
    suggestions: task.issues.map((g) => ({ issue_type: g.type, line: g.line, severity: g.severity, description: '', fix: '' })),
    summary: task.issues.length ? `Found: ${[...new Set(task.issues.map((g) => typeWords(g.canonical)))].join(', ')}.` : 'Already good.',
    estimated_improvement: '3x',
    approved: task.approved_expected,
  };
}
const bare = (task: Task, optimized_query: string): Action => ({
  optimized_query,
  suggestions: [],
  summary: '',
  estimated_improvement: '',
  approved: task.approved_expected,
});

/** Every taxonomy type at line L, each with the truth's severity when it has one (the sprayer's best guess). */
function spray(task: Task, line: number): Suggestion[] {
  const severity = (type: string) => task.issues.find((g) => g.canonical === type)?.severity ?? 'high';
  return TAXONOMY.map((k) => ({ issue_type: k.type, line, severity: severity(k.type), description: '', fix: '' }));
}

const score = (task: Task, action: Action, ex: ExecutionResult, ref: number | null = 4) =>
  grade({ task, action, execution: ex, referenceSpeedup: ref });

describe('reward properties on every task', () => {
  it('has the tasks it is about', () => {
    expect(REAL.length).toBeGreaterThanOrEqual(20);
    expect(TASKS.length - REAL.length).toBeGreaterThanOrEqual(4);
  });

  it('scores a fast but wrong rewrite below a correct one, whatever else the action says', () => {
    for (const task of TASKS)
      for (const action of [honest(task, 'SELECT 1'), bare(task, 'SELECT 1'), { ...bare(task, 'SELECT 1'), suggestions: spray(task, 2) }])
        for (const wrong of [{ results_match: false }, { holdout_match: false }, { results_match: null }]) {
          const fastWrong = score(task, action, timed(1000, 900, 1100, wrong));
          const slowRight = score(task, action, timed(1, 0.9, 1.1));
          expect(fastWrong.score, task.id).toBeLessThan(slowRight.score);
        }
  });

  it('scores a no-op no higher than honest diagnosis alone (with a rewrite that fails)', () => {
    for (const task of REAL) {
      const diagnosisAlone = score(task, honest(task, 'SELECT broken'), FAILED).score;
      expect(score(task, honest(task, task.original), NOOP).score, task.id).toBeLessThanOrEqual(diagnosisAlone);
      expect(score(task, honest(task, 'SELECT 2'), NOOP).score, task.id).toBeLessThanOrEqual(diagnosisAlone);
      expect(score(task, bare(task, task.original), timed(1, 0.96, 1.04)).score, task.id).toBeLessThanOrEqual(diagnosisAlone);
      const r = score(task, bare(task, 'SELECT 2'), NOOP);
      expect([r.breakdown.result_correctness, r.breakdown.execution_speedup], task.id).toEqual([0, 0]);
    }
  });

  it('keeps every-type spraying under 0.1 detection and severity where one type is wrong, and under 0.1 of the score', () => {
    for (const task of REAL) {
      const lines = task.original.split('\n').length;
      const types = new Set(task.issues.map((g) => g.canonical)).size;
      const honestPoints = pointsOf(score(task, honest(task, 'SELECT broken'), FAILED));
      for (let line = 1; line <= lines; line++) {
        const r = score(task, { ...bare(task, 'SELECT broken'), suggestions: spray(task, line) }, FAILED);
        // Where only one of the 21 types is true, F1 is at most 2/22 and severity at most 1/21.
        if (types === 1) expect(Math.max(r.breakdown.issue_detection, r.breakdown.severity_labels), task.id).toBeLessThan(0.1);
        // Where three are true, F1 allows spraying up to 2·3/(2·3 + 18) = 0.25: still under a quarter of honest work.
        expect(r.breakdown.issue_detection, task.id).toBeLessThanOrEqual(0.25);
        expect(pointsOf(r), task.id).toBeLessThan(0.1);
        expect(pointsOf(r), task.id).toBeLessThan(honestPoints / 4);
      }
    }
  });

  it('gives keyword stuffing no detection or severity credit', () => {
    for (const task of REAL) {
      const keywords = task.issues.flatMap((g) => g.keywords).join(' ');
      const stuffedType = {
        issue_type: keywords,
        line: task.issues[0].line,
        severity: task.issues[0].severity,
        description: keywords,
        fix: '',
      };
      const r = score(task, { ...bare(task, 'SELECT broken'), summary: keywords.slice(0, 400), suggestions: [stuffedType] }, FAILED);
      expect([r.breakdown.issue_detection, r.breakdown.severity_labels], task.id).toEqual([0, 0]);
    }
  });

  it('pays a 41-word summary naming every type next to nothing, and one naming exactly the truth in full', () => {
    expect(EVERY_TYPE.split(/\s+/).length).toBe(41);
    expect(typesNamed(EVERY_TYPE, []).size).toBe(TAXONOMY.length);
    for (const task of TASKS) {
      const everything = namingCredit(typesNamed(EVERY_TYPE, task.issues), task.issues);
      expect(everything, task.id).toBeLessThanOrEqual(3 / TAXONOMY.length); // at most 3 true types on any task
      expect(namingCredit(typesNamed(honest(task, '').summary, task.issues), task.issues), task.id).toBe(1);
    }
  });

  it('credits speed monotonically in the lower bound, across a sweep', () => {
    const los = Array.from({ length: 2000 }, (_, i) => 0.5 + i * 0.01);
    for (const ref of [null, 0.8, 1.5, 2, 3.7, 10, 100]) {
      const credits = los.map((lo) => speedCredit(lo, ref));
      credits.forEach((c, i) => {
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
        if (i > 0) expect(c).toBeGreaterThanOrEqual(credits[i - 1]);
        if (los[i] > 1) expect(c).toBeGreaterThan(0); // no cliff: any real lower bound above 1 earns something
      });
    }
    for (const task of REAL) {
      const graded = los.filter((_, i) => i % 50 === 0).map((lo) => score(task, honest(task, 'SELECT 2'), timed(lo + 0.5, lo, lo + 1)));
      graded.forEach((r, i) => {
        if (i > 0) expect(r.breakdown.execution_speedup, task.id).toBeGreaterThanOrEqual(graded[i - 1].breakdown.execution_speedup);
        if (i > 0) expect(r.score, task.id).toBeGreaterThanOrEqual(graded[i - 1].score - r.weights.summary_quality / 2); // but the estimate half
      });
    }
  });

  it('scores the same execution the same every time, whatever the order of the suggestions', () => {
    for (const task of TASKS) {
      const action = { ...honest(task, 'SELECT 2'), suggestions: [...honest(task, '').suggestions, ...spray(task, 3)] };
      const ex = timed(2.5, 2.1, 2.9);
      const first = score(task, action, ex);
      expect(score(structuredClone(task), structuredClone(action), structuredClone(ex)), task.id).toEqual(first);
      const reversed = score(task, { ...action, suggestions: [...action.suggestions].reverse() }, ex);
      expect(reversed.breakdown, task.id).toEqual(first.breakdown);
      expect(reversed.score, task.id).toBe(first.score);
    }
  });
});

/** Reward points from diagnosis by suggestions: detection and severity, at their weights. */
function pointsOf(r: ReturnType<typeof grade>): number {
  return r.weights.issue_detection * r.breakdown.issue_detection + r.weights.severity_labels * r.breakdown.severity_labels;
}
