// The oracle: submits the task's reference rewrite with the rules' diagnosis. Not an agent (it is handed the answer):
// the yardstick a policy is compared against, and the fixed action `bench` repeats to measure reward spread.
import type { Action, Observation } from '../env/types.ts';
import { diagnose } from './diagnose.ts';
import type { Policy, PolicyStep } from './policy.ts';

/** The oracle's action: the reference, the diagnosis, and the last measured speedup as its estimate once there is one. */
export function oracleAction(obs: Observation, reference: string, history: readonly PolicyStep[] = []): Action {
  const suggestions = diagnose(obs.sql_query);
  const last = history.at(-1)?.result.observation.last_execution?.speedup;
  const names = [...new Set(suggestions.map((s) => s.issue_type.replace(/_/g, ' ')))];
  return {
    suggestions,
    optimized_query: reference,
    summary: names.length ? `Found: ${names.join('; ')}.` : 'No anti-pattern found; the query is fine as written.',
    estimated_improvement: `${(last && last > 0 ? last : 2).toFixed(1)}x`,
    approved: suggestions.length === 0,
  };
}

/** An oracle for one episode, built with that episode's reference rewrite. */
export function createOraclePolicy(reference: string): Policy {
  return { name: 'oracle', act: async (observation, history) => ({ action: oracleAction(observation, reference, history) }) };
}
