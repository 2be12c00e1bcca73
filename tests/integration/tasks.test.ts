// The task library on the real engine: every task loads from disk, and for every value of every parameter its
// reference returns the original's rows on the visible data and on the hidden holdout. Speed is not asserted here
// (that is calibrate's job); correctness and the shape of the library are.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXECUTOR, Executor } from '../../src/env/executor.ts';
import { instantiate, loadTasks, parseTask, type TaskDef } from '../../src/env/tasks.ts';
import { CANONICAL_TYPES } from '../../src/env/taxonomy.ts';
import { readTaskFiles } from '../../src/node/task-files.ts';
import { HONEST_RUN_DEADLINE_MS, makeRig } from './fixtures.ts';

const files = readTaskFiles();
const tasks = [...loadTasks(files).values()];

// One timed pair is enough: this file checks equality, and every extra run of a slow original costs seconds. Every
// query here is honest (it finishes), so the cancel is the long one that only catches a hang: task 5's original takes
// seconds per run with both cores busy.
const CHECK_ONLY = { ...DEFAULT_EXECUTOR, minPairs: 1, maxPairs: 1, timingBudgetMs: 60_000, runDeadlineMs: HONEST_RUN_DEADLINE_MS };

/**
 * Parameter combinations in which every value of every parameter occurs at least once: combination i takes the
 * (i mod n)-th value of each parameter, so the longest list sets the count.
 */
function variants(task: TaskDef): Record<string, string | number>[] {
  const names = Object.keys(task.params);
  const count = Math.max(1, ...names.map((n) => task.params[n].length));
  return Array.from({ length: count }, (_, i) => Object.fromEntries(names.map((n) => [n, task.params[n][i % task.params[n].length]])));
}

/** The task with each parameter pinned to one value, instantiated through the real substitution code. */
function pinned(task: TaskDef, values: Record<string, string | number>) {
  const params = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, [v]]));
  return instantiate({ ...task, params }, null);
}

describe('task library shape', () => {
  it('has at least 25 tasks from easy to expert, with at least 3 decoys', () => {
    expect(tasks.length).toBeGreaterThanOrEqual(25);
    expect(new Set(tasks.map((t) => t.difficulty))).toEqual(new Set(['easy', 'medium', 'medium-hard', 'hard', 'expert']));
    const decoys = tasks.filter((t) => t.decoy);
    expect(decoys.length).toBeGreaterThanOrEqual(3);
    for (const d of decoys) {
      expect(d.approved_expected, d.id).toBe(true);
      expect(d.issues, d.id).toEqual([]);
    }
    for (const t of tasks.filter((t) => !t.decoy)) expect(t.approved_expected, t.id).toBe(false);
  });

  it.each(tasks.map((t) => [t.id, t] as const))('%s: issues name canonical types and real lines; three hints', (_id, task) => {
    const lines = task.original.split('\n');
    for (const issue of task.issues) {
      expect(CANONICAL_TYPES).toContain(issue.canonical);
      expect(issue.line, `${task.id} ${issue.type}`).toBeLessThanOrEqual(lines.length);
      expect(lines[issue.line - 1].trim(), `${task.id} ${issue.type} points at an empty line`).not.toBe('');
      expect(issue.keywords.length).toBeGreaterThan(0);
    }
    expect(task.hints).toHaveLength(3);
  });

  it('every seed instantiates every placeholder with one of the listed values', () => {
    for (const task of tasks) {
      for (let seed = 0; seed < 20; seed++) {
        const inst = instantiate(task, seed);
        for (const text of [inst.original, inst.reference, inst.description])
          expect(text, `${task.id} seed ${seed}`).not.toMatch(/\{\{\w+\}\}/);
        for (const [name, value] of Object.entries(inst.bindings)) expect(task.params[name]).toContain(value);
      }
    }
  });
});

describe('invalid task folders are rejected naming the file and the field', () => {
  const good = files['tasks/task_1_basic_antipatterns/task.json'];
  const sql = 'SELECT 1';
  const broken = (edit: (o: Record<string, unknown>) => void) => {
    const o = JSON.parse(good);
    o.id = 'task_broken';
    edit(o);
    return JSON.stringify(o);
  };

  it('a bad difficulty', () => {
    expect(() =>
      parseTask(
        'task_broken',
        broken((o) => (o.difficulty = 'trivial')),
        sql,
        sql,
      ),
    ).toThrow(/tasks\/task_broken\/task\.json: field "difficulty" must be one of easy, medium, medium-hard, hard, expert/);
  });

  it('an issue with a line number of 0, inside a folder loaded with the others', () => {
    const withBroken = {
      ...files,
      'tasks/task_broken/task.json': broken((o) => ((o.issues as { line: number }[])[1].line = 0)),
      'tasks/task_broken/original.sql': sql,
      'tasks/task_broken/reference.sql': sql,
    };
    expect(() => loadTasks(withBroken)).toThrow(
      /tasks\/task_broken\/task\.json: field "issues\[1\]\.line" must be a line number ≥ 1 \(got 0\)/,
    );
  });

  it('an issue type outside the taxonomy', () => {
    expect(() =>
      parseTask(
        'task_broken',
        broken(
          (o) =>
            ((o.issues as Record<string, unknown>[])[0] = {
              ...(o.issues as Record<string, unknown>[])[0],
              type: 'slow_query',
              canonical: undefined,
            }),
        ),
        sql,
        sql,
      ),
    ).toThrow(/tasks\/task_broken\/task\.json: field "issues\[0\]\.canonical" must name a type of the taxonomy/);
  });

  it('a missing reference.sql', () => {
    expect(() =>
      parseTask(
        'task_broken',
        broken(() => {}),
        sql,
        undefined,
      ),
    ).toThrow(/tasks\/task_broken\/reference\.sql: field "\(file\)" is missing or empty/);
  });

  it('a decoy that does not expect approval', () => {
    expect(() =>
      parseTask(
        'task_broken',
        broken((o) => (o.decoy = true)),
        sql,
        sql,
      ),
    ).toThrow(/tasks\/task_broken\/task\.json: field "decoy"/);
  });

  it('a missing explanation, or one outside 2 to 5 sentences', () => {
    expect(() =>
      parseTask(
        'task_broken',
        broken((o) => delete o.explanation),
        sql,
        sql,
      ),
    ).toThrow('tasks/task_broken/task.json: field "explanation" must be a non-empty string (got undefined)');
    expect(() =>
      parseTask(
        'task_broken',
        broken((o) => (o.explanation = 'Only one sentence, e.g. this.')),
        sql,
        sql,
      ),
    ).toThrow('tasks/task_broken/task.json: field "explanation" must be 2 to 5 sentences (got 1)');
    const six = 'One. Two. Three. Four. Five. Six.';
    expect(() =>
      parseTask(
        'task_broken',
        broken((o) => (o.explanation = six)),
        sql,
        sql,
      ),
    ).toThrow('tasks/task_broken/task.json: field "explanation" must be 2 to 5 sentences (got 6)');
  });

  it('text that is not JSON', () => {
    expect(() => parseTask('task_broken', '{ "id": ', sql, sql)).toThrow(/tasks\/task_broken\/task\.json: not valid JSON/);
  });
});

describe('every reference returns the original rows on the visible and the hidden data, for every parameter value', () => {
  let executor: Executor;

  beforeAll(async () => {
    executor = new Executor((await makeRig()).rig, CHECK_ONLY);
  });

  const cases = tasks.flatMap((task) => variants(task).map((values) => [task.id, JSON.stringify(values), task, values] as const));

  it.each(cases)('%s %s', (_id, _label, task, values) => {
    const inst = pinned(task, values);
    const r = executor.compare(inst.original, inst.reference, { orderSensitive: task.order_sensitive, judge: true, withPlans: false });
    expect(r.optimized_error, r.verdict).toBeNull();
    expect(r.original_rows, 'the original returns rows on the visible data').toBeGreaterThan(0);
    expect({ main: r.results_match, holdout: r.holdout_match }, r.verdict).toEqual({ main: true, holdout: true });
  });
});
