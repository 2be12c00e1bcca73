// A finished run's exports: its episodes (the page's own for the last one, with a person's steps), and the agent's
// trajectory with every key blanked, even one a model echoed back.
import { describe, expect, it } from 'vitest';
import type { Action, Observation, StepResult } from '../../env/types.ts';
import type { EpisodeRun, StepRecord } from '../../policies/runner.ts';
import type { ReplayEpisode } from '../../replay/format.ts';
import { agentTrajectory, runEpisodes } from './run-export.ts';

const KEY = 'sk-unit-key-0123456789';

const observation = (task_id: string, seed: number) =>
  ({ task_id, task_name: task_id, difficulty: 'easy', seed, sql_query: 'SELECT 1', step_count: 0 }) as Observation;
const action = (sql: string): Action => ({
  suggestions: [],
  optimized_query: sql,
  summary: '',
  estimated_improvement: '',
  approved: false,
});
const result = (step: number) =>
  ({
    observation: { last_execution: { speedup: 2 } },
    reward: { score: 0.5, breakdown: {}, feedback: '' },
    done: false,
    terminated: false,
    truncated: false,
    info: { step },
  }) as unknown as StepResult;

function run(task_id: string, seed: number, records: StepRecord[]): EpisodeRun {
  return { task_id, seed, policy: 'm', first: observation(task_id, seed), records, error: null, aborted: false };
}

const stepped = (attempt: number, sql: string, raw: string): StepRecord => ({
  attempt,
  observation: observation('t', 1),
  decision: { action: action(sql), trace: { messages: [{ role: 'user', content: 'task' }], raw } },
  result: result(attempt),
  error: null,
});
const skipped = (attempt: number): StepRecord => ({
  attempt,
  observation: observation('t', 1),
  decision: { action: null, reason: 'UNREADABLE: no JSON object', trace: { raw: 'I think…' } },
  result: null,
  error: { from: 'policy', code: 'NO_ACTION', message: 'UNREADABLE: no JSON object' },
});

describe('runEpisodes', () => {
  const runs = [run('t1', 1, [stepped(1, 'SELECT a', '{}'), skipped(2)]), run('t2', 2, [stepped(1, 'SELECT b', '{}')])];

  it("builds each episode from the agent's spent steps", () => {
    const eps = runEpisodes(runs, null);
    expect(eps.map((e) => [e.task_id, e.steps.map((s) => s.action.optimized_query)])).toEqual([
      ['t1', ['SELECT a']],
      ['t2', ['SELECT b']],
    ]);
  });

  it("takes the last episode from the page when it is the same one, so a person's later steps are in it", () => {
    const page = { task_id: 't2', seed: 2, steps: [{}, {}] } as unknown as ReplayEpisode;
    expect(runEpisodes(runs, page).at(-1)).toBe(page);
    expect(runEpisodes(runs, { ...page, seed: 3 }).at(-1)?.steps).toHaveLength(1);
  });
});

describe('agentTrajectory', () => {
  it('writes one line per model call, skipped ones included, with the key blanked', () => {
    const text = agentTrajectory([run('t1', 1, [stepped(1, 'SELECT a', `my key is ${KEY}`), skipped(2)])], [KEY]);
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.step, l.error, l.completion[0].content])).toEqual([
      [1, null, 'my key is ***'],
      [2, 'UNREADABLE: no JSON object', 'I think…'],
    ]);
    expect(text).not.toContain(KEY);
  });
});
