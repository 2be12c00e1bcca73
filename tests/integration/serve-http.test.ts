// Conformance of `serve --http` (a child process on port 0, the real engine): OpenEnv's endpoints and WebSocket
// messages by the rules of meta-pytorch/OpenEnv (src/openenv/core/env_server/types.py, http_server.py,
// serialization.py, cli/_validation.py), the original environment's REST endpoints and shapes
// (OfficialAbhinavSingh/SQL-Query-Optimization-Environment server/app.py, env.py, models.py), sessions, bad frames,
// an oversized message, a disconnect mid-step, and SIGTERM. Deadlines only catch hangs.
/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers of another protocol, asserted field by field */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type HttpChild, openSocket, request, startHttpChild } from '../contract/http-child.ts';

const T1 = 'task_1_basic_antipatterns';
/** Refused by the sandbox before any timing: a cheap action whose step still counts. */
const REJECTED = {
  suggestions: [],
  optimized_query: 'SELECT 1; DROP TABLE orders',
  summary: '',
  estimated_improvement: '',
  approved: false,
};

let server: HttpChild;
beforeAll(async () => void (server = await startHttpChild()));
afterAll(async () => {
  if (server.child.exitCode === null) await server.stop();
});

const http = (method: string, path: string, body?: unknown, session?: string) => request(server, method, path, body, session);
const socket = () => openSocket(server);

describe('OpenEnv HTTP endpoints (what openenv validate --url checks)', () => {
  it('GET /health answers healthy', async () =>
    assert.deepEqual(await http('GET', '/health'), { status: 200, json: { status: 'healthy' } }));
  it('GET /metadata answers a name and a description', async () => {
    const { status, json } = await http('GET', '/metadata');
    assert.equal(status, 200);
    assert.equal(json.name, 'sql-optim-env');
    assert.equal(typeof json.description, 'string');
  });
  it('GET /schema answers action, observation and state schemas', async () => {
    const { json } = await http('GET', '/schema');
    assert.deepEqual(Object.keys(json).sort(), ['action', 'observation', 'state']);
    assert.ok(json.action.properties.optimized_query && json.observation.properties.sql_query && json.state.properties.step_count);
  });
  it('GET /openapi.json declares a version and the simulation-mode paths', async () => {
    const { json } = await http('GET', '/openapi.json');
    assert.equal(typeof json.info.version, 'string');
    for (const p of ['/reset', '/step', '/state', '/health', '/metadata', '/schema', '/mcp']) assert.ok(json.paths[p], p);
  });
  it('POST /mcp answers JSON-RPC 2.0', async () => {
    const { status, json } = await http('POST', '/mcp', {});
    assert.deepEqual([status, json.jsonrpc], [200, '2.0']);
  });
  it("POST /reset, POST /step {action}, GET /state: OpenEnv's envelopes", async () => {
    const r = await http('POST', '/reset', { seed: null }, 'oe');
    assert.deepEqual([r.status, r.json.reward, r.json.done, r.json.observation.task_id], [200, null, false, T1]);
    const s = await http('POST', '/step', { action: REJECTED }, 'oe');
    assert.equal(s.status, 200);
    assert.deepEqual(Object.keys(s.json).sort(), ['done', 'observation', 'reward']);
    assert.deepEqual([typeof s.json.reward, s.json.done, s.json.observation.step_count], ['number', false, 1]);
    assert.equal(typeof s.json.observation.metadata.info.queue_ms, 'number');
    const bad = await http('POST', '/step', { action: { optimized_query: 5 } }, 'oe');
    assert.equal(bad.status, 422);
    assert.match(bad.json.detail[0].msg, /optimized_query must be a string/);
    const st = await http('GET', '/state', undefined, 'oe');
    assert.deepEqual([st.json.episode_id, st.json.step_count], ['oe', 1]);
  });
});

describe('OpenEnv WebSocket /ws', () => {
  it('reset, step, state, close', async () => {
    const { ws, send } = await socket();
    const obs = await send({ type: 'reset', data: {} });
    assert.equal(obs.type, 'observation');
    assert.deepEqual([obs.data.reward, obs.data.done, obs.data.observation.task_id, obs.data.observation.step_count], [null, false, T1, 0]);
    const step = await send({ type: 'step', data: REJECTED });
    assert.deepEqual(
      [step.type, typeof step.data.reward, step.data.done, step.data.observation.step_count],
      ['observation', 'number', false, 1],
    );
    assert.equal(typeof step.data.observation.metadata.info.queue_ms, 'number');
    const state = await send({ type: 'state' });
    assert.deepEqual([state.type, state.data.step_count, state.data.task_id, typeof state.data.episode_id], ['state', 1, T1, 'string']);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ type: 'close' }));
    assert.equal(await closed, 1000);
  });
  it('bad frames get their error and the session goes on', async () => {
    const { ws, send } = await socket();
    assert.deepEqual(await send('{nope'), { type: 'error', data: { message: await errorOf('{nope'), code: 'INVALID_JSON' } });
    assert.deepEqual(await send({ type: 'jump' }), {
      type: 'error',
      data: { message: 'Unknown message type: jump', code: 'UNKNOWN_TYPE' },
    });
    assert.equal((await send({ type: 'state', data: {} })).data.code, 'VALIDATION_ERROR');
    assert.equal((await send({ type: 'step' })).data.code, 'VALIDATION_ERROR');
    const early = await send({ type: 'step', data: REJECTED });
    assert.deepEqual([early.type, early.data.code, early.data.error.code], ['error', 'EXECUTION_ERROR', 'RESET_NEEDED']);
    const big = await send({ type: 'step', data: { ...REJECTED, summary: 'x'.repeat(1_100_000) } });
    assert.deepEqual([big.type, big.data.code], ['error', 'VALIDATION_ERROR']);
    assert.match(big.data.message, /over the limit of 1048576 bytes/);
    assert.equal((await send({ type: 'state' })).type, 'state');
    ws.close();
  });
  it('a client that disconnects mid-step leaks nothing: the worker serves the next session', async () => {
    const a = await socket();
    await a.send({ type: 'reset', data: {} });
    a.ws.send(JSON.stringify({ type: 'step', data: { ...REJECTED, optimized_query: `SELECT * FROM orders WHERE customer_id = 5000` } }));
    a.ws.terminate();
    const b = await socket();
    const obs = await b.send({ type: 'reset', data: { task_id: 'task_2_correlated_subqueries' } });
    assert.equal(obs.data.observation.task_id, 'task_2_correlated_subqueries');
    assert.equal((await b.send({ type: 'state' })).data.step_count, 0);
    b.ws.close();
  });
});

/** The message json.loads-like parsing gives for a text (whatever the engine's wording, it names the JSON error). */
async function errorOf(text: string): Promise<string> {
  try {
    JSON.parse(text);
    return '';
  } catch (e) {
    return `Invalid JSON: ${(e as Error).message}`;
  }
}

describe("the original's REST API", () => {
  it('GET / answers status, version, table stats and task ids', async () => {
    const { json } = await http('GET', '/');
    assert.deepEqual([json.status, json.environment, json.tasks[0], json.table_stats.orders > 0], ['ok', 'sql-optim-env', T1, true]);
  });
  it('POST /reset without a body starts task 1 and answers its Observation', async () => {
    const { status, json } = await http('POST', '/reset', undefined, 'orig');
    assert.deepEqual([status, json.task_id, json.dialect, json.step_count, json.last_execution], [200, T1, 'duckdb/postgresql', 0, null]);
  });
  it('POST /step answers its StepResult: weighted breakdown, one feedback string, info.execution with numbers', async () => {
    const lenient = {
      ...REJECTED,
      suggestions: [{ issue_type: 'select_star', line: '1', severity: 'critical | high', description: '', fix: '' }],
    };
    const { status, json } = await http('POST', '/step', lenient, 'orig');
    assert.equal(status, 200);
    const sum = Object.values(json.reward.breakdown as Record<string, number>).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - json.reward.score) < 1e-3, `breakdown sums to ${sum}, score ${json.reward.score}`);
    assert.equal(typeof json.reward.feedback, 'string');
    assert.deepEqual(
      [json.info.step, typeof json.info.cumulative_reward, json.info.issues_found, typeof json.info.queue_ms],
      [1, 'number', 1, 'number'],
    );
    const x = json.info.execution;
    assert.deepEqual([x.original_ms, x.optimized_ms, x.speedup, x.results_match, x.original_rows], [99999, 99999, 0.001, false, 0]);
    assert.match(x.verdict, /^\[FAIL\] /);
  });
  it('POST /step with a missing field answers 422 with FastAPI-like detail', async () => {
    const { status, json } = await http('POST', '/step', { optimized_query: 'SELECT 1' }, 'orig');
    assert.equal(status, 422);
    assert.deepEqual(
      json.detail.map((d: any) => d.loc[1]),
      ['suggestions', 'summary', 'estimated_improvement', 'approved'],
    );
  });
  it('POST /grader answers a Reward; GET /state its EnvironmentState', async () => {
    const g = await http('POST', '/grader', REJECTED, 'orig');
    assert.deepEqual(Object.keys(g.json).sort(), ['breakdown', 'feedback', 'score']);
    const s = await http('GET', '/state', undefined, 'orig');
    assert.deepEqual(
      [s.json.task_id, s.json.step_count, s.json.max_steps, s.json.episode_done, typeof s.json.current_task],
      [T1, 1, 3, false, 'string'],
    );
  });
  it('POST /execute defaults to task 1; errors are {"detail"} with 400', async () => {
    const x = await http('POST', '/execute', { optimized_query: 'SELECT 1 AS x' });
    assert.deepEqual([x.status, typeof x.json.speedup, typeof x.json.original_rows], [200, 'number', 'number']);
    assert.deepEqual(await http('POST', '/execute'), { status: 400, json: { detail: 'Body required: {task_id, optimized_query}' } });
    assert.deepEqual(await http('POST', '/execute', { task_id: T1 }), { status: 400, json: { detail: 'optimized_query is required' } });
    const unknown = await http('POST', '/reset', { task_id: 'nope' }, 'other');
    assert.equal(unknown.status, 400);
    assert.match(unknown.json.detail, /^UNKNOWN_TASK: no task "nope"/);
    const early = await http('POST', '/grader', REJECTED, 'fresh');
    assert.deepEqual([early.status, typeof early.json.detail], [400, 'string']);
  });
  it('GET /tasks and GET /leaderboard answer their envelopes', async () => {
    const t = await http('GET', '/tasks');
    assert.deepEqual(Object.keys(t.json.tasks[0]).sort(), [
      'action_schema',
      'description',
      'difficulty',
      'max_steps',
      'task_id',
      'task_name',
    ]);
    const l = await http('GET', '/leaderboard');
    assert.equal(typeof l.json.description, 'string');
    assert.deepEqual(Object.keys(l.json.leaderboard[T1]).sort(), [
      'best_attempt_at',
      'best_score',
      'best_speedup',
      'correct_attempts',
      'success_rate',
      'total_attempts',
    ]);
  });
});

describe('sessions and limits', () => {
  it('two sessions never see each other’s episode', async () => {
    await http('POST', '/reset', { task_id: T1 }, 'alice');
    await http('POST', '/step', REJECTED, 'alice');
    assert.equal((await http('GET', '/state', undefined, 'bob')).json.task_id, 'none');
    await http('POST', '/reset', { task_id: 'task_2_correlated_subqueries' }, 'bob');
    const a = (await http('GET', '/state', undefined, 'alice')).json;
    const b = (await http('GET', '/state', undefined, 'bob')).json;
    assert.deepEqual([a.task_id, a.step_count, b.task_id, b.step_count], [T1, 1, 'task_2_correlated_subqueries', 0]);
  });
  it('an oversized body gets 413; a malformed session id 400', async () => {
    const big = await http('POST', '/step', 'x'.repeat(1_100_000));
    assert.equal(big.status, 413);
    assert.equal((await http('GET', '/state', undefined, 'bad id!')).status, 400);
  });
  it('SIGTERM closes the server cleanly', async () => {
    assert.equal(await server.stop(), 0);
  });
});
