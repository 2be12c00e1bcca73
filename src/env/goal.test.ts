// The goal text is written from the reward's real constants: the threshold, each weight, the hint cost, and what a
// solving step cannot do without; an ablation's weights give their own text.
import { describe, expect, it } from 'vitest';
import { GOAL, goalText } from './goal.ts';
import { DONE_THRESHOLD, HINT_COST, WEIGHTS, appliedWeights, parseRewardSpec } from './reward-config.ts';

describe('goal', () => {
  it('states the threshold, every default weight and the hint cost, from the constants', () => {
    expect(GOAL).toContain(`at least ${DONE_THRESHOLD} (of 1)`);
    for (const w of Object.values(WEIGHTS)) expect(GOAL).toContain(`${Math.round(w * 100)}% for`);
    expect(GOAL).toContain(`Each hint you open costs ${HINT_COST}`);
  });

  it('names what a solving step cannot do without: every component weighing more than 1 − threshold', () => {
    // Severity (0.05) can be lost whole at a 0.95 threshold; the summary (0.07) cannot.
    expect(GOAL).toContain("it needs the reference's speed, the same rows everywhere, the issues found, the right approval and a summary,");
    expect(goalText(appliedWeights(), 0.9)).toContain("it needs the reference's speed, the same rows everywhere and the issues found,");
  });

  it('follows an ablation: execution-only pays speed and rows alone, and says nothing of issues', () => {
    const text = goalText(appliedWeights(parseRewardSpec('execution-only')));
    expect(text).toContain('63.6% for speed');
    expect(text).toContain('36.4% for exactly the same rows');
    expect(text).not.toMatch(/issues you found|approving/);
  });
});
