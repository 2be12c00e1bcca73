// The episode runner on the real engine, with scripted policies: a null decision spends an attempt, errors of the
// environment and of the transport are reported and the loop goes on, a policy that throws ends the episode, and an
// abort stops between attempts. Also: the rules play a whole episode without ever reading the reference.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from '../../src/env/environment.ts';
import type { Action, Observation } from '../../src/env/types.ts';
import { POLICIES } from '../../src/policies/index.ts';
import type { Decision, Policy, PolicyStep } from '../../src/policies/policy.ts';
import { type EpisodeEnv, runEpisode, viaCall } from '../../src/policies/runner.ts';
import { startSupervised } from '../../src/node/spawn.ts';
import { TEST_EXECUTOR, TEST_JUDGED_SEED, action, makeEnv } from './fixtures.ts';

const TASK = 'task_1_basic_antipatterns'; // three steps, millisecond queries

let env: Environment;
beforeAll(async () => {
  env = await makeEnv();
});

/** A policy that answers with the scripted decisions in turn, recording what it was shown. */
function scripted(decisions: ((obs: Observation) => Decision | Promise<Decision>)[]) {
  const seen: { observation: Observation; history: readonly PolicyStep[] }[] = [];
  const policy: Policy = {
    name: 'scripted',
    act: async (observation, history) => {
      seen.push({ observation, history: [...history] });
      return decisions[seen.length - 1](observation);
    },
  };
  return { policy, seen };
}

const original = (obs: Observation): Decision => ({ action: action(obs.sql_query) });

/** An episode spec whose reference throws when read: the rules must never need it. */
const spec = (task_id: string) => ({
  task_id,
  seed: null,
  reference: (): string => {
    throw new Error('the rules policy read the reference');
  },
});

describe('runEpisode', () => {
  it('counts a null decision and an environment error as attempts, and reports both', async () => {
    const bad = { ...action('SELECT 1'), suggestions: [{ issue_type: 'x', line: -3 }] } as unknown as Action;
    const { policy, seen } = scripted([() => ({ action: null, reason: 'the model answered prose' }), () => ({ action: bad }), original]);
    const steps: number[] = [];
    const run = await runEpisode(env, { task_id: TASK, seed: 2, policy, onStep: (r) => steps.push(r.attempt) });
    expect(steps).toEqual([1, 2, 3]); // max_steps attempts, though only one step was spent
    expect(run.records.map((r) => [r.error?.from ?? null, r.error?.code ?? null, !!r.result])).toEqual([
      ['policy', 'NO_ACTION', false],
      ['env', 'INVALID_ACTION', false],
      [null, null, true],
    ]);
    expect(run.records[0].error?.message).toBe('the model answered prose');
    expect(run.records[1].error?.message).toMatch(/^INVALID_ACTION: action\.suggestions\[0\]\.line/);
    expect(seen.map((s) => s.history.length)).toEqual([0, 0, 0]); // nothing was spent before the third attempt
    expect(run.records[2].result?.observation.step_count).toBe(1);
    expect([run.error, run.aborted, run.first?.seed]).toEqual([null, false, 2]);
  });

  it('reports a transport that rejects, over an asynchronous transport, and goes on', async () => {
    let calls = 0;
    const flaky: EpisodeEnv = {
      reset: async (req) => env.reset(req),
      step: async (a) => {
        if (++calls === 1) throw new Error('the worker died');
        return env.step(a);
      },
    };
    const { policy } = scripted([original, original]);
    const run = await runEpisode(flaky, { task_id: TASK, policy, maxSteps: 2 });
    expect(run.records.map((r) => r.error?.code ?? 'ok')).toEqual(['INTERNAL', 'ok']);
    expect(run.records[0].error?.message).toBe('INTERNAL: the worker died');
  });

  it('ends the episode when the policy throws, and when reset fails', async () => {
    const { policy } = scripted([
      () => {
        throw new Error('replay mismatch');
      },
    ]);
    const run = await runEpisode(env, { task_id: TASK, policy });
    expect(run.records).toHaveLength(1);
    expect(run.error).toEqual({ from: 'policy', code: 'POLICY_FAILED', message: 'replay mismatch' });
    const none = await runEpisode(env, { task_id: 'task_404', policy });
    expect([none.first, none.records.length, none.error?.code]).toEqual([null, 0, 'UNKNOWN_TASK']);
  });

  it('stops between attempts once aborted; a decision made meanwhile is not submitted', async () => {
    const ac = new AbortController();
    const { policy, seen } = scripted([
      original,
      (obs) => {
        ac.abort();
        return original(obs);
      },
      original,
    ]);
    const run = await runEpisode(env, { task_id: TASK, policy, signal: ac.signal });
    expect([run.records.length, seen.length, run.aborted]).toEqual([1, 2, true]);
    const before = await runEpisode(env, { task_id: TASK, policy, signal: AbortSignal.abort() });
    expect([before.records.length, before.aborted, before.first?.task_id]).toEqual([0, true, TASK]);
  });

  it('runs the rules through a whole episode without reading the reference', async () => {
    const policy = POLICIES.rules.prepare({})({ ...spec(TASK), seed: 3 });
    const run = await runEpisode(env, { task_id: TASK, seed: 3, policy });
    expect(run.error).toBeNull();
    const last = run.records.at(-1)!.result!;
    expect([last.done, last.observation.last_execution?.results_match, last.observation.last_execution?.holdout_match]).toEqual([
      true,
      true,
      true,
    ]);
    expect(run.records.every((r) => r.decision?.action?.optimized_query.includes("DATE '"))).toBe(true);
  });

  it('drives the supervised worker through its calls', async () => {
    const sup = await startSupervised({ executor: TEST_EXECUTOR, judgedSeed: TEST_JUDGED_SEED });
    try {
      const run = await runEpisode(viaCall(sup), {
        task_id: 'task_23_top_orders',
        policy: POLICIES.rules.prepare({})(spec('task_23_top_orders')),
      });
      expect(run.error).toBeNull();
      expect(run.records[0].result?.observation.last_execution?.results_match).toBe(true);
    } finally {
      await sup.close();
    }
  });
});
