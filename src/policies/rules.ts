// The rule-based policy: diagnoses by pattern and rewrites by rules that each state the equivalence they rely on. It
// reads only the observation and its own history (never a reference, ground truth or task file), rewrites only where a
// rule is sure, and falls back to the original once the environment judged one of its rewrites wrong.
import type { Action, ExecutionResult, Observation } from '../env/types.ts';
import { diagnose } from './diagnose.ts';
import type { Decision, Policy, PolicyStep } from './policy.ts';
import { rewrite } from './rewrites.ts';
import { parseSchema } from './sql-text.ts';

export { diagnose };

/** The estimate of a first rewrite, before anything was measured: a rule fires only where a scan or sort shrinks. */
const PRIOR_ESTIMATE = 2;

/** The environment said the rewrite is wrong or could not run it. */
function judgedWrong(ex: ExecutionResult | null): boolean {
  return !!ex && (ex.results_match === false || ex.holdout_match === false || ex.optimized_error !== null || ex.timed_out);
}

/** The action the rules take on an observation, given the steps spent so far. */
export function rulesAction(obs: Observation, history: readonly PolicyStep[]): Action {
  const suggestions = diagnose(obs.sql_query);
  const { sql, applied } = rewrite(obs.sql_query, parseSchema(obs.schema_info));
  // A rewrite the environment rejected stays rejected: the rules are deterministic, so it would fail again.
  const rejected = history.some((h) => h.action.optimized_query !== obs.sql_query && judgedWrong(h.result.observation.last_execution));
  const rewritten = applied.length > 0 && !rejected;
  const query = rewritten ? sql : obs.sql_query;
  const last = history.at(-1);
  const measured = last?.action.optimized_query === query ? last.result.observation.last_execution?.speedup : null;
  const estimate = measured && measured > 0 ? measured : rewritten ? PRIOR_ESTIMATE : 1;
  const names = [...new Set(suggestions.map((s) => s.issue_type.replace(/_/g, ' ')))];
  const found = names.length ? `Found: ${names.join('; ')}.` : 'No anti-pattern found; the query is fine as written.';
  const did = rewritten
    ? `Rewritten by ${applied.length} rule(s): ${applied.map((r) => r.name.replace(/_/g, ' ')).join(', ')}.`
    : rejected
      ? 'The earlier rewrite was judged wrong, so the original is submitted.'
      : names.length
        ? 'No rewrite rule is sure here, so the original is submitted.'
        : '';
  return {
    suggestions,
    optimized_query: query,
    summary: `${found} ${did}`.trim(),
    estimated_improvement: `${estimate.toFixed(1)}x`,
    approved: suggestions.length === 0 && !rewritten,
  };
}

/** The rules as a Policy; stateless, so one instance serves every episode. */
export function createRulesPolicy(): Policy {
  return {
    name: 'rules',
    act: async (observation, history): Promise<Decision> => ({ action: rulesAction(observation, history) }),
  };
}
