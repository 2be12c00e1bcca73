// Episodes through the real engine: reset/step/grade/state/leaderboard, termination, the reward on real executions,
// and practice: the episodes of a task whose reference this session has seen pay nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from '../../src/env/environment.ts';
import { NOT_PRACTICE, PRACTICE_FEEDBACK } from '../../src/env/grader.ts';
import { instantiate, loadTasks } from '../../src/env/tasks.ts';
import { readTaskFiles } from '../../src/node/task-files.ts';
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
  // As training runs it: nothing is revealed when an episode ends, so whether a good step happens to solve task 1 on
  // this machine (speed credit is measured) never turns its later episodes into practice. The reveal is tested below.
  env = await makeEnv();
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
    expect(env.step(action(FIX))).toMatchObject({ ok: false, error: { code: 'EPISODE_DONE' } });
    // nothing was revealed, so the next episode of the task is paid
    expect([last!.info.reference_query, ok(env.reset({ task_id: TASK })).reference_seen]).toEqual([undefined, false]);
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

describe('practice: a revealed reference pays nothing later in the session', () => {
  const defs = loadTasks(readTaskFiles());
  const SHOWN = 'task_18_largest_orders';
  const OTHER = 'task_3_wildcard_scan';
  // Weights without the timing-dependent components: the reference with its ground truth then scores exactly 1 on any
  // machine, so "would have solved it" is a fact, not a measurement.
  const UNTIMED = 'execution_speedup=0,summary_quality=0';
  const REJECTED = 'SELECT 1; DROP TABLE orders';
  /** The variant's reference with its ground truth as suggestions: what an agent that saw the solution submits. */
  const referenceAction = (task_id: string, seed: number | null) => {
    const inst = instantiate(defs.get(task_id)!, seed);
    const suggestions = inst.issues.map((g) => ({ issue_type: g.type, line: g.line, severity: g.severity, description: '', fix: '' }));
    return action(inst.reference, { suggestions });
  };
  let seen: Environment;
  beforeAll(async () => {
    // As the page runs it: the reference and the ground truth are shown when an episode ends.
    seen = await makeEnv({ revealAtEnd: true });
  });

  it('the reveal at an episode end makes later episodes of its task practice', () => {
    ok(seen.reset({ task_id: TASK }));
    expect(ok(seen.state()).reference_seen).toBe(false);
    let last;
    for (let i = 0; i < 3; i++) last = ok(seen.step(action('SELECT * FROM orders WHERE false')));
    expect([last!.done, last!.truncated, last!.reward.practice_score, last!.reward.why_null.practice_score]).toEqual([
      true,
      true,
      null,
      NOT_PRACTICE,
    ]);
    expect(last!.info.reference_query).toContain('customer_id = 5000');
    expect(last!.info.ground_truth?.map((g) => g.canonical)).toEqual(['select_star', 'non_sargable_predicate', 'non_sargable_predicate']);
    expect(last!.info.explanation).toMatch(/^Both filters wrap the column/);
    expect(ok(seen.reset({ task_id: TASK, seed: 5 })).reference_seen).toBe(true);
    expect(ok(seen.state()).reference_seen).toBe(true);
  });

  it('after the solution op, the reference pays 0 on any seed, still ends the episode, and leaves the leaderboard', () => {
    ok(seen.reset({ task_id: SHOWN }));
    ok(seen.solution());
    const board = ok(seen.leaderboard());
    for (const seed of [null, 2]) {
      expect(ok(seen.reset({ task_id: SHOWN, seed, reward: UNTIMED })).reference_seen).toBe(true);
      const r = ok(seen.step(referenceAction(SHOWN, seed)));
      expect([r.observation.last_execution?.results_match, r.observation.last_execution?.holdout_match]).toEqual([true, true]);
      expect([r.reward.score, r.reward.practice_score, r.reward.feedback[0], r.reward.why_null]).toEqual([0, 1, PRACTICE_FEEDBACK, {}]);
      // the breakdown stays, so the feedback still teaches
      expect(r.reward.breakdown).toMatchObject({ result_correctness: 1, issue_detection: 1, approval_correctness: 1, severity_labels: 1 });
      expect([r.done, r.terminated, r.truncated, r.info.best_score, r.info.cumulative_reward]).toEqual([true, true, false, 0, 0]);
      expect(ok(seen.state())).toMatchObject({ reference_seen: true, terminated: true, best_score: 0, step_count: 1 });
    }
    expect(ok(seen.leaderboard())).toEqual(board);
  });

  it('leaves another task paid and counted', () => {
    const before = ok(seen.leaderboard()).find((r) => r.task_id === OTHER)?.attempts ?? 0;
    expect(ok(seen.reset({ task_id: OTHER })).reference_seen).toBe(false);
    const r = ok(seen.step(action(REJECTED)));
    expect([r.observation.reference_seen, r.reward.practice_score, r.reward.why_null.practice_score]).toEqual([false, null, NOT_PRACTICE]);
    expect(r.reward.feedback).not.toContain(PRACTICE_FEEDBACK);
    expect(ok(seen.leaderboard()).find((row) => row.task_id === OTHER)?.attempts).toBe(before + 1);
  });

  it('keeps the memory through a snapshot, and restores an older snapshot (without it) with none', async () => {
    const other = await makeEnv();
    ok(seen.reset({ task_id: SHOWN }));
    const snap = JSON.parse(JSON.stringify(seen.snapshot()));
    expect([...snap.references_seen].sort()).toEqual([SHOWN, TASK].sort());
    ok(other.restore(snap));
    // a practice episode under way stays practice on the worker it moves to
    expect(ok(other.state())).toMatchObject({ task_id: SHOWN, reference_seen: true });
    for (const [task_id, practice] of [
      [SHOWN, true],
      [TASK, true],
      [OTHER, false],
    ] as const)
      expect(ok(other.reset({ task_id })).reference_seen).toBe(practice);
    const { references_seen: _, ...old } = JSON.parse(JSON.stringify(seen.snapshot()));
    delete old.episode.reference_seen;
    ok(other.restore(old));
    expect(ok(other.state())).toMatchObject({ task_id: SHOWN, reference_seen: false });
    expect(ok(other.reset({ task_id: SHOWN })).reference_seen).toBe(false);
  });

  it('makes an episode begun before its task was revealed practice when it is swapped back in (the page parks one)', () => {
    ok(seen.reset({ task_id: OTHER }));
    const parked = seen.snapshot().episode;
    ok(seen.reset({ task_id: OTHER }));
    ok(seen.solution());
    const board = ok(seen.leaderboard());
    ok(seen.restore({ ...seen.snapshot(), episode: parked }));
    expect(ok(seen.state())).toMatchObject({ task_id: OTHER, reference_seen: true, step_count: 0 });
    const r = ok(seen.step(action(REJECTED)));
    expect([r.reward.score, r.reward.feedback[0], r.observation.reference_seen]).toEqual([0, PRACTICE_FEEDBACK, true]);
    expect(ok(seen.leaderboard())).toEqual(board);
  });
});
