// The goal every task shows (Observation.goal, TaskSummary.goal): what "solved" means and what a hint costs, written
// from the reward's real constants so the text cannot drift from what grader.ts pays. The same text for every task.
import { DEFAULT_REWARD, DONE_THRESHOLD, HINT_COST, appliedWeights } from './reward-config.ts';
import { REWARD_COMPONENTS, type RewardBreakdown, type RewardComponent } from './types.ts';

/** What each component pays for, in plain words (as grade() in grader.ts computes it). */
const PAYS: Record<RewardComponent, string> = {
  execution_speedup:
    "speed (in full once the low end of the measured speedup's interval reaches the reference rewrite's speedup, at least 2x, " +
    'or, where the query needs no change, once it stays about as fast)',
  result_correctness: 'exactly the same rows as the original on the visible and on the hidden test data',
  issue_detection: 'the issues you found, each with its type and line, without false alarms',
  approval_correctness: 'approving the query only when it needs no change',
  summary_quality: 'a short summary that names the issues and estimates the speedup that is then measured',
  severity_labels: "each issue's severity",
};

/** What a step needs, in the words used when it cannot be skipped. */
const NEEDS: Record<RewardComponent, string> = {
  execution_speedup: "the reference's speed",
  result_correctness: 'the same rows everywhere',
  issue_detection: 'the issues found',
  approval_correctness: 'the right approval',
  summary_quality: 'a summary',
  severity_labels: 'the right severities',
};

const list = (xs: string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
const pct = (w: number) => `${+(w * 100).toFixed(1)}%`;

/** The goal under weights `w` (after masks), the done threshold and the hint cost. */
export function goalText(w: RewardBreakdown = appliedWeights(DEFAULT_REWARD), threshold = DONE_THRESHOLD, hintCost = HINT_COST): string {
  const paid = REWARD_COMPONENTS.filter((k) => w[k] > 0);
  const slack = Math.round((1 - threshold) * 1e4) / 1e4;
  // A component weighing more than the slack cannot be left at zero by a solving step.
  const needed = paid.filter((k) => w[k] > slack).map((k) => NEEDS[k]);
  return [
    `Solved means one step scoring at least ${threshold} (of 1); it ends the episode.`,
    `A step's score adds up ${paid.map((k) => `${pct(w[k])} for ${PAYS[k]}`).join('; ')}.`,
    'Rows that differ earn no speed; a rewrite that is the original unchanged earns neither, unless the query needs no change.',
    `So a solving step may lose at most ${slack} in all: it needs ${list(needed)}, with next to nothing missed.`,
    `Each hint you open costs ${hintCost}: every step taken after it loses ${hintCost} of its score per hint open.`,
  ].join(' ');
}

/** The goal of the environment's default reward: the text every task shows. */
export const GOAL = goalText();
