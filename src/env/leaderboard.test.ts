// The leaderboard's three-way merge: two workers that stepped at the same time from the same board both count.
import { describe, expect, it } from 'vitest';
import { Leaderboard, mergeLeaderboards } from './leaderboard.ts';
import type { LeaderboardRow } from './types.ts';
import { emptyExecution } from './verdict.ts';

/** An attempt that is correct everywhere and credibly timed at `lower`× (its interval's lower bound), or wrong. */
function attempt(task_id: string, step: number, lower: number | 'wrong', score = 0.5) {
  const execution = {
    ...emptyExecution(false),
    ...(lower === 'wrong'
      ? { results_match: false, holdout_match: false }
      : { results_match: true, holdout_match: true, speedup: lower + 0.5, speedup_ci: [lower, lower + 1] as [number, number], pairs: 8 }),
  };
  return { task_id, seed: 1, step, optimized_query: `q${step}`, score, execution };
}

/** The board of `base` after `attempts`. */
function after(base: LeaderboardRow[], ...attempts: ReturnType<typeof attempt>[]): LeaderboardRow[] {
  const b = new Leaderboard();
  b.replace(base);
  for (const a of attempts) b.record(a);
  return b.list();
}

describe('mergeLeaderboards', () => {
  const base = after([], attempt('t1', 1, 2));

  it("adds both workers' attempts, whichever finished last", () => {
    const a = after(base, attempt('t1', 2, 'wrong'));
    const b = after(base, attempt('t1', 3, 3), attempt('t2', 1, 'wrong'));
    for (const merged of [mergeLeaderboards(base, b, a), mergeLeaderboards(base, a, b)]) {
      const t1 = merged.find((r) => r.task_id === 't1')!;
      expect([t1.attempts, t1.correct_attempts, t1.success_rate]).toEqual([3, 2, 2 / 3]);
      expect([t1.best_correct_speedup, t1.best?.optimized_query]).toEqual([3, 'q3']);
      expect(merged.find((r) => r.task_id === 't2')?.attempts).toBe(1);
    }
  });

  it('keeps the better best and the higher score', () => {
    const a = after(base, attempt('t1', 2, 5, 0.9));
    const b = after(base, attempt('t1', 3, 4, 0.95));
    const t1 = mergeLeaderboards(base, b, a).find((r) => r.task_id === 't1')!;
    expect([t1.best_correct_speedup, t1.best?.step, t1.best_score]).toEqual([5, 2, 0.95]);
  });

  it('a board nobody else changed merges to what the worker produced', () => {
    const produced = after(base, attempt('t1', 2, 'wrong'));
    expect(mergeLeaderboards(base, produced, base)).toEqual(produced);
  });

  it('states why a merged row has no best', () => {
    const merged = mergeLeaderboards([], after([], attempt('t3', 1, 'wrong')), after([], attempt('t4', 1, 'wrong')));
    expect(merged.map((r) => [r.task_id, Object.keys(r.why_null)])).toEqual([
      ['t3', ['best_correct_speedup']],
      ['t4', ['best_correct_speedup']],
    ]);
  });
});
