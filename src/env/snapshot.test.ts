// Snapshots parse strictly, and those saved before terminated/truncated were kept (only `done`) are upgraded.
import { describe, expect, it } from 'vitest';
import { NOT_PRACTICE } from './grader.ts';
import { EnvSnapshot, upgradeEpisode } from './snapshot.ts';
import { WHY_NULL, emptyExecution } from './verdict.ts';

const oldEpisode = (done: boolean, best: number, history: unknown[] = []) => ({
  task_id: 'task_1_basic_antipatterns',
  seed: null,
  step_count: 2,
  history,
  issues_found: [],
  cumulative_reward: best,
  best_score: best,
  done,
});

describe('snapshot', () => {
  it.each([
    ['solved', true, 0.97, { terminated: true, truncated: false }],
    ['out of steps', true, 0.4, { terminated: false, truncated: true }],
    ['in progress', false, 0.4, { terminated: false, truncated: false }],
  ])('upgrades an old %s episode and its history entries', (_, done, best, flags) => {
    const entry = { step: 2, done, reward: { score: best } };
    const up = upgradeEpisode(oldEpisode(done, best, [entry])) as Record<string, unknown>;
    // a reward saved then was paid: its null practice score gets that reason
    const paid = { score: best, practice_score: null, why_null: { practice_score: NOT_PRACTICE } };
    expect(up).toEqual({ ...oldEpisode(done, best, [{ ...entry, ...flags, reward: paid }]), done: undefined, ...flags });
    expect('done' in up).toBe(false);
  });
  it('parses an upgraded old snapshot and leaves new ones as they are', () => {
    const old = { version: 1, episode: oldEpisode(true, 0.4), leaderboard: [], reference_timings: [] };
    expect(EnvSnapshot.parse(old).episode).toMatchObject({ terminated: false, truncated: true });
    const { done: _, ...current } = { ...oldEpisode(false, 0), terminated: false, truncated: false };
    expect(upgradeEpisode(current)).toEqual(current);
    expect(upgradeEpisode(null)).toBeNull();
  });
  it("keeps an episode's chosen deadlines, and loads one saved before they could be chosen with the session's (null)", () => {
    const current = { ...oldEpisode(false, 0), done: undefined, terminated: false, truncated: false };
    const saved = (episode: object) => ({ version: 1, episode, leaderboard: [], reference_timings: [] });
    expect(EnvSnapshot.parse(saved(current)).episode?.deadlines).toBeNull();
    const chosen = { run_ms: 20_000, factor: 20 };
    expect(EnvSnapshot.parse(saved({ ...current, deadlines: chosen })).episode?.deadlines).toEqual(chosen);
    const r = EnvSnapshot.safeParse(saved({ ...current, deadlines: { run_ms: 3_600_000 } }));
    expect(r.success ? null : r.error.issues.map((i) => i.path.join('.'))).toEqual(['episode.deadlines.run_ms']);
  });
  it('loads an episode saved before hints opened on demand with none open, not given up and no solution shown', () => {
    const current = { ...oldEpisode(false, 0), done: undefined, terminated: false, truncated: false };
    const saved = (episode: object) => ({ version: 1, episode, leaderboard: [], reference_timings: [] });
    expect(EnvSnapshot.parse(saved(current)).episode).toMatchObject({ hints_used: 0, gave_up: false, solution: null });
    const shown = { reference_query: 'SELECT 1', ground_truth: [], explanation: 'A. B.', plans: { original: null, reference: null } };
    const later = { ...current, hints_used: 2, gave_up: true, truncated: true, solution: shown };
    expect(EnvSnapshot.parse(saved(later)).episode).toMatchObject({ hints_used: 2, gave_up: true, solution: shown });
    const r = EnvSnapshot.safeParse(saved({ ...current, hints_used: -1 }));
    expect(r.success ? null : r.error.issues.map((i) => i.path.join('.'))).toEqual(['episode.hints_used']);
  });
  it('loads a snapshot saved before practice existed with no task seen, a paid episode and paid rewards', () => {
    const current = { ...oldEpisode(false, 0), done: undefined, terminated: false, truncated: false };
    const entry = { step: 1, terminated: false, truncated: false, reward: { score: 0.4, why_null: { reference_speedup: 'r' } } };
    const old = { version: 1, episode: { ...current, history: [entry] }, leaderboard: [], reference_timings: [] };
    const up = upgradeEpisode(old.episode) as { history: { reward: object }[] };
    expect(up.history[0].reward).toEqual({
      ...entry.reward,
      practice_score: null,
      why_null: { reference_speedup: 'r', practice_score: NOT_PRACTICE },
    });
    const parsed = EnvSnapshot.safeParse({ ...old, episode: current });
    expect(parsed.success && [parsed.data.references_seen, parsed.data.episode?.reference_seen]).toEqual([[], false]);
    const kept = EnvSnapshot.parse({ ...old, episode: { ...current, reference_seen: true }, references_seen: ['t'] });
    expect([kept.references_seen, kept.episode?.reference_seen]).toEqual([['t'], true]);
  });
  it('gives executions saved before why_null was kept the reasons of their null figures', () => {
    const { why_null: _, ...execution } = { ...emptyExecution(false), optimized_error: 'SQL_ERROR: x', results_match: false };
    const entry = { step: 1, terminated: false, truncated: false, execution, reward: { score: 0 } };
    const up = upgradeEpisode({ ...oldEpisode(false, 0), history: [entry] }) as { history: { execution: { why_null: object } }[] };
    expect(up.history[0].execution.why_null).toEqual({
      original_ms: WHY_NULL.rewriteFailed,
      optimized_ms: WHY_NULL.rewriteFailed,
      speedup: WHY_NULL.rewriteFailed,
      speedup_ci: WHY_NULL.rewriteFailed,
      holdout_match: WHY_NULL.rewriteFailed,
      original_rows: WHY_NULL.rewriteFailed,
      optimized_rows: WHY_NULL.rewriteFailed,
    });
  });
  it('refuses a snapshot of another version, naming the field', () => {
    const r = EnvSnapshot.safeParse({ version: 2, episode: null, leaderboard: [], reference_timings: [] });
    expect(r.success ? null : r.error.issues.map((i) => [i.path.join('.'), i.code])).toEqual([['version', 'invalid_value']]);
  });
});
