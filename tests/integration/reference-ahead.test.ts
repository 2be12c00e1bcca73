// A task's reference measured ahead of the first step (Environment.prepare, which the page's worker runs while a person
// reads the task), on the real engine: the first step then times no third arm and is paid against that very timing.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Environment } from '../../src/env/environment.ts';
import type { Executor } from '../../src/env/executor.ts';
import { drain } from '../../src/env/steps.ts';
import type { StepResult } from '../../src/env/types.ts';
import { action, makeEnv, ok } from './fixtures.ts';

const TASK = 'task_1_basic_antipatterns';
const FIX = `SELECT id, customer_id, product_id, status, total, created_at FROM orders
WHERE customer_id = 5000 AND created_at >= DATE '2024-01-01' AND created_at < DATE '2025-01-01'`;

let env: Environment;
let executor: Executor;
let compared: ReturnType<typeof vi.spyOn>;
beforeAll(async () => {
  env = await makeEnv();
  // Read-only: which options each step's measurement was given (the real method runs).
  executor = (env as unknown as { executor: Executor }).executor;
  compared = vi.spyOn(executor, 'compareMeasured');
});

const timings = () => new Map(env.snapshot().reference_timings);
/** A query's text as the gate passes it on (trailing semicolons dropped). */
const bare = (sql: string) => sql.trim().replace(/;+$/, '').trim();

describe('the reference measured ahead of a first step', () => {
  it('is kept once measured, and the first step then times no reference beside it and is paid against it', () => {
    const original = ok(env.reset({ task_id: TASK })).sql_query;
    expect(timings().size).toBe(0);
    // Pauses before the reference's timing is kept: the warm-up and at least the fewest pairs, each a round.
    let pauses = 0;
    const steps = env.prepare();
    while (timings().size === 0 && !steps.next().done) pauses++;
    expect(pauses).toBeGreaterThanOrEqual(1 + 6);
    expect(drain(steps)).toBe(true);
    const [ahead] = [...timings().values()];
    expect(ahead.pairs).toBeGreaterThanOrEqual(6);

    // The step runs none of the original's own checks again: every fingerprint it runs on its own is the rewrite's.
    const checked = vi.spyOn(executor as unknown as { fingerprint: (...a: unknown[]) => unknown }, 'fingerprint');
    const step = ok(env.step(action(FIX))) as StepResult;
    const runOf = checked.mock.calls.map(([, gated]) => (gated as { sql: string }).sql.trim());
    checked.mockRestore();
    expect(runOf.length).toBeGreaterThan(0);
    expect(runOf.filter((sql) => sql === bare(original))).toEqual([]);
    expect(compared.mock.calls.at(-1)![2]).not.toHaveProperty('reference');
    expect(step.reward.reference_speedup).toBe(ahead.speedup);
    // Nothing more to measure now.
    expect(drain(env.prepare())).toBe(false);
    expect([...timings().values()]).toEqual([ahead]);
  });

  it('is left to the step when not measured ahead: the first step times it beside the rewrite and checks the original', () => {
    const obs = ok(env.reset({ task_id: 'task_8_recent_events' }));
    const checked = vi.spyOn(executor as unknown as { fingerprint: (...a: unknown[]) => unknown }, 'fingerprint');
    ok(env.step(action(`${obs.sql_query}\n-- the original again`)));
    const runOf = checked.mock.calls.map(([, gated]) => (gated as { sql: string }).sql.trim());
    checked.mockRestore();
    expect(compared.mock.calls.at(-1)![2]).toHaveProperty('reference');
    // The original's own checks (visible and every edge-case dataset) run in the step: the test above can see them.
    expect(runOf.filter((sql) => sql === bare(obs.sql_query)).length).toBeGreaterThanOrEqual(2);
  });

  it('does nothing once the episode is over', () => {
    ok(env.reset({ task_id: 'task_10_day_or_session_events' }));
    const before = timings().size;
    ok(env.call('solution', {}));
    expect(env.prepare().next().done).toBe(true);
    expect(timings().size).toBe(before);
  });
});
