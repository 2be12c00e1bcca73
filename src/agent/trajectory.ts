// A step of an LLM agent as one JSON line in TRL's conversational prompt-completion format (docs/trajectories.md):
// the messages sent as `prompt`, the model's raw reply as `completion`, and the step's action and reward beside them.
import type { Decision } from '../policies/policy.ts';
import type { StepResult } from '../env/types.ts';

/** What one line needs: where the step sits, what the policy decided (with its trace), what the environment answered. */
export interface AgentStepRecord {
  task_id: string;
  episode: number;
  /** the step's number in its episode, from 1 */
  step: number;
  /** the policy's name (the model) */
  model: string;
  decision: Decision;
  /** the environment's answer; null when nothing was submitted (the reply could not be read, the call failed) */
  result: Pick<StepResult, 'reward' | 'done' | 'terminated' | 'truncated'> | null;
}

/** One JSON line (no trailing newline). `completion` is empty when the model gave no reply at all. Pure. */
export function agentTrajectoryLine(r: AgentStepRecord): string {
  const trace = r.decision.trace ?? {};
  return JSON.stringify({
    prompt: trace.messages ?? [],
    completion: trace.raw === undefined ? [] : [{ role: 'assistant', content: trace.raw }],
    task_id: r.task_id,
    episode: r.episode,
    step: r.step,
    model: r.model,
    action: r.decision.action,
    error: r.decision.action === null ? r.decision.reason : null,
    coercions: trace.coercions ?? [],
    reward: r.result?.reward.score ?? null,
    reward_breakdown: r.result?.reward.breakdown ?? null,
    done: r.result?.done ?? null,
    terminated: r.result?.terminated ?? null,
    truncated: r.result?.truncated ?? null,
    ms: trace.ms ?? null,
  });
}
