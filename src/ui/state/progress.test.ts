// The progress record's pure logic: what an episode's end records, mastery, the suggested path, and the export file.
import { describe, expect, test } from 'vitest';
import type { LeaderboardRow, StepResult, TaskSummary } from '../../env/types.ts';
import {
  addFinished,
  byDifficulty,
  finishedFromStep,
  makeExport,
  mastery,
  parseExport,
  parseProgress,
  PROGRESS_KEY,
  suggestedPath,
  type Finished,
} from './progress.ts';

const task = (id: string, difficulty: string): TaskSummary => ({
  id,
  name: `Name of ${id}`,
  difficulty,
  max_steps: 3,
  description: '',
  goal: '',
});
const row = (task_id: string, best_score: number, attempts = 1): LeaderboardRow => ({ task_id, best_score, attempts }) as LeaderboardRow;
const fin = (task_id: string, solved: boolean, types: string[], score = solved ? 0.97 : 0.4): Finished => ({
  key: `${task_id}|${types.join()}|${solved}`,
  task_id,
  score,
  solved,
  types,
  at: '2026-01-01T00:00:00.000Z',
});

/** The parts of a StepResult the record reads. */
function step(done: boolean, best: number, canonical: string[]): StepResult {
  return {
    done,
    observation: { task_id: 't1' },
    info: {
      step: 2,
      best_score: best,
      ground_truth: done ? canonical.map((c, i) => ({ type: `${c}_alias`, canonical: c, line: i + 1 })) : undefined,
    },
  } as unknown as StepResult;
}

describe('an episode end', () => {
  test('is recorded only when the episode is over, with the distinct revealed canonical types', () => {
    expect(finishedFromStep(step(false, 0.5, []), 7, 'now')).toBeNull();
    const f = finishedFromStep(step(true, 0.96, ['select_star', 'non_sargable_predicate', 'select_star']), 7, 'now')!;
    expect(f).toMatchObject({ task_id: 't1', score: 0.96, solved: true, types: ['select_star', 'non_sargable_predicate'] });
    expect(finishedFromStep(step(true, 0.94, ['select_star']), 7, 'now')!.solved).toBe(false);
  });

  test('seen twice counts once', () => {
    const f = finishedFromStep(step(true, 0.96, ['select_star']), 7, 'now')!;
    expect(addFinished(addFinished([], f), { ...f, at: 'later' })).toHaveLength(1);
  });
});

test('mastery is solved over seen per revealed type, most seen first', () => {
  const m = mastery([fin('a', true, ['x', 'y']), fin('b', false, ['y']), fin('c', true, ['y'])]);
  expect(m).toEqual([
    { type: 'y', seen: 3, solved: 2 },
    { type: 'x', seen: 1, solved: 1 },
  ]);
  expect(mastery([])).toEqual([]);
});

test('the path goes easy to expert, keeps the library order within a difficulty, and marks the first unsolved as next', () => {
  const tasks = [
    task('h', 'hard'),
    task('e1', 'easy'),
    task('x', 'expert'),
    task('m', 'medium'),
    task('e2', 'easy'),
    task('mh', 'medium-hard'),
  ];
  const path = suggestedPath(tasks, [row('e1', 0.99), row('m', 0.3), row('h', 0.2, 0)], [fin('e2', false, [], 0.5)]);
  expect(path.map((p) => p.task.id)).toEqual(['e1', 'e2', 'm', 'mh', 'h', 'x']);
  expect(path.map((p) => p.best)).toEqual([0.99, 0.5, 0.3, null, null, null]);
  expect(path.map((p) => p.solved)).toEqual([true, false, false, false, false, false]);
  expect(path.filter((p) => p.next).map((p) => p.task.id)).toEqual(['e2']);
  expect(byDifficulty(path).map(([d, ps]) => [d, ps.map((p) => p.task.id)])).toEqual([
    ['easy', ['e1', 'e2']],
    ['medium', ['m']],
    ['medium-hard', ['mh']],
    ['hard', ['h']],
    ['expert', ['x']],
  ]);
  // A solve known only from an imported record counts too.
  expect(suggestedPath(tasks, [], [fin('e1', true, []), fin('e2', true, [])]).find((p) => p.next)?.task.id).toBe('m');
});

test('an unreadable stored record is no progress, and broken entries are dropped', () => {
  expect(parseProgress(null)).toEqual([]);
  expect(parseProgress('{oops')).toEqual([]);
  expect(parseProgress(JSON.stringify([fin('a', true, ['x']), { task_id: 3 }]))).toEqual([fin('a', true, ['x'])]);
});

describe('the export file', () => {
  const record = JSON.stringify([fin('a', true, ['x'])]);
  const stored: [string, string][] = [
    [PROGRESS_KEY, record],
    ['sql-optim-env:draft:t1', '{"sql":"SELECT 1"}'],
    ['another-app', 'secret'],
  ];

  test('holds only the page keys, and reads back to the same entries', () => {
    const file = makeExport(stored, 'now');
    expect(Object.keys(file.entries).sort()).toEqual(['sql-optim-env:draft:t1', PROGRESS_KEY]);
    expect(parseExport(JSON.stringify(file))).toEqual({ ok: true, entries: file.entries });
  });

  test.each([
    ['not JSON', '{', /not valid JSON/],
    ['another file', JSON.stringify({ hello: 1 }), /not a progress export/],
    ['a future format', JSON.stringify({ ...makeExport(stored, 'now'), format: 2 }), /format 2/],
    ['no entries', JSON.stringify({ app: 'sql-optim-env', format: 1 }), /no entries/],
    ['a foreign key', JSON.stringify({ app: 'sql-optim-env', format: 1, entries: { other: 'x' } }), /not the page's: other/],
    ['a value not text', JSON.stringify({ app: 'sql-optim-env', format: 1, entries: { 'sql-optim-env:a': 3 } }), /not text/],
    ['a damaged record', JSON.stringify({ app: 'sql-optim-env', format: 1, entries: { [PROGRESS_KEY]: '[{"x":1}]' } }), /cannot be read/],
  ])('refuses %s with a clear error', (_, text, message) => {
    const r = parseExport(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});
