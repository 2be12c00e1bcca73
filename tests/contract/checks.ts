// The contract every transport keeps, in the style of Gymnasium's env checker: small check functions whose failures
// state the actual value, asserting whole answers and whole messages. Each transport registers the same list
// (contract.test.ts for Node, tests/e2e/contract.test.ts for window.sqlOptimEnv in Chromium).
import assert from 'node:assert/strict';
import { ERROR_CODES, type ErrorCode } from '../../src/env/errors.ts';
import { NO_CREDIBLE_STEP } from '../../src/env/leaderboard.ts';
import { EXPOSED_OPS, OPS, OP_NAMES, type ExposedOp, type OpRequest, isOp, unknownOp } from '../../src/env/ops.ts';
import { GOAL } from '../../src/env/goal.ts';
import { HINT_COST } from '../../src/env/reward-config.ts';
import { PRACTICE_FEEDBACK } from '../../src/env/grader.ts';
import type {
  EnvState,
  ExecutionResult,
  HintResult,
  LeaderboardRow,
  Observation,
  Response,
  Solution,
  StepResult,
  TaskSummary,
} from '../../src/env/types.ts';
import { instantiate, loadTasks } from '../../src/env/tasks.ts';
import { readTaskFiles } from '../../src/node/task-files.ts';
import { WHY_NULL } from '../../src/env/verdict.ts';
import { nullsWithoutReason } from './null-figures.ts';

/** One way to reach the environment: in process, the supervised worker, `serve --stdio`, `window.sqlOptimEnv`. */
export interface Transport {
  name: string;
  /** answers only the exposed ops (stdio, window); internal ones are the supervisor's */
  public: boolean;
  /** shows the reference and the ground truth when an episode ends (the page, for people); training transports do not */
  reveals: boolean;
  /** one call; the argument as the API method takes it, encoded by the transport in its own wire format */
  call(op: string, arg?: unknown): Promise<Response<unknown>>;
  /** the op names offered as methods (window.sqlOptimEnv), or null where a request names its op */
  methods(): Promise<string[] | null>;
  close(): Promise<void>;
}

const T1 = 'task_1_basic_antipatterns';
/** The task whose solution checkEveryOpAnswers shows: its later episodes are practice, so it is never T1. */
const T_SHOWN = 'task_18_largest_orders';
/** A task no check reveals: its episodes stay paid. */
const T_UNSEEN = 'task_2_correlated_subqueries';
const T1_STEPS = 3;
/** Refused by the sandbox before any timing: a cheap action whose step still counts. */
const REJECTED = {
  optimized_query: 'SELECT 1; DROP TABLE orders',
  suggestions: [],
  summary: '',
  estimated_improvement: '',
  approved: false,
};

/** A valid argument for every exposed op: a new op without one here is a compile error, so no op goes unchecked. */
const VALID: { [K in ExposedOp]: OpRequest<K> | undefined } = {
  tasks: undefined,
  reset: { task_id: T1 },
  step: REJECTED,
  state: undefined,
  grade: REJECTED,
  execute: { task_id: T1, optimized_query: REJECTED.optimized_query },
  // The smallest size keeps the check fast; another column list still compares (and does not match).
  scale: { task_id: T1, optimized_query: 'SELECT 1 AS one', scales: [0.01] },
  leaderboard: undefined,
  verify: { task_id: T1 },
  sample: { table: 'products', n: 3 },
  schema: undefined,
  hint: {},
  solution: {},
};

/** Calls `op` and checks the answer's shape: an ok result fits the op's result schema, and each of its null figures has
 *  its reason beside it (design §5); an error is `{code, message}` with a documented code and a message that starts with it. */
export async function answer(t: Transport, op: string, arg?: unknown): Promise<Response<unknown>> {
  const r = await t.call(op, arg);
  if (r.ok) {
    assert.ok(isOp(op), `${t.name}: ${op} is no op, yet it answered ok`);
    const parsed = OPS[op].result.safeParse(r.result);
    assert.ok(parsed.success, `${t.name}: ${op} answered a result that does not fit its schema: ${parsed.error?.message}`);
    assert.deepEqual(Object.keys(r).sort(), ['ok', 'result'], `${t.name}: ${op} answered extra fields`);
    assert.deepEqual(nullsWithoutReason(OPS[op].result, r.result), [], `${t.name}: ${op} answered a null figure without its reason`);
  } else {
    assert.deepEqual(Object.keys(r.error).sort(), ['code', 'message'], `${t.name}: ${op}'s error is not {code, message}`);
    assert.ok(Object.hasOwn(ERROR_CODES, r.error.code), `${t.name}: ${op} answered an undocumented code ${r.error.code}`);
    assert.ok(
      r.error.message.startsWith(`${r.error.code}: `),
      `${t.name}: ${op}'s message does not start with its code: ${r.error.message}`,
    );
  }
  return r;
}

async function ok<T>(t: Transport, op: string, arg?: unknown): Promise<T> {
  const r = await answer(t, op, arg);
  assert.ok(r.ok, `${t.name}: ${op}(${JSON.stringify(arg)}) failed: ${r.ok ? '' : r.error.message}`);
  return r.result as T;
}

async function refused(t: Transport, op: string, arg: unknown, code: ErrorCode, message: string): Promise<void> {
  const r = await answer(t, op, arg);
  assert.deepEqual(r, { ok: false, error: { code, message: `${code}: ${message}` } }, `${t.name}: ${op}(${JSON.stringify(arg)})`);
}

/** The ending flags agree: done is terminated || truncated, and an episode never ends both ways. */
function checkEnding(where: string, e: { done: boolean; terminated: boolean; truncated: boolean }): void {
  assert.equal(e.done, e.terminated || e.truncated, `${where}: done=${e.done} but terminated=${e.terminated}, truncated=${e.truncated}`);
  assert.ok(!(e.terminated && e.truncated), `${where}: both terminated and truncated`);
}

/** A fresh environment has no episode, and step, grade, hint or solution before reset says so. */
export async function checkResetNeeded(t: Transport): Promise<void> {
  const s = await ok<EnvState>(t, 'state');
  assert.deepEqual(
    [s.task_id, s.step_count, s.episode_done, s.terminated, s.truncated, s.history],
    [null, 0, false, false, false, []],
    `${t.name}: fresh state`,
  );
  const why = 'no episode yet: call reset({"task_id": …}) before step() or grade()';
  await refused(t, 'step', REJECTED, 'RESET_NEEDED', why);
  await refused(t, 'grade', REJECTED, 'RESET_NEEDED', why);
  for (const op of ['hint', 'solution'])
    await refused(t, op, {}, 'RESET_NEEDED', `no episode yet: call reset({"task_id": …}) before ${op}()`);
}

/** The transport offers exactly the registry's exposed ops (public) or all of them, and refuses any other name. */
export async function checkOpSet(t: Transport): Promise<void> {
  const methods = await t.methods();
  if (methods) {
    assert.deepEqual(methods.sort(), [...EXPOSED_OPS, 'ready'].sort(), `${t.name}: methods`);
    return;
  }
  await refused(t, 'nope', undefined, 'INVALID_REQUEST', unknownOp('nope', t.public ? EXPOSED_OPS : OP_NAMES));
  if (t.public) await refused(t, 'restore', { version: 1 }, 'INVALID_REQUEST', unknownOp('restore', EXPOSED_OPS));
}

/** Every exposed op answers a valid request with a result of its declared shape. */
export async function checkEveryOpAnswers(t: Transport): Promise<void> {
  await ok(t, 'reset', VALID.reset);
  for (const op of EXPOSED_OPS) {
    // Showing a solution makes its task's later episodes practice (unpaid, off the leaderboard): shown on a task of
    // its own, so the checks after this one find T1's steps paid and counted.
    if (op === 'solution') await ok(t, 'reset', { task_id: T_SHOWN });
    await ok(t, op, VALID[op]);
  }
}

/** Each kind of bad request gets its code and a message naming the field and the value received; none changes the episode. */
export async function checkBadRequests(t: Transport): Promise<void> {
  const ids = (await ok<TaskSummary[]>(t, 'tasks')).map((x) => x.id);
  await ok(t, 'reset', { task_id: T1 });
  const cases: [string, unknown, ErrorCode, string][] = [
    ['reset', { task_id: 42 }, 'INVALID_REQUEST', 'task_id must be a string (got 42)'],
    ['reset', { task_id: T1, seed: -1 }, 'INVALID_REQUEST', 'seed must be at least 0 (got -1)'],
    ['reset', { task_id: 'nope' }, 'UNKNOWN_TASK', `no task "nope"; known tasks: ${ids.join(', ')}`],
    [
      'reset',
      { task_id: T1, deadlines: { run_ms: 3_600_000 } },
      'INVALID_REQUEST',
      'deadlines.run_ms must be at most 120000 (got 3600000)',
    ],
    ['reset', { task_id: T1, deadlines: { run_ms: 50 } }, 'INVALID_REQUEST', 'deadlines.run_ms must be at least 100 (got 50)'],
    ['reset', { task_id: T1, deadlines: { factor: 0.5 } }, 'INVALID_REQUEST', 'deadlines.factor must be at least 1 (got 0.5)'],
    ['reset', { task_id: T1, deadlines: { factor: 1000 } }, 'INVALID_REQUEST', 'deadlines.factor must be at most 100 (got 1000)'],
    ['reset', { task_id: T1, deadlines: { run_ms: '20s' } }, 'INVALID_REQUEST', 'deadlines.run_ms must be a number (got "20s")'],
    ['reset', { task_id: T1, deadlines: { run: 20_000 } }, 'INVALID_REQUEST', 'deadlines has no field "run"'],
    ['reset', { task_id: T1, deadlines: 20 }, 'INVALID_REQUEST', 'deadlines must be an object (got 20)'],
    ['step', undefined, 'INVALID_ACTION', 'action must be an object (got nothing)'],
    ['step', { optimized_query: 5 }, 'INVALID_ACTION', 'action.optimized_query must be a string (got 5)'],
    [
      'step',
      { optimized_query: 'SELECT 1', suggestions: [{ issue_type: 'select_star', line: '4' }] },
      'INVALID_ACTION',
      'action.suggestions[0].line must be a number (got "4")',
    ],
    ['grade', { optimized_query: 'SELECT 1', approved: 'yes' }, 'INVALID_ACTION', 'action.approved must be true or false (got "yes")'],
    ['execute', { task_id: T1 }, 'INVALID_REQUEST', 'optimized_query must be a string (got nothing)'],
    ['execute', { task_id: 'nope', optimized_query: 'SELECT 1' }, 'UNKNOWN_TASK', `no task "nope"; known tasks: ${ids.join(', ')}`],
    ['sample', { table: 'secrets' }, 'INVALID_REQUEST', 'unknown table "secrets"; tables are users, products, orders, events'],
    ['sample', { table: 'orders', n: 500 }, 'INVALID_REQUEST', 'n must be at most 50 (got 500)'],
  ];
  for (const [op, arg, code, message] of cases) await refused(t, op, arg, code, message);
  const s = await ok<EnvState>(t, 'state');
  assert.deepEqual([s.task_id, s.step_count, s.history.length], [T1, 0, 0], `${t.name}: bad requests changed the episode`);
}

/** Steps count up to max_steps and truncate; done = terminated || truncated in step, grade and state; the reference
 *  is revealed only with the last step, and only where the transport reveals; a step after the end is refused. */
export async function checkEpisodeRules(t: Transport): Promise<void> {
  const before = (await ok<LeaderboardRow[]>(t, 'leaderboard')).find((r) => r.task_id === T1)?.attempts ?? 0;
  const obs = await ok<{ step_count: number; max_steps: number }>(t, 'reset', { task_id: T1, seed: null });
  assert.deepEqual([obs.step_count, obs.max_steps], [0, T1_STEPS], `${t.name}: reset observation`);
  for (let i = 1; i <= T1_STEPS; i++) {
    const r = await ok<StepResult>(t, 'step', REJECTED);
    checkEnding(`${t.name}: step ${i}`, r);
    const last = i === T1_STEPS;
    assert.deepEqual(
      [r.info.step, r.observation.step_count, r.terminated, r.truncated, r.info.reference_query !== undefined],
      [i, i, false, last, last && t.reveals],
      `${t.name}: step ${i} of ${T1_STEPS} (a rejected rewrite cannot solve the task)`,
    );
  }
  await refused(t, 'step', REJECTED, 'EPISODE_DONE', `the episode on ${T1} is over after ${T1_STEPS} steps; call reset() to start another`);
  const graded = await ok<StepResult>(t, 'grade', REJECTED);
  checkEnding(`${t.name}: grade after the end`, graded);
  assert.deepEqual(
    [graded.done, graded.terminated, graded.truncated],
    [true, false, true],
    `${t.name}: grade reports the episode's ending`,
  );
  const s = await ok<EnvState>(t, 'state');
  checkEnding(`${t.name}: state`, { done: s.episode_done, terminated: s.terminated, truncated: s.truncated });
  s.history.forEach((h, i) => checkEnding(`${t.name}: history[${i}]`, h));
  assert.deepEqual(
    [s.step_count, s.episode_done, s.truncated, s.history.map((h) => h.step)],
    [T1_STEPS, true, true, [1, 2, 3]],
    `${t.name}: state after the end`,
  );
  const row = (await ok<LeaderboardRow[]>(t, 'leaderboard')).find((r) => r.task_id === T1);
  assert.equal(row?.attempts, before + T1_STEPS, `${t.name}: leaderboard attempts count steps, not grades or refusals`);
}

/** State reports the deadlines in force: the session's, an episode's choices over them until the next reset, then the
 *  session's again. (That they bind every run is the integration tests' part: it needs a query that never ends.) */
export async function checkDeadlines(t: Transport): Promise<void> {
  await ok(t, 'reset', { task_id: T1 });
  const session = (await ok<EnvState>(t, 'state')).deadlines;
  const chosen = { run_ms: 20_000, factor: 20 };
  await ok(t, 'reset', { task_id: T1, deadlines: chosen });
  assert.deepEqual((await ok<EnvState>(t, 'state')).deadlines, { ...session, ...chosen }, `${t.name}: the episode's deadlines`);
  await ok(t, 'step', REJECTED);
  assert.deepEqual((await ok<EnvState>(t, 'state')).deadlines, { ...session, ...chosen }, `${t.name}: the deadlines after a step`);
  await ok(t, 'reset', { task_id: T1, deadlines: null });
  assert.deepEqual((await ok<EnvState>(t, 'state')).deadlines, session, `${t.name}: a new episode has the session's deadlines`);
}

const each = (keys: readonly string[], reason: string) => Object.fromEntries(keys.map((k) => [k, reason]));

/** Each path that leaves a figure null states why beside it: a rewrite that failed, execute (the hidden data is not
 *  judged), columns that differ, grade (no reference), a task with no credible step. answer() checks every answer the
 *  same way; this check makes sure those answers really carried nulls. */
export async function checkNullFiguresExplained(t: Transport): Promise<void> {
  await ok(t, 'reset', { task_id: T1 });
  const failedEx = (await ok<StepResult>(t, 'step', REJECTED)).observation.last_execution!;
  const notRun = ['original_ms', 'optimized_ms', 'speedup', 'speedup_ci', 'original_rows', 'optimized_rows'] as const;
  assert.deepEqual(
    notRun.map((k) => failedEx[k]),
    notRun.map(() => null),
    `${t.name}: a rejected rewrite is not measured`,
  );
  assert.deepEqual(failedEx.why_null, each(notRun, WHY_NULL.rewriteFailed), `${t.name}: a rejected rewrite's reasons`);

  const x = await ok<ExecutionResult>(t, 'execute', { task_id: T1, optimized_query: 'SELECT 1 AS x' });
  const expected = { holdout_match: WHY_NULL.notJudged, ...each(['original_rows', 'optimized_rows'], WHY_NULL.columnsDiffer) };
  assert.deepEqual(x.why_null, expected, `${t.name}: execute of a rewrite whose columns differ`);
  assert.ok(typeof x.speedup === 'number' && typeof x.original_ms === 'number', `${t.name}: such a rewrite is still timed`);

  const graded = await ok<StepResult>(t, 'grade', REJECTED);
  assert.equal(graded.reward.reference_speedup, null, `${t.name}: grade measures no reference`);
  assert.deepEqual(Object.keys(graded.reward.why_null), ['reference_speedup', 'practice_score'], `${t.name}: grade says why`);

  const row = (await ok<LeaderboardRow[]>(t, 'leaderboard')).find((r) => r.task_id === T1);
  assert.deepEqual(
    [row?.best_correct_speedup, row?.why_null],
    [null, { best_correct_speedup: NO_CREDIBLE_STEP }],
    `${t.name}: a task without a credible step`,
  );
}

/** The schema op publishes a JSON Schema for every named shape and every exposed op. */
export async function checkSchemaOp(t: Transport): Promise<void> {
  const doc = await ok<{ shapes: Record<string, { type?: string }>; ops: Record<string, { request: object; result: object }> }>(
    t,
    'schema',
  );
  assert.deepEqual(Object.keys(doc.ops), [...EXPOSED_OPS], `${t.name}: schema ops`);
  for (const name of ['action', 'observation', 'state', 'step_result', 'execution_result', 'reward', 'task_summary', 'replay'])
    assert.equal(doc.shapes[name]?.type, 'object', `${t.name}: schema shape ${name}`);
}

/** The checks in the order they run on one fresh transport. */
// Ground truth by any name: a field carrying one of these, before the episode ends, is a free oracle.
const ORACLE_KEYS = [
  'tags',
  'decoy',
  'approved_expected',
  'ground_truth',
  'reference_query',
  'reference',
  'issues',
  'expected_issues',
  'explanation',
];

/** Every key and string value in an answer, however deep. */
function walk(v: unknown, keys: string[] = [], texts: string[] = []): { keys: string[]; texts: string[] } {
  if (typeof v === 'string') texts.push(v.replace(/\s+/g, ' ').trim());
  else if (Array.isArray(v)) v.forEach((x) => walk(x, keys, texts));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      keys.push(k);
      walk(x, keys, texts);
    }
  return { keys, texts };
}

/** Before an episode ends, nothing an agent can call returns the ground truth, the decoy flag, the reference, the
 *  explanation or the hidden verdict: tasks, reset, state, grade (which pays nothing), execute (visible data only) and
 *  hint, on a decoy and not; only the solution op (which ends the episode) shows them. */
export async function checkNoOracle(t: Transport): Promise<void> {
  const defs = loadTasks(readTaskFiles());
  const decoy = [...defs.values()].find((d) => d.decoy)!;
  for (const id of [T1, decoy.id]) {
    const inst = instantiate(defs.get(id)!, null);
    const reference = inst.reference.replace(/\s+/g, ' ').trim();
    const explanation = inst.explanation.replace(/\s+/g, ' ').trim();
    const obs = await ok<Observation>(t, 'reset', { task_id: id, seed: null });
    const action = { ...REJECTED, optimized_query: obs.sql_query };
    const graded = await ok<StepResult>(t, 'grade', action);
    const executed = await ok<ExecutionResult>(t, 'execute', { task_id: id, optimized_query: obs.sql_query });
    const hinted = await ok<HintResult>(t, 'hint');
    const answers = { tasks: await ok<TaskSummary[]>(t, 'tasks'), obs, graded, executed, hinted, state: await ok<EnvState>(t, 'state') };
    for (const [name, a] of Object.entries(answers)) {
      const { keys, texts } = walk(a);
      assert.deepEqual(
        keys.filter((k) => ORACLE_KEYS.includes(k)),
        [],
        `${t.name}: ${name} on ${id} carries ground truth before the end`,
      );
      if (id !== decoy.id) assert.ok(!texts.includes(reference), `${t.name}: ${name} on ${id} carries the reference`);
      assert.ok(!texts.includes(explanation), `${t.name}: ${name} on ${id} carries the explanation`);
    }
    assert.deepEqual(
      [graded.reward.score, graded.observation.last_execution?.holdout_match, executed.holdout_match],
      [0, null, null],
      `${t.name}: grade and execute on ${id} pay nothing and leave the hidden verdict undecided`,
    );
  }
}

/** Hints open in order on demand and cost the next step; the solution ends the episode, refuses later steps, shows
 *  the same answer again, and records nothing on the leaderboard; hint and solution need an episode, and no hint opens
 *  after the end. The goal is one text, the same in tasks and the observation. */
export async function checkHintsAndSolution(t: Transport): Promise<void> {
  const inst = instantiate(loadTasks(readTaskFiles()).get(T1)!, null);
  const T1_HINTS = inst.hints;
  const tasks = await ok<TaskSummary[]>(t, 'tasks');
  assert.deepEqual([...new Set(tasks.map((x) => x.goal))], [GOAL], `${t.name}: every task shows the one goal`);
  const before = (await ok<LeaderboardRow[]>(t, 'leaderboard')).find((r) => r.task_id === T1)?.attempts ?? 0;

  const obs = await ok<Observation>(t, 'reset', { task_id: T1 });
  // Where episodes end with the reference shown (the page), checkEpisodeRules' last step showed T1's: this is practice.
  assert.equal(obs.reference_seen, t.reveals, `${t.name}: T1 is practice exactly where its end was revealed before`);
  const paidSteps = obs.reference_seen ? 0 : 2;
  assert.deepEqual(
    [obs.hints, obs.hints_used, obs.hints_total, obs.hint_cost, obs.goal],
    [[], 0, T1_HINTS.length, HINT_COST, GOAL],
    `${t.name}: a fresh episode has no hint open`,
  );
  const first = await ok<StepResult>(t, 'step', REJECTED);
  assert.deepEqual([first.observation.hints, first.reward.hint_penalty], [[], 0], `${t.name}: a step opens no hint and pays none`);
  for (let i = 1; i <= 2; i++)
    assert.deepEqual(
      await ok<HintResult>(t, 'hint', {}),
      { hints: T1_HINTS.slice(0, i), hints_used: i, hints_total: T1_HINTS.length, hint_cost: HINT_COST },
      `${t.name}: hint ${i} opens in order`,
    );
  const second = await ok<StepResult>(t, 'step', REJECTED);
  assert.deepEqual(
    [second.reward.hint_penalty, second.observation.hints, second.observation.hints_used],
    [2 * HINT_COST, T1_HINTS.slice(0, 2), 2],
    `${t.name}: the next step pays for the open hints`,
  );
  assert.ok(
    second.reward.feedback.some((f) => f.startsWith('Hints: 2 open')),
    `${t.name}: the step's feedback says what hints cost`,
  );
  const mid = await ok<EnvState>(t, 'state');
  assert.deepEqual(
    [mid.hints_used, mid.gave_up, mid.episode_done, mid.history.map((h) => h.hints_used)],
    [2, false, false, [0, 2]],
    `${t.name}: state records the hints and each step's`,
  );

  const solution = await ok<Solution>(t, 'solution', {});
  assert.deepEqual(
    [solution.reference_query, solution.ground_truth, solution.explanation],
    [inst.reference, inst.issues, inst.explanation],
    `${t.name}: the solution reveals the reference, the issues and the explanation`,
  );
  assert.ok(solution.plans.original?.tree && solution.plans.reference?.tree, `${t.name}: the solution has both plans`);
  const end = await ok<EnvState>(t, 'state');
  assert.deepEqual(
    [end.gave_up, end.episode_done, end.terminated, end.truncated, end.step_count],
    [true, true, false, true, 2],
    `${t.name}: the solution ends the episode, given up`,
  );
  const over = `the episode on ${T1} is over after 2 steps (the solution was shown); call reset() to start another`;
  await refused(t, 'step', REJECTED, 'EPISODE_DONE', over);
  await refused(t, 'hint', {}, 'EPISODE_DONE', over);
  assert.deepEqual(await ok<Solution>(t, 'solution', {}), solution, `${t.name}: the solution shown again is the same`);
  const row = (await ok<LeaderboardRow[]>(t, 'leaderboard')).find((r) => r.task_id === T1);
  assert.equal(row?.attempts, before + paidSteps, `${t.name}: the solution records nothing on the leaderboard`);

  // Every hint opens, and no more: the ladder's end is an error, as is a hint after an episode that ran out of steps.
  await ok(t, 'reset', { task_id: T1 });
  for (let i = 0; i < T1_HINTS.length; i++) await ok(t, 'hint', {});
  const n = T1_HINTS.length;
  await refused(t, 'hint', {}, 'INVALID_REQUEST', `every hint of ${T1} is already open (${n} of ${n})`);
  for (let i = 0; i < T1_STEPS; i++) await ok(t, 'step', REJECTED);
  const ran = `the episode on ${T1} is over after ${T1_STEPS} steps; call reset() to start another`;
  await refused(t, 'hint', {}, 'EPISODE_DONE', ran);
  const late = await ok<Solution>(t, 'solution', {});
  assert.equal(late.reference_query, inst.reference, `${t.name}: the solution after an ended episode`);
  assert.equal((await ok<EnvState>(t, 'state')).gave_up, false, `${t.name}: an episode that had ended was not given up`);
}

/** Weights that leave out the timing-dependent components, so the reference with the ground truth scores exactly 1
 *  on any machine, however busy: what the step would have paid is then a fact, not a measurement. */
const UNTIMED_REWARD = 'execution_speedup=0,summary_quality=0';

/** After its solution is shown, a task's later episodes (any seed) are practice: a step with the reference and the
 *  ground truth pays 0, says why, keeps what it would have paid, still ends the episode, and leaves the leaderboard
 *  as it was. Another task is unaffected. */
export async function checkPractice(t: Transport): Promise<void> {
  const defs = loadTasks(readTaskFiles());
  await ok(t, 'reset', { task_id: T1, seed: null });
  await ok<Solution>(t, 'solution', {});
  const board = await ok<LeaderboardRow[]>(t, 'leaderboard');
  for (const seed of [null, 3]) {
    const inst = instantiate(defs.get(T1)!, seed);
    const obs = await ok<Observation>(t, 'reset', { task_id: T1, seed, reward: UNTIMED_REWARD });
    assert.equal(obs.reference_seen, true, `${t.name}: T1 (seed ${seed}) is practice after its solution was shown`);
    assert.equal((await ok<EnvState>(t, 'state')).reference_seen, true, `${t.name}: state says the episode is practice`);
    if (seed !== null) continue; // the variant only changes parameter values: one judged step shows the rule
    const suggestions = inst.issues.map((g) => ({ issue_type: g.type, line: g.line, severity: g.severity, description: '', fix: '' }));
    const r = await ok<StepResult>(t, 'step', { ...REJECTED, optimized_query: inst.reference, suggestions });
    assert.deepEqual(
      [
        r.reward.score,
        r.reward.practice_score,
        r.reward.breakdown.result_correctness,
        r.reward.feedback[0],
        'practice_score' in r.reward.why_null,
      ],
      [0, 1, 1, PRACTICE_FEEDBACK, false],
      `${t.name}: the shown reference pays 0 in practice, and says what it would have paid`,
    );
    assert.deepEqual(
      [r.done, r.terminated, r.truncated, r.info.best_score, r.info.cumulative_reward, r.observation.reference_seen],
      [true, true, false, 0, 0, true],
      `${t.name}: a solved practice episode still ends`,
    );
  }
  assert.deepEqual(await ok<LeaderboardRow[]>(t, 'leaderboard'), board, `${t.name}: practice leaves the leaderboard as it was`);
  const other = await ok<Observation>(t, 'reset', { task_id: T_UNSEEN });
  assert.deepEqual(
    [other.reference_seen, (await ok<EnvState>(t, 'state')).reference_seen],
    [false, false],
    `${t.name}: a task whose solution was not shown is paid`,
  );
}

export const CONTRACT: [string, (t: Transport) => Promise<void>][] = [
  ['a fresh environment needs a reset', checkResetNeeded],
  ['offers exactly its ops', checkOpSet],
  ['every exposed op answers its declared shape', checkEveryOpAnswers],
  ['bad requests get their code and a whole message', checkBadRequests],
  ['episode order and ending rules', checkEpisodeRules],
  ['state reports the deadlines in force', checkDeadlines],
  ['every null figure has its reason beside it', checkNullFiguresExplained],
  ['schema publishes every shape and op', checkSchemaOp],
  ['no free oracle before the end', checkNoOracle],
  ['hints and the solution keep their contract', checkHintsAndSolution],
  ['a shown solution makes its task practice', checkPractice],
];
