// One run of the Agent panel: for each chosen task, an episode played by the LLM policy through the episode runner over
// the page's environment, reporting the phase (asking the model, waiting after a 429, running the step) and one log line
// per attempt. A fatal model error (wrong key, no such model, unreachable) ends the whole run; Stop ends it at once.
import { type ChatClient, retryAfterMs } from '../../agent/client.ts';
import { createLlmPolicy } from '../../agent/llm-policy.ts';
import type { OpRequest } from '../../env/ops.ts';
import type { Action, Observation, Response, StepResult } from '../../env/types.ts';
import type { Decision, Policy } from '../../policies/policy.ts';
import { type EpisodeRun, runEpisode } from '../../policies/runner.ts';
import { type ExplainContext, type Explained, explainReason } from './explain.ts';
import { fetchOnly } from './origins.ts';
import { type LogEntry, type Phase, logEntry, waitingFor } from './progress.ts';
import type { ResolvedSource } from './sources.ts';

/** The environment the agent plays: the page's Session (so every step shows), or any transport in tests. */
export interface AgentEnv {
  reset(req: OpRequest<'reset'>): Response<Observation> | Promise<Response<Observation>>;
  step(action: Action): Response<StepResult> | Promise<Response<StepResult>>;
}

export interface AgentRunOptions {
  source: ResolvedSource;
  /** task ids, one episode each, in this order */
  tasks: readonly string[];
  /** attempts per episode (skipped ones count) */
  maxSteps: number;
  env: AgentEnv;
  /** the network; every request is checked against the source's origin first */
  fetch: typeof fetch;
  /** Stop */
  signal: AbortSignal;
  /** the page's origin, named in the advice about CORS */
  pageOrigin: string;
  onPhase(p: Phase): void;
  onLog(e: LogEntry): void;
  /** per-request timeout of the model call (the client's default otherwise) */
  timeoutMs?: number;
  /** replaces the HTTP client (tests) */
  client?: ChatClient;
}

export interface AgentRunResult {
  runs: EpisodeRun[];
  /** the fatal model error that ended the run, or null */
  failure: Explained | null;
  /** the person pressed Stop */
  stopped: boolean;
}

/** Plays every task in turn; never throws for a model or environment failure (they are in the result and the log). */
export async function runAgent(o: AgentRunOptions): Promise<AgentRunResult> {
  // Stop, or a fatal error of our own: either ends the run; only the first is the person's.
  const halt = new AbortController();
  const stop = () => halt.abort();
  if (o.signal.aborted) halt.abort();
  o.signal.addEventListener('abort', stop);
  const ctx: ExplainContext = { host: o.source.host, origin: o.source.origin, model: o.source.config.model, pageOrigin: o.pageOrigin };
  const at = { task_id: o.tasks[0] ?? '', attempt: 0, retries: 0 };
  const phase = (p: Phase) => {
    if (!halt.signal.aborted) o.onPhase(p);
  };

  // Only the chosen origin; 429 and 5xx answers show as waiting while the client backs off and retries.
  const guarded = fetchOnly(o.source.origin, o.fetch);
  const observed: typeof fetch = async (input, init) => {
    // A retry after waiting asks again (act() announced the first request).
    if (at.retries > 0) phase({ kind: 'asking', task_id: at.task_id, attempt: at.attempt });
    const res = await guarded(input, init);
    if (res.status === 429 || (res.status >= 500 && res.status <= 504)) {
      const wait = waitingFor(res.status, retryAfterMs(res.headers.get('retry-after')), at.retries++);
      phase({ kind: 'waiting', task_id: at.task_id, attempt: at.attempt, ...wait });
    }
    return res;
  };
  const config = { ...o.source.config, fetch: observed, ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) };
  const llm = o.client ? createLlmPolicy(config, o.client) : createLlmPolicy(config);
  let failure: Explained | null = null;
  const policy: Policy = {
    name: llm.name,
    async act(observation, history, signal): Promise<Decision> {
      at.attempt++;
      at.retries = 0;
      phase({ kind: 'asking', task_id: at.task_id, attempt: at.attempt });
      const d = await llm.act(observation, history, signal);
      if (d.action === null && !halt.signal.aborted) {
        const e = explainReason(d.reason, ctx);
        if (e.fatal) {
          failure = e;
          halt.abort(); // the runner then ends the episode without spending or recording the attempt
        }
      }
      return d;
    },
  };

  const runs: EpisodeRun[] = [];
  try {
    for (const task_id of o.tasks) {
      if (halt.signal.aborted) break;
      at.task_id = task_id;
      at.attempt = 0;
      phase({ kind: 'starting', task_id });
      const run = await runEpisode(
        {
          reset: (req) => o.env.reset(req),
          step: (action) => {
            phase({ kind: 'step', task_id, attempt: at.attempt });
            return o.env.step(action);
          },
        },
        { task_id, policy, maxSteps: o.maxSteps, signal: halt.signal, onStep: (r) => o.onLog(logEntry(task_id, r, ctx)) },
      );
      runs.push(run);
      if (run.error && !run.first)
        o.onLog({ task_id, attempt: 0, kind: 'env-error', text: `The episode could not start: ${run.error.message}` });
    }
  } finally {
    o.signal.removeEventListener('abort', stop);
  }
  return { runs, failure, stopped: o.signal.aborted };
}
