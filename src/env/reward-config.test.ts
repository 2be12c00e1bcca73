// Per-session reward weights and masks: the spec parser, its errors, and the weights a grade reports having applied.
import { describe, expect, it } from 'vitest';
import { EnvError } from './errors.ts';
import { emptyExecution } from './verdict.ts';
import { grade } from './grader.ts';
import { DEFAULT_REWARD, WEIGHTS, appliedWeights, maskedWeights, parseRewardSpec } from './reward-config.ts';
import { instantiate, parseTask } from './tasks.ts';
import { REWARD_COMPONENTS, type Action, type RewardBreakdown } from './types.ts';

const sum = (w: RewardBreakdown) => Object.values(w).reduce((a, b) => a + b, 0);

/** The error a spec is refused with. */
function refusal(spec: string): EnvError {
  try {
    parseRewardSpec(spec);
  } catch (e) {
    return e as EnvError;
  }
  throw new Error(`"${spec}" was accepted`);
}

describe('reward spec', () => {
  it('reads "default", the empty spec and DEFAULT_REWARD as the original weights', () => {
    for (const spec of ['default', '', '  DEFAULT ']) expect(parseRewardSpec(spec)).toEqual({ weights: WEIGHTS, mask: {} });
    expect(DEFAULT_REWARD).toEqual({ weights: WEIGHTS, mask: {} });
    expect(Object.values(appliedWeights(DEFAULT_REWARD))).toEqual(Object.values(WEIGHTS));
  });

  it('reads "execution-only" as correctness and speed in their original ratio', () => {
    const w = appliedWeights(parseRewardSpec('execution-only'));
    expect(w.execution_speedup).toBeCloseTo(0.35 / 0.55, 12);
    expect(w.result_correctness).toBeCloseTo(0.2 / 0.55, 12);
    expect([w.issue_detection, w.approval_correctness, w.summary_quality, w.severity_labels]).toEqual([0, 0, 0, 0]);
  });

  it('replaces the weights a spec names and keeps the others', () => {
    const w = appliedWeights(parseRewardSpec('execution_speedup=1,result_correctness=0'));
    expect(w.execution_speedup).toBeCloseTo(1 / 1.45, 12);
    expect(w.result_correctness).toBe(0);
    expect(w.issue_detection).toBeCloseTo(0.25 / 1.45, 12);
    expect(sum(w)).toBeCloseTo(1, 12);
    // after a preset, a named component is switched back on; hyphens stand for underscores
    const on = appliedWeights(parseRewardSpec(' execution-only , issue-detection = 0.45 '));
    expect([on.execution_speedup, on.result_correctness, on.issue_detection]).toEqual([0.35, 0.2, 0.45]);
  });

  it.each([
    ['speed=1', /"speed=1" names no reward component \(components: execution_speedup, /],
    ['fast', /"fast" is neither a preset \(default, execution-only\) nor a component=weight part/],
    ['summary_quality=0,execution-only', /"execution-only" is not a component=weight part \(a preset can only come first\)/],
    ['execution_speedup=-1', /"execution_speedup=-1" has a negative weight/],
    ['execution_speedup=abc', /"execution_speedup=abc" has a weight that is not a number/],
    ['execution_speedup=', /"execution_speedup=" has a weight that is not a number/],
    ['execution_speedup=0x10', /"execution_speedup=0x10" has a weight that is not a number/],
    ['execution_speedup=1e999', /"execution_speedup=1e999" has a weight that is not a finite number/],
    ['execution_speedup=1,execution_speedup=2', /"execution_speedup=2" sets execution_speedup a second time/],
    ['execution_speedup=1,,summary_quality=1', /has an empty part between commas/],
    ['execution-only,execution_speedup=0,result_correctness=0', /gives every component weight 0/],
  ])('refuses %j, naming the bad part', (spec, message) => {
    const e = refusal(spec);
    expect(e).toBeInstanceOf(EnvError);
    expect(e.code).toBe('INVALID_REQUEST');
    expect(e.message).toMatch(message);
    expect(e.message).toContain(`reward spec "${spec.trim()}"`);
  });

  it('keeps maskedWeights for callers that only mask', () => {
    const w = maskedWeights({ summary_quality: false, severity_labels: false });
    expect(w.summary_quality).toBe(0);
    expect(sum(w)).toBeCloseTo(1, 12);
    expect(w.execution_speedup / w.issue_detection).toBeCloseTo(WEIGHTS.execution_speedup / WEIGHTS.issue_detection, 12);
  });
});

describe('grading under a reward config', () => {
  const def = {
    id: 't',
    name: 'T',
    difficulty: 'easy',
    max_steps: 3,
    description: 'd',
    approved_expected: false,
    explanation: 'Why it works. In two sentences.',
  };
  const issues = [{ type: 'select_star', line: 1, severity: 'low', description: 'star', keywords: [] }];
  const task = instantiate(parseTask('t', JSON.stringify({ ...def, issues }), 'SELECT *\nFROM orders', 'SELECT id FROM orders'), null);
  const measured = { speedup: 3, speedup_ci: [3, 3.2] as [number, number], pairs: 9, results_match: true, holdout_match: true };
  const execution = { ...emptyExecution(false), ...measured };
  const action: Action = {
    optimized_query: 'SELECT id FROM orders',
    suggestions: [],
    summary: '',
    estimated_improvement: '',
    approved: false,
  };

  it('reports the weights it applied, normalised to sum 1', () => {
    const reward = parseRewardSpec('execution_speedup=2,result_correctness=2,issue_detection=0,approval_correctness=0');
    const r = grade({ task, action, execution, referenceSpeedup: 3, reward });
    expect(r.weights.execution_speedup).toBeCloseTo(2 / 4.12, 12);
    expect(r.weights.summary_quality).toBeCloseTo(0.07 / 4.12, 12);
    expect([r.weights.issue_detection, r.weights.approval_correctness]).toEqual([0, 0]);
    expect(sum(r.weights)).toBeCloseTo(1, 12);
    const expected = REWARD_COMPONENTS.reduce((s, k) => s + r.weights[k] * r.breakdown[k], 0);
    expect(r.score).toBeCloseTo(expected, 4);
  });

  it('switches a component off when either the config or the extra mask does', () => {
    const reward = parseRewardSpec('execution-only');
    const r = grade({ task, action, execution, referenceSpeedup: 3, reward, mask: { result_correctness: false } });
    expect(r.weights.execution_speedup).toBe(1);
    expect(sum(r.weights)).toBe(1);
    expect(r.score).toBe(1);
  });

  it('pays a no-op nothing under the execution-only reward', () => {
    const noop = { ...execution, noop: true, speedup: 1, speedup_ci: [0.95, 1.05] as [number, number] };
    const r = grade({ task, action, execution: noop, referenceSpeedup: 3, reward: parseRewardSpec('execution-only') });
    expect(r.score).toBe(0);
  });
});
