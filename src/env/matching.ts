// Matching an action's suggestions to a task's ground-truth issues: same canonical type at a nearby line, one to one.
import { canonicalType } from './taxonomy.ts';
import type { Action, GroundTruthIssue } from './types.ts';

/**
 * How far (in lines) a suggestion may point from the ground truth's line and still be the same finding. A construct
 * that causes an issue often spans a few lines (a subquery, a CASE, a join and its ON), and people point at its first
 * line or at the offending expression; 2 allows that without letting one line cover most of a query.
 */
export const LINE_TOLERANCE = 2;

/** Above this many ground-truth issues of one type, the exact matching (2^k states) gives way to a greedy one. */
const EXACT_MATCHING_LIMIT = 12;

/** Result of matching suggestions to ground truth. */
export interface Matching {
  pairs: { suggestion: number; issue: GroundTruthIssue }[];
  /** suggestions that matched nothing: unknown types, wrong types, far lines, line 0, duplicates */
  falsePositives: number;
  missed: GroundTruthIssue[];
}

/** Whether suggestion s can be the finding of ground-truth issue g. Line 0 means "not tied to a line": never a match. */
function near(s: { line: number }, g: GroundTruthIssue): boolean {
  return s.line > 0 && Math.abs(s.line - g.line) <= LINE_TOLERANCE;
}

/**
 * The best one-to-one matching: the most pairs, then the most right severities, then the nearest lines, then the
 * earliest suggestions. It is the best over all matchings, so the order suggestions come in cannot cost or earn a pair.
 * Only suggestions and issues of the same canonical type can pair, so each type is matched on its own.
 */
export function matchIssues(action: Action, truth: GroundTruthIssue[]): Matching {
  const types = action.suggestions.map((s) => canonicalType(s.issue_type));
  const pairs: Matching['pairs'] = [];
  for (const type of new Set(truth.map((g) => g.canonical))) {
    const issues = truth.filter((g) => g.canonical === type);
    const suggestions = action.suggestions.flatMap((s, i) => (types[i] === type ? [i] : []));
    // Value of pairing suggestion i with issue g: a pair outweighs any number of severities, a severity any distance.
    const value = (i: number, g: GroundTruthIssue) =>
      1e6 + (action.suggestions[i].severity === g.severity ? 1e3 : 0) - Math.abs(action.suggestions[i].line - g.line);
    const chosen =
      issues.length <= EXACT_MATCHING_LIMIT ? bestAssignment(issues, suggestions, value, action) : greedy(issues, suggestions, action);
    pairs.push(...chosen);
  }
  pairs.sort((a, b) => a.suggestion - b.suggestion);
  const matched = new Set(pairs.map((p) => p.issue));
  return { pairs, falsePositives: action.suggestions.length - pairs.length, missed: truth.filter((g) => !matched.has(g)) };
}

/** Exact: dynamic programming over suggestions, the state being which of the issues are taken (a bitmask). */
function bestAssignment(
  issues: GroundTruthIssue[],
  suggestions: number[],
  value: (i: number, g: GroundTruthIssue) => number,
  action: Action,
): Matching['pairs'] {
  type State = { value: number; pairs: Matching['pairs'] };
  let states = new Map<number, State>([[0, { value: 0, pairs: [] }]]);
  for (const i of suggestions) {
    const next = new Map(states);
    for (const [mask, st] of states)
      issues.forEach((g, k) => {
        if (mask & (1 << k) || !near(action.suggestions[i], g)) return;
        const cand = { value: st.value + value(i, g), pairs: [...st.pairs, { suggestion: i, issue: g }] };
        const key = mask | (1 << k);
        // Strictly better only: on a tie the state reached first (earlier suggestions) is kept, so the result is stable.
        if (!next.has(key) || cand.value > next.get(key)!.value) next.set(key, cand);
      });
    states = next;
  }
  let best: State = { value: 0, pairs: [] };
  for (const st of states.values()) if (st.value > best.value) best = st;
  return best.pairs;
}

/** Fallback for an implausibly large ground truth: each suggestion takes its nearest open issue. */
function greedy(issues: GroundTruthIssue[], suggestions: number[], action: Action): Matching['pairs'] {
  const open = [...issues];
  const pairs: Matching['pairs'] = [];
  for (const i of suggestions) {
    const s = action.suggestions[i];
    const candidates = open.filter((g) => near(s, g));
    if (candidates.length === 0) continue;
    const best = candidates.reduce((a, b) => (Math.abs(b.line - s.line) < Math.abs(a.line - s.line) ? b : a));
    open.splice(open.indexOf(best), 1);
    pairs.push({ suggestion: i, issue: best });
  }
  return pairs;
}
