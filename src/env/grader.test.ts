// Reward properties: wrong-but-fast < correct, a copy earns no speed credit, padding earns nothing, the mask rescales.
import { describe, expect, it } from 'vitest';
import { grade, maskedWeights, parseEstimate, WEIGHTS } from './grader.ts';
import { emptyExecution } from './verdict.ts';
import { instantiate, parseTask } from './tasks.ts';
import { TAXONOMY } from './taxonomy.ts';
import type { Action, ExecutionResult } from './types.ts';

const task = instantiate(
  parseTask(
    't',
    JSON.stringify({
      id: 't',
      name: 'T',
      difficulty: 'easy',
      max_steps: 3,
      description: 'd',
      approved_expected: false,
      issues: [
        { type: 'non_sargable_cast', line: 3, severity: 'high', description: 'cast', keywords: ['cast', 'varchar'] },
        { type: 'function_on_date_column', line: 4, severity: 'high', description: 'year', keywords: ['year('] },
        { type: 'select_star', line: 1, severity: 'low', description: 'star', keywords: ['select *'] },
      ],
    }),
    "SELECT *\nFROM orders\nWHERE CAST(customer_id AS VARCHAR) = '5'\n  AND year(created_at) = 2024",
    'SELECT 1',
  ),
  null,
);

function execution(over: Partial<ExecutionResult>): ExecutionResult {
  const measured = { original_ms: 10, optimized_ms: 2, speedup: 5, speedup_ci: [4.5, 5.5] as [number, number], pairs: 9 };
  return { ...emptyExecution(false), ...measured, results_match: true, holdout_match: true, original_rows: 3, optimized_rows: 3, ...over };
}

const good: Action = {
  optimized_query: 'SELECT id FROM orders WHERE customer_id = 5',
  suggestions: [
    { issue_type: 'non_sargable_cast', line: 3, severity: 'high', description: '', fix: '' },
    { issue_type: 'function_on_date_column', line: 4, severity: 'high', description: '', fix: '' },
    { issue_type: 'select_star', line: 1, severity: 'low', description: '', fix: '' },
  ],
  summary: 'A non-sargable cast and year() on filter columns, plus select star.',
  estimated_improvement: '5x',
  approved: false,
};

const score = (a: Action, ex: ExecutionResult, ref = 5) => grade({ task, action: a, execution: ex, referenceSpeedup: ref });

describe('reward', () => {
  it('pays close to 1 for a perfect step', () => {
    const r = score(good, execution({}));
    expect(r.breakdown).toEqual({
      execution_speedup: 1,
      result_correctness: 1,
      issue_detection: 1,
      approval_correctness: 1,
      severity_labels: 1,
      summary_quality: 1,
    });
    expect(r.score).toBe(1);
  });

  it('scores any fast but wrong rewrite below a slow correct one', () => {
    const wrongMain = score(good, execution({ speedup: 100, speedup_ci: [90, 110], results_match: false }));
    const wrongHoldout = score(good, execution({ speedup: 100, speedup_ci: [90, 110], holdout_match: false }));
    const slowCorrect = score({ ...good, estimated_improvement: '1.2x' }, execution({ speedup: 1.2, speedup_ci: [1.1, 1.3] }));
    for (const w of [wrongMain, wrongHoldout]) {
      expect(w.breakdown.execution_speedup).toBe(0);
      expect(w.breakdown.result_correctness).toBe(0);
      expect(w.score).toBeLessThan(slowCorrect.score);
    }
  });

  it('pays no speed credit for a copy of the original, or for noise', () => {
    const copy = score({ ...good, optimized_query: `${task.original};  ` }, execution({ speedup: 1.08, speedup_ci: [1.01, 1.15] }));
    expect(copy.breakdown.execution_speedup).toBe(0);
    const noise = score(good, execution({ speedup: 1.05, speedup_ci: [0.97, 1.12] }));
    expect(noise.breakdown.execution_speedup).toBe(0);
  });

  it('normalises speed by the reference measured here, floored at 2x', () => {
    expect(score(good, execution({ speedup: 2.5, speedup_ci: [2.4, 2.6] }), 6.25).breakdown.execution_speedup).toBeCloseTo(0.5, 5);
    expect(score(good, execution({ speedup: 2, speedup_ci: [1.9, 2.1] }), 1.1).breakdown.execution_speedup).toBe(1);
  });

  it('gives no detection credit for keywords in the summary or for spraying every type', () => {
    const stuffed = score(
      { ...good, suggestions: [], summary: 'cast varchar year( select * non-sargable pruning zone map' },
      execution({}),
    );
    expect(stuffed.breakdown.issue_detection).toBe(0);
    const spray = TAXONOMY.map((k) => ({ issue_type: k.type, line: 1, severity: 'high' as const, description: '', fix: '' }));
    const sprayed = score({ ...good, suggestions: spray }, execution({}));
    expect(sprayed.breakdown.issue_detection).toBeLessThan(0.3);
    // two of the three truths share a canonical type: naming it once finds one of them, not both
    const once = score({ ...good, suggestions: [good.suggestions[0]] }, execution({}));
    expect(once.breakdown.issue_detection).toBeCloseTo(0.5, 5);
  });

  it('gives no summary credit for padding', () => {
    const everyType = TAXONOMY.map((k) => k.title).join('. ');
    const padded = score({ ...good, summary: everyType }, execution({}));
    expect(padded.breakdown.summary_quality).toBeLessThan(0.75);
    const essay = score({ ...good, summary: `${good.summary} ${'really '.repeat(200)}` }, execution({}));
    expect(essay.breakdown.summary_quality).toBe(0);
  });

  it('pays severity only for matched issues with the right label', () => {
    const wrongSev = score({ ...good, suggestions: good.suggestions.map((s) => ({ ...s, severity: 'critical' as const })) }, execution({}));
    expect(wrongSev.breakdown.severity_labels).toBe(0);
    expect(score({ ...good, suggestions: [] }, execution({})).breakdown.severity_labels).toBe(0);
  });

  it('rescales weights under a component mask', () => {
    const w = maskedWeights({ summary_quality: false, severity_labels: false });
    expect(w.summary_quality).toBe(0);
    expect(Object.values(w).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(w.execution_speedup / w.issue_detection).toBeCloseTo(WEIGHTS.execution_speedup / WEIGHTS.issue_detection, 10);
    const r = grade({
      task,
      action: { ...good, summary: '' },
      execution: execution({}),
      referenceSpeedup: 5,
      mask: { summary_quality: false },
    });
    expect(r.score).toBe(1);
  });

  it('parses estimates', () => {
    expect(parseEstimate('about 3.5x faster')).toBe(3.5);
    expect(parseEstimate('2 times')).toBe(2);
    expect(parseEstimate('150% faster')).toBe(2.5);
    expect(parseEstimate('80% reduction')).toBeCloseTo(5, 10);
    expect(parseEstimate('much faster')).toBeNull();
  });
});
