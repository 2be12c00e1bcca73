// The rule that keeps a task's reference timing is the weighted one on each of the three paths that measure it (beside
// a first step, apart from it, ahead of it), for the largest speed weight in play: the session's or the episode's.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Environment } from '../../src/env/environment.ts';
import type { Executor } from '../../src/env/executor.ts';
import { parseRewardSpec } from '../../src/env/reward-config.ts';
import { drain } from '../../src/env/steps.ts';
import type { Interval } from '../../src/env/timing.ts';
import { action, makeEnv, ok } from './fixtures.ts';

/**
 * An interval the default weight (0.35) keeps and the execution-only weight (0.636) does not: moving the reference
 * across it moves a rewrite's speed pay by 0.35 × (1 − ln 7 / ln 7.6) = 0.014 of the score, or 0.026 at 0.636.
 */
const PROBE: Interval = [7, 7.6];
type Rule = (ci: Interval) => boolean;

/** The rule each path handed the (real) executor, read from its calls. */
function spies(env: Environment) {
  const executor = (env as unknown as { executor: Executor }).executor;
  const compared = vi.spyOn(executor, 'compareMeasured');
  const apart = vi.spyOn(executor, 'measure');
  const ahead = vi.spyOn(executor, 'measuring');
  return {
    beside: () => compared.mock.calls.at(-1)![2].referenceKnown as Rule,
    apart: () => apart.mock.calls.at(-1)![5] as Rule,
    ahead: () => ahead.mock.calls.at(-1)![5] as Rule,
    apartCalls: () => apart.mock.calls.length,
  };
}

// Each case its own task: a reference timing, once kept, is never measured again in the environment.
describe('the reference rule on each path', () => {
  let env: Environment;
  let rule: ReturnType<typeof spies>;
  beforeAll(async () => {
    env = await makeEnv();
    rule = spies(env);
  });

  it('beside a first step: the default weight keeps the probe, an execution-only episode does not', () => {
    const first = ok(env.reset({ task_id: 'task_23_top_orders' }));
    ok(env.step(action(first.sql_query)));
    expect(rule.beside()(PROBE)).toBe(true);
    const second = ok(env.reset({ task_id: 'task_24_monthly_revenue', reward: 'execution-only' }));
    ok(env.step(action(second.sql_query)));
    expect(rule.beside()(PROBE)).toBe(false);
  });

  it('apart from a first step whose rewrite failed, for the episode weight', () => {
    ok(env.reset({ task_id: 'task_25_never_ordered_users', reward: 'execution-only' }));
    const before = rule.apartCalls();
    // An unknown column fails before any timing, so no reference was timed beside it.
    ok(env.step(action('SELECT no_such_column FROM users')));
    expect(rule.apartCalls()).toBe(before + 1);
    expect(rule.apart()(PROBE)).toBe(false);
  });

  it('ahead of a first step, for the episode weight', () => {
    ok(env.reset({ task_id: 'task_26_contacts', reward: 'execution-only' }));
    expect(drain(env.prepare())).toBe(true);
    expect(rule.ahead()(PROBE)).toBe(false);
  });
});

describe('the session reward', () => {
  it("keeps the rule tight for an episode that chooses a smaller speed weight than the operator's --reward", async () => {
    const env = await makeEnv({ reward: parseRewardSpec('execution-only') });
    const rule = spies(env);
    // An episode's weights can tighten the rule, never loosen it: the reference is kept for every episode of the session.
    ok(env.reset({ task_id: 'task_23_top_orders', reward: 'default' }));
    expect(drain(env.prepare())).toBe(true);
    expect(rule.ahead()(PROBE)).toBe(false);
  });
});
