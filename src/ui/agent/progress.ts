// What the Agent panel says while a run goes on: the phase the agent is in, and one log line per attempt (a judged step,
// a skipped step with its reason, an environment error). Pure: the state class feeds it, the components show it.
import type { StepRecord } from '../../policies/runner.ts';
import { fmtScore, fmtSpeedup } from '../lib/format.ts';
import { type ExplainContext, explainReason } from './explain.ts';

/** Where the agent is now. `attempt` counts from 1 within the task's episode. */
export type Phase =
  | { kind: 'idle' }
  | { kind: 'starting'; task_id: string }
  | { kind: 'asking'; task_id: string; attempt: number }
  | { kind: 'waiting'; task_id: string; attempt: number; why: string; ms: number | null }
  | { kind: 'step'; task_id: string; attempt: number }
  | { kind: 'stopping'; during: 'step' | 'other' }
  | { kind: 'finished'; how: 'done' | 'stopped' | 'failed' };

/** The phase in words, for the status line. */
export function phaseText(p: Phase): string {
  switch (p.kind) {
    case 'idle':
      return 'Not running.';
    case 'starting':
      return `Starting an episode of ${p.task_id}…`;
    case 'asking':
      return `Step ${p.attempt} of ${p.task_id}: asking the model…`;
    case 'waiting': {
      const wait = p.ms === null ? '' : ` ${Math.max(1, Math.round(p.ms / 1000))} s`;
      return `Step ${p.attempt} of ${p.task_id}: ${p.why}; waiting${wait} before retrying…`;
    }
    case 'step':
      return `Step ${p.attempt} of ${p.task_id}: running the rewrite on the engine…`;
    case 'stopping':
      return p.during === 'step' ? 'Stopping: the step under way is being judged and will land in the episode first.' : 'Stopping…';
    case 'finished':
      return p.how === 'done'
        ? 'Finished. The episode stays here: continue it yourself, or export it as a replay.'
        : p.how === 'stopped'
          ? 'Stopped. The episode stays here: continue it yourself with Run and Submit, or export it.'
          : 'The run stopped on an error (below). The episode stays here.';
  }
}

/** One line of the run's log. */
export interface LogEntry {
  task_id: string;
  attempt: number;
  kind: 'step' | 'skipped' | 'env-error';
  text: string;
}

/** The log line of an attempt the runner finished. */
export function logEntry(task_id: string, r: StepRecord, c: ExplainContext): LogEntry {
  const base = { task_id, attempt: r.attempt };
  if (r.result) {
    const ex = r.result.observation.last_execution;
    const match = ex?.results_match === true ? 'same result' : ex?.results_match === false ? 'different result' : 'result not checked';
    const error = ex?.optimized_error ? `, the rewrite failed: ${ex.optimized_error.split('\n')[0]}` : '';
    const end = r.result.terminated ? ' Solved: the episode is over.' : r.result.truncated ? ' No steps left: the episode is over.' : '';
    return {
      ...base,
      kind: 'step',
      text: `Step ${r.result.info.step}: reward ${fmtScore(r.result.reward.score)}, speedup ${fmtSpeedup(ex?.speedup)}, ${match}${error}.${end}`,
    };
  }
  if (r.error?.from === 'env')
    return { ...base, kind: 'env-error', text: `Attempt ${r.attempt}: the environment answered ${r.error.message}` };
  const reason = r.error?.message ?? 'no action';
  const e = explainReason(reason, c);
  return { ...base, kind: 'skipped', text: `Attempt ${r.attempt} skipped: ${e.title}. ${e.advice} (${e.detail})` };
}

/** How a 429 or 5xx answer shows while the client waits to retry: Retry-After when given, else the client's backoff. */
export function waitingFor(status: number, retryAfterMs: number | null, retry: number): { why: string; ms: number | null } {
  const why = status === 429 ? 'rate limited (HTTP 429)' : `the server failed (HTTP ${status})`;
  // src/agent/client.ts: 1 s, 2 s, 4 s… capped at a minute, when the server names no wait.
  return { why, ms: retryAfterMs ?? Math.min(60_000, 1000 * 2 ** retry) };
}
