// Every rewrite the rules policy makes of every task's original, for every combination of parameter values, is judged
// correct on the real engine: same rows on the visible data, the judged data and every edge-case dataset. A wrong rule
// rewrite is a bug. The policy is built through the registry with a reference that throws when read.
import { GOAL } from '../../src/env/goal.ts';
import { HINT_COST } from '../../src/env/reward-config.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXECUTOR, Executor } from '../../src/env/executor.ts';
import { createRig } from '../../src/env/setup.ts';
import { instantiate, loadTasks, type TaskDef } from '../../src/env/tasks.ts';
import type { Observation } from '../../src/env/types.ts';
import { loadInstances } from '../../src/node/create.ts';
import { readTaskFiles } from '../../src/node/task-files.ts';
import { POLICIES } from '../../src/policies/index.ts';
import { HONEST_RUN_DEADLINE_MS, TEST_JUDGED_SEED } from './fixtures.ts';

const tasks = [...loadTasks(readTaskFiles()).values()];

// Correctness only: one timed pair, and the long cancel that only catches a hang (a task 9 original sorts 500k rows).
const CHECK_ONLY = { ...DEFAULT_EXECUTOR, minPairs: 1, maxPairs: 1, timingBudgetMs: 60_000, runDeadlineMs: HONEST_RUN_DEADLINE_MS };

/** Every combination of the task's parameter values. */
function combinations(task: TaskDef): Record<string, string | number>[] {
  return Object.entries(task.params).reduce<Record<string, string | number>[]>(
    (acc, [name, values]) => acc.flatMap((c) => values.map((v) => ({ ...c, [name]: v }))),
    [{}],
  );
}

/** The observation of a task variant as reset shows it, with this engine's schema text. */
function observation(task: TaskDef, values: Record<string, string | number>, schema_info: string): Observation {
  const inst = instantiate({ ...task, params: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, [v]])) }, null);
  return {
    task_id: task.id,
    task_name: task.name,
    task_description: inst.description,
    sql_query: inst.original,
    schema_info,
    dialect: 'duckdb',
    difficulty: task.difficulty,
    step_count: 0,
    max_steps: task.max_steps,
    issues_found_so_far: [],
    last_execution: null,
    seed: null,
    hints: [],
    hints_used: 0,
    hints_total: task.hints.length,
    hint_cost: HINT_COST,
    goal: GOAL,
    reference_seen: false,
  };
}

const rules = POLICIES.rules.prepare({});
const blind = (task_id: string) =>
  rules({
    task_id,
    seed: null,
    reference: () => {
      throw new Error('the rules policy read the reference');
    },
  });

let executor: Executor;
let schemaInfo: string;

beforeAll(async () => {
  const { rig, info } = createRig({ dbs: await loadInstances(), judgedSeed: TEST_JUDGED_SEED });
  executor = new Executor(rig, CHECK_ONLY);
  schemaInfo = info.schema_info;
});

describe('rules rewrites on the real engine', () => {
  const cases = tasks.flatMap((t) => combinations(t).map((values) => [t.id, JSON.stringify(values), t, values] as const));
  const rewritten = new Set<string>();

  it.each(cases)('%s %s', async (id, _label, task, values) => {
    const obs = observation(task, values, schemaInfo);
    const { action } = await blind(id).act(obs, []);
    if (!action) throw new Error('the rules always decide');
    if (task.decoy) expect({ approved: action.approved, query: action.optimized_query }).toEqual({ approved: true, query: obs.sql_query });
    if (action.optimized_query === obs.sql_query) return;
    rewritten.add(id);
    const r = executor.compare(obs.sql_query, action.optimized_query, {
      orderSensitive: task.order_sensitive,
      judge: true,
      withPlans: false,
    });
    expect(r.optimized_error, `${action.optimized_query}\n${r.verdict}`).toBeNull();
    expect({ main: r.results_match, hidden: r.holdout_match }, `${action.optimized_query}\n${r.verdict}`).toEqual({
      main: true,
      hidden: true,
    });
  });

  it('rewrites the tasks its rules cover, and only those', () => {
    expect([...rewritten].sort()).toEqual(
      [
        'task_1_basic_antipatterns',
        'task_4_implicit_join',
        'task_6_event_types_in_month',
        'task_7_session_events',
        'task_8_recent_events',
        'task_9_orders_and_spend',
        'task_10_day_or_session_events',
        'task_11_recent_signup_events',
        'task_12_users_with_event_type',
        'task_14_tier_order_figures',
        'task_16_cumulative_spend',
        'task_17_region_tier_order_stats',
        'task_18_largest_orders',
      ].sort(),
    );
  });
});
