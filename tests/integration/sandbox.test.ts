// Hostile SQL gets a clear error within its deadline; afterwards the data is unchanged and the next request works.
import { beforeAll, describe, expect, it } from 'vitest';
import { checksums } from '../../src/env/dataset.ts';
import { Environment } from '../../src/env/environment.ts';
import { DEFAULT_EXECUTOR, Executor, type Rig } from '../../src/env/executor.ts';
import { loadTasks } from '../../src/env/tasks.ts';
import { readTaskFiles } from '../../src/node/task-files.ts';
import { MAIN_CHECKSUMS_SEED_42, RUNAWAY_EXECUTOR, makeEnv, ok } from './fixtures.ts';

const TASK = 'task_1_basic_antipatterns';
/** honest requests: the long cancel, which only catches a hang */
let env: Environment;
/** hostile and runaway SQL: the same engine (same data, same connections) with the short cancel */
let guarded: Environment;
let engine: Rig['visible'];
let judged: Rig['judged'];
let judgedBefore: Record<string, string>;

beforeAll(async () => {
  env = await makeEnv();
  engine = (env as unknown as { engine: typeof engine }).engine;
  const rig = (env as unknown as { executor: { rig: Rig } }).executor.rig;
  judged = rig.judged;
  judgedBefore = checksums(judged);
  guarded = new Environment(
    engine,
    new Executor(rig, { ...DEFAULT_EXECUTOR, ...RUNAWAY_EXECUTOR }),
    loadTasks(readTaskFiles()),
    env.info(),
  );
});

/** [what, SQL, expected error code, part of the expected message] */
const HOSTILE: [string, string, string, RegExp][] = [
  ['DDL', 'DROP TABLE orders', 'SQL_REJECTED', /only a single SELECT query is allowed/],
  ['CREATE', 'CREATE TABLE x AS SELECT 1', 'SQL_REJECTED', /only a single SELECT/],
  ['DML insert', "INSERT INTO users VALUES (1, 'a', 'b', 'c', 'd', DATE '2020-01-01')", 'SQL_REJECTED', /only a single SELECT/],
  ['DML update', 'UPDATE orders SET total = 0', 'SQL_REJECTED', /only a single SELECT/],
  ['DML delete', 'DELETE FROM events', 'SQL_REJECTED', /only a single SELECT/],
  ['two statements', 'SELECT 1; DROP TABLE orders', 'SQL_REJECTED', /only a single SELECT/],
  ['statement after a comment', 'SELECT 1 -- x\n; DELETE FROM orders', 'SQL_REJECTED', /only a single SELECT/],
  ['parenthesis injection', 'SELECT 1) AS q, (SELECT 2', 'SQL_REJECTED', /not one complete statement/],
  ['comment injection', 'SELECT 1 /* ', 'SQL_ERROR', /unterminated/],
  ['SET', "SET memory_limit = '20GB'", 'SQL_REJECTED', /only a single SELECT/],
  ['PRAGMA', 'PRAGMA database_list', 'SQL_REJECTED', /only a single SELECT/],
  ['ATTACH', "ATTACH 'evil.db' AS evil", 'SQL_REJECTED', /only a single SELECT/],
  ['COPY', "COPY orders TO 'out.csv'", 'SQL_REJECTED', /only a single SELECT/],
  ['INSTALL', 'INSTALL httpfs', 'SQL_REJECTED', /only a single SELECT/],
  ['LOAD', 'LOAD json', 'SQL_REJECTED', /only a single SELECT/],
  ['file read', "SELECT * FROM read_csv('/etc/passwd')", 'SQL_ERROR', /disabled by configuration|Permission/],
  ['URL read', "SELECT * FROM 'https://example.com/data.parquet'", 'SQL_ERROR', /disabled|Permission|not found|does not exist|Catalog/],
  ['transaction control', 'COMMIT', 'SQL_REJECTED', /only a single SELECT/],
  ['empty text', '   ', 'SQL_REJECTED', /empty/],
  ['non-SQL text', 'please make my query faster', 'SQL_ERROR', /syntax error/],
  ['huge string', `SELECT '${'x'.repeat(50_000)}'`, 'SQL_REJECTED', /characters; the limit is/],
  ['deep expression', `SELECT ${'abs('.repeat(600)}1${')'.repeat(600)}`, 'SQL_REJECTED', /nests expressions deeper than 250 levels/],
  ['long operator chain', `SELECT ${Array(600).fill('1').join(' + ')}`, 'SQL_REJECTED', /nests expressions deeper/],
];

describe('hostile SQL', () => {
  it.each(HOSTILE)('%s gets a clear error', (_, sql, code, message) => {
    const t0 = performance.now();
    const r = ok(guarded.execute({ task_id: TASK, optimized_query: sql }));
    expect(r.optimized_error_code).toBe(code);
    expect(r.optimized_error).toMatch(message);
    expect(r.results_match).toBe(false);
    // The gate answers in milliseconds; this bound catches a gate that hangs (e.g. on a pathological parse).
    expect(performance.now() - t0).toBeLessThan(RUNAWAY_EXECUTOR.runDeadlineMs * 3);
  });

  it.each([
    ['runaway join', 'SELECT count(*) FROM events a, events b'],
    ['runaway recursive CTE', 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r'],
  ])('%s is cancelled at the run deadline', (_, sql) => {
    const r = ok(guarded.execute({ task_id: TASK, optimized_query: sql }));
    expect(r.optimized_error_code).toBe('TIMEOUT');
    expect(r.timed_out).toBe(true);
    expect(r.optimized_error).toMatch(/cancelled after \d+\.\d s/);
  });

  it('leaves the data unchanged and the next request working', () => {
    expect(checksums(engine, 'main')).toEqual(MAIN_CHECKSUMS_SEED_42);
    expect(checksums(judged)).toEqual(judgedBefore);
    const r = ok(
      env.execute({ task_id: TASK, optimized_query: 'SELECT * FROM orders WHERE customer_id = 5000 AND year(created_at) = 2024' }),
    );
    expect(r.results_match).toBe(true);
    expect(r.holdout_match).toBeNull(); // execute judges on the visible data only
  });

  it('rejects malformed requests with the bad field named', () => {
    ok(env.reset({ task_id: TASK }));
    const cases: [unknown, RegExp][] = [
      [null, /action must be an object/],
      [{ optimized_query: 5 }, /optimized_query must be a string/],
      [{ optimized_query: 'SELECT 1', suggestions: 'x' }, /suggestions must be a list/],
      [
        { optimized_query: 'SELECT 1', suggestions: [{ issue_type: 'x', severity: 'urgent' }] },
        /suggestions\[0\]\.severity must be one of/,
      ],
      [{ optimized_query: 'SELECT 1', suggestions: [{ issue_type: 'x', line: -2 }] }, /suggestions\[0\]\.line/],
      [{ optimized_query: 'SELECT 1', approved: 'yes' }, /approved must be true or false/],
    ];
    for (const [a, msg] of cases) {
      const r = env.step(a as never);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_ACTION');
        expect(r.error.message).toMatch(msg);
      }
    }
    expect(ok(env.state()).step_count).toBe(0); // a malformed action spends no step
    const bad = env.reset({ task_id: 'nope' });
    expect(bad.ok === false && bad.error.code).toBe('UNKNOWN_TASK');
  });
});
