// The one policy interface: an observation and the episode so far in, an action (or a stated refusal) out.
// `rules`, `oracle`, `llm` and `replay` implement it; the episode runner drives any of them over any transport.
import type { Action, Observation, StepResult } from '../env/types.ts';

/** One spent step as the policy sees its history: what it saw, what it sent, what came back. */
export interface PolicyStep {
  observation: Observation;
  action: Action;
  result: StepResult;
}

/** How a policy produced its action; recorded in the step's info and in trajectories. Empty for rule policies. */
export interface PolicyTrace {
  /** chat messages sent, exactly (llm only) */
  messages?: { role: 'system' | 'user' | 'assistant'; content: string }[];
  /** the model's raw reply (llm only) */
  raw?: string;
  /** each lenient fix applied to the reply, e.g. `suggestions[0].line: "4" → 4` */
  coercions?: string[];
  /** wall time spent deciding, in ms */
  ms?: number;
}

/**
 * What a policy decided. `action: null` means it could not produce one (an unreadable model reply after the retry):
 * the runner submits nothing, spends the attempt, and reports `reason`.
 */
export type Decision =
  | { action: Action; trace?: PolicyTrace }
  /** `fatal`: no later attempt can do better (a wrong key, no such model), so the runner ends the episode */
  | { action: null; reason: string; fatal?: boolean; trace?: PolicyTrace };

export interface Policy {
  /** printed in `[START] … model=<name>` and stored in replays (`rules`, `oracle`, `replay`, or the model name) */
  readonly name: string;
  act(observation: Observation, history: readonly PolicyStep[], signal?: AbortSignal): Promise<Decision>;
}
