// Episodes through the real engine: reset/step/grade/state/leaderboard, termination, and the reward on real executions.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from '../../src/env/environment.ts';
import { makeEnv, action, ok } from './fixtures.ts';

const TASK = 'task_1_basic_antipatterns';
const FIX = `SELECT id, customer_id, product_id, status, total, created_at FROM orders
WHERE customer_id = 5000 AND created_at >= DATE '2024-01-01' AND created_at < DATE '2025-01-01'`;
const SUGGESTIONS = [
  { issue_type: 'non_sargable_cast', line: 3, severity: 'high' as const, description: '', fix: '' },
  { issue_type: 'function_on_date_column', line: 4, severity: 'high' as const, description: '', fix: '' },
  { issue_type: 'select_star', line: 1, severity: 'low' as const, description: '', fix: '' },
];

let env: Environment;
beforeAll(async () => {
  // As the page runs it: the reference and the ground truth are shown when an episode ends.
  env = await makeEnv({ revealAtEnd: true });
});

describe('environment', () => {
  it('refuses step and grade before reset', () => {
    for (const r of [env.step(action('SELECT 1')), env.grade(action('SELECT 1'))])
      expect(r).toMatchObject({ ok: false, error: { code: 'RESET_NEEDED' } });
  });

  it('observes the task with seed-compatible fields', () => {
    const obs = ok(env.reset({ task_id: TASK }));
    expect(Object.keys(obs)).toEqual(
      expect.arrayContaining([
        'task_id',
        'task_name',
        'task_description',
        'sql_query',
        'schema_info',
        'dialect',
        'difficulty',
        'step_count',
        'max_steps',
        'issues_found_so_far',
        'last_execution',
      ]),
    );
    expect(obs.sql_query).toContain("CAST(customer_id AS VARCHAR) = '5000'");
    expect(obs.schema_info).toMatch(/orders \(500,500 rows\): id BIGINT, customer_id BIGINT/);
    expect([obs.step_count, obs.max_steps, obs.last_execution]).toEqual([0, 3, null]);
  });

  it('grades without advancing, then steps and truncates at max_steps', () => {
    ok(env.reset({ task_id: TASK }));
    const g = ok(env.grade(action(FIX, { suggestions: SUGGESTIONS, summary: 'select star and casts' })));
    expect(g.observation.step_count).toBe(0);
    // grade is no free oracle: it checks the visible data only and pays nothing
    expect([g.observation.last_execution?.results_match, g.observation.last_execution?.holdout_match, g.reward.score]).toEqual([
      true,
      null,
      0,
    ]);
    expect(Object.values(g.reward.breakdown)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(ok(env.state()).step_count).toBe(0);
    let last;
    for (let i = 1; i <= 3; i++) {
      last = ok(env.step(action('SELECT * FROM orders WHERE false')));
      expect(last.observation.step_count).toBe(i);
      expect(last.reward.breakdown.result_correctness).toBe(0);
      // hints open only on demand, never by spending steps
      expect([last.observation.hints, last.reward.hint_penalty]).toEqual([[], 0]);
    }
    expect([last!.done, last!.terminated, last!.truncated]).toEqual([true, false, true]);
    expect(last!.info.reference_query).toContain('customer_id = 5000');
    expect(last!.info.ground_truth?.map((g) => g.canonical)).toEqual(['select_star', 'non_sargable_predicate', 'non_sargable_predicate']);
    expect(last!.info.explanation).toMatch(/^Both filters wrap the column/);
    expect(env.step(action(FIX))).toMatchObject({ ok: false, error: { code: 'EPISODE_DONE' } });
  });

  it('terminates on a good step, with real timings, plans, previews and a correct verdict', () => {
    ok(env.reset({ task_id: TASK }));
    const r = ok(
      env.step(
        action(FIX, {
          suggestions: SUGGESTIONS,
          summary: 'Non-sargable cast and year() on filter columns; select star.',
          estimated_improvement: '4x',
        }),
      ),
    );
    const ex = r.observation.last_execution!;
    expect([ex.results_match, ex.holdout_match]).toEqual([true, true]);
    expect(ex.speedup!).toBeGreaterThan(1);
    expect(ex.speedup_ci![0]).toBeLessThanOrEqual(ex.speedup!);
    expect(ex.plans.original?.tree?.children.length).toBeGreaterThan(0);
    expect(ex.plans.optimized?.text).toMatch(/rows=\d+.*time=/);
    expect(ex.preview.optimized?.columns).toEqual(['id', 'customer_id', 'product_id', 'status', 'total', 'created_at']);
    // speed credit depends on this machine's timings, so only the parts that do not are pinned
    const b = r.reward.breakdown;
    expect([b.result_correctness, b.issue_detection, b.approval_correctness, b.severity_labels]).toEqual([1, 1, 1, 1]);
    expect(r.reward.score).toBeGreaterThanOrEqual(0.58);
    if (r.reward.score >= 0.95) expect([r.done, r.terminated]).toEqual([true, true]);
    expect(r.observation.issues_found_so_far).toEqual(['non_sargable_cast', 'function_on_date_column', 'select_star']);
  });

  it('scores a fast but wrong rewrite below a correct one, on real executions', () => {
    ok(env.reset({ task_id: TASK }));
    const wrong = ok(env.step(action(`${FIX} AND id % 2 = 0`, { suggestions: SUGGESTIONS })));
    const right = ok(env.step(action(FIX, { suggestions: SUGGESTIONS })));
    expect(wrong.observation.last_execution?.results_match).toBe(false);
    expect(wrong.reward.breakdown.execution_speedup).toBe(0);
    expect(wrong.reward.score).toBeLessThan(right.reward.score);
    const original = ok(env.reset({ task_id: TASK })).sql_query;
    const copy = ok(env.step(action(original)));
    expect([copy.observation.last_execution?.results_match, copy.observation.last_execution?.noop]).toEqual([true, true]);
    expect(copy.reward.breakdown.execution_speedup).toBe(0);
  });

  it('keeps a leaderboard of attempts, correct attempts and best results', () => {
    const board = ok(env.leaderboard());
    const row = board.find((r) => r.task_id === TASK)!;
    // three wrong steps and one correct, then one wrong, one correct and the copy; grade() does not count
    expect(row.attempts).toBe(7);
    expect(row.correct_attempts).toBe(3);
    expect(row.success_rate).toBeCloseTo(3 / 7, 10);
    expect(row.best_correct_speedup!).toBeGreaterThan(1);
  });

  it('restores a snapshot into a fresh environment', async () => {
    const other = await makeEnv();
    other.restore(JSON.parse(JSON.stringify(env.snapshot())));
    expect(ok(other.leaderboard())).toEqual(ok(env.leaderboard()));
    expect(ok(other.state())).toEqual(ok(env.state()));
  });

  it('keeps the hints opened and the solution shown through snapshots, so a reload or another worker shows the same', async () => {
    ok(env.reset({ task_id: 'task_9_orders_and_spend' }));
    expect(ok(env.hint()).hints_used).toBe(1);
    const move = (from: Environment, to: Environment) => ok(to.restore(JSON.parse(JSON.stringify(from.snapshot()))));
    const other = await makeEnv();
    move(env, other);
    expect([ok(other.state()).hints_used, ok(other.hint()).hints]).toEqual([1, ok(env.hint()).hints]);
    const shown = ok(other.solution());
    expect(shown.plans.original?.text).toMatch(/ORDER_BY/);
    expect(shown.plans.reference?.text).not.toMatch(/ORDER_BY/);
    move(other, env); // back to the first, whose own runs of these plans would differ in their timings
    expect(ok(env.solution())).toEqual(shown);
    expect(ok(env.state())).toMatchObject({ gave_up: true, hints_used: 2, episode_done: true, truncated: true, step_count: 0 });
  });
});
