// Snapshots parse strictly, and those saved before terminated/truncated were kept (only `done`) are upgraded.
import { describe, expect, it } from 'vitest';
import { EnvSnapshot, upgradeEpisode } from './snapshot.ts';

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
    expect(up).toEqual({ ...oldEpisode(done, best, [{ ...entry, ...flags }]), done: undefined, ...flags });
    expect('done' in up).toBe(false);
  });
  it('parses an upgraded old snapshot and leaves new ones as they are', () => {
    const old = { version: 1, episode: oldEpisode(true, 0.4), leaderboard: [], reference_timings: [] };
    expect(EnvSnapshot.parse(old).episode).toMatchObject({ terminated: false, truncated: true });
    const { done: _, ...current } = { ...oldEpisode(false, 0), terminated: false, truncated: false };
    expect(upgradeEpisode(current)).toEqual(current);
    expect(upgradeEpisode(null)).toBeNull();
  });
  it('refuses a snapshot of another version, naming the field', () => {
    const r = EnvSnapshot.safeParse({ version: 2, episode: null, leaderboard: [], reference_timings: [] });
    expect(r.success ? null : r.error.issues.map((i) => [i.path.join('.'), i.code])).toEqual([['version', 'invalid_value']]);
  });
});
