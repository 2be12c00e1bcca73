// The episode runner: drives any Policy over any transport (the in-process Environment, the supervised worker,
// window.sqlOptimEnv), step by step. Errors of the environment and of the policy are reported, never thrown.
import type { OpRequest } from '../env/ops.ts';
import type { Action, Observation, Response, StepResult } from '../env/types.ts';
import type { Decision, Policy, PolicyStep } from './policy.ts';

/** What the runner needs of an environment; answers may be immediate or promised. */
export interface EpisodeEnv {
  reset(req: OpRequest<'reset'>): Response<Observation> | Promise<Response<Observation>>;
  step(action: Action): Response<StepResult> | Promise<Response<StepResult>>;
}

/** Anything that answers ops by name, as the Supervisor does (`call('step', action)`). */
export interface OpCaller {
  call(op: 'reset', arg: OpRequest<'reset'>): Promise<Response<Observation>>;
  call(op: 'step', arg: Action): Promise<Response<StepResult>>;
}

/** The runner's view of an op caller (the supervised worker); the Environment and window.sqlOptimEnv need none. */
export const viaCall = (c: OpCaller): EpisodeEnv => ({ reset: (req) => c.call('reset', req), step: (a) => c.call('step', a) });

/** Why an attempt produced no step result: the environment's error, the policy's stated refusal, or its failure. */
export interface AttemptError {
  from: 'env' | 'policy';
  /** the environment's error code; NO_ACTION for a null decision, POLICY_FAILED when act() threw */
  code: string;
  message: string;
}

/** One attempt: what the policy saw and decided, and what the environment answered. */
export interface StepRecord {
  /** 1-based; every attempt counts, spent or not */
  attempt: number;
  observation: Observation;
  /** null when the policy threw instead of deciding */
  decision: Decision | null;
  result: StepResult | null;
  error: AttemptError | null;
}

export interface EpisodeRun {
  task_id: string;
  seed: number | null;
  policy: string;
  /** the reset observation; null when reset failed (see error) */
  first: Observation | null;
  records: StepRecord[];
  /** why the episode stopped early: a failed reset, a policy that threw, an episode the environment lost */
  error: AttemptError | null;
  aborted: boolean;
}

export interface RunOptions {
  task_id: string;
  seed?: number | null;
  policy: Policy;
  /** attempts at most (null decisions and errors included); the task's max_steps by default */
  maxSteps?: number;
  /** checked between attempts: an attempt under way finishes first */
  signal?: AbortSignal;
  onStep?: (record: StepRecord) => void;
}

// After these the episode is gone: another attempt would get the same answer.
const EPISODE_GONE = new Set(['RESET_NEEDED', 'EPISODE_DONE', 'UNKNOWN_TASK']);

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** An environment call whose rejection (a dead worker, a bug) becomes an error value like any other. */
async function settle<T>(call: () => Response<T> | Promise<Response<T>>): Promise<Response<T>> {
  try {
    return await call();
  } catch (e) {
    return { ok: false, error: { code: 'INTERNAL', message: `INTERNAL: ${message(e)}` } };
  }
}

/** Runs one episode to its end, to maxSteps attempts, or to the abort; resolves with every attempt made. */
export async function runEpisode(env: EpisodeEnv, o: RunOptions): Promise<EpisodeRun> {
  const seed = o.seed ?? null;
  const run: EpisodeRun = { task_id: o.task_id, seed, policy: o.policy.name, first: null, records: [], error: null, aborted: false };
  const reset = await settle(() => env.reset({ task_id: o.task_id, seed }));
  if (!reset.ok) {
    run.error = { from: 'env', code: reset.error.code, message: reset.error.message };
    return run;
  }
  run.first = reset.result;
  let observation = reset.result;
  const history: PolicyStep[] = [];
  const maxSteps = o.maxSteps ?? observation.max_steps;
  for (let attempt = 1; attempt <= maxSteps; attempt++) {
    if (o.signal?.aborted) break;
    const record: StepRecord = { attempt, observation, decision: null, result: null, error: null };
    try {
      record.decision = await o.policy.act(observation, history, o.signal);
    } catch (e) {
      if (o.signal?.aborted) break; // the policy stopped because we asked it to
      record.error = run.error = { from: 'policy', code: 'POLICY_FAILED', message: message(e) };
    }
    if (o.signal?.aborted) break; // decided, but asked to stop before spending the step
    const decision = record.decision;
    if (decision && decision.action === null) {
      record.error = { from: 'policy', code: 'NO_ACTION', message: decision.reason };
      if (decision.fatal) run.error = record.error;
    }
    const action = decision?.action;
    if (action) {
      const r = await settle(() => env.step(action));
      if (r.ok) {
        record.result = r.result;
        history.push({ observation, action, result: r.result });
        observation = r.result.observation;
      } else {
        record.error = { from: 'env', code: r.error.code, message: r.error.message };
        if (EPISODE_GONE.has(r.error.code)) run.error = record.error;
      }
    }
    run.records.push(record);
    o.onStep?.(record);
    if (record.result?.done || run.error) break;
  }
  run.aborted = !!o.signal?.aborted;
  return run;
}
