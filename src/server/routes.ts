// The HTTP routes: OpenEnv's (health, metadata, schema, openapi.json, mcp, reset, step, state), the original
// environment's REST API (/, reset, step, grader, execute, state, tasks, leaderboard) and ours (POST /api/<op>, one per
// exposed op of the registry, answering {ok, result|error} like serve --stdio). Handlers are thin: shape in, op, shape out.
// Where OpenEnv's and the original's routes collide: POST /reset answers both at once (the original's Observation
// fields plus OpenEnv's observation/reward/done); POST /step is OpenEnv's when the body is {"action": {…}} without
// top-level action fields, the original's otherwise; GET /state answers the original's state plus OpenEnv's episode_id.
import { EXPOSED_OPS, OPS, unknownOp } from '../env/ops.ts';
import type { EnvState, ExecutionResult, LeaderboardRow, Observation, Response, StepResult, TaskSummary } from '../env/types.ts';
import { type Dispatched, type Dispatcher, waits } from './dispatch.ts';
import * as openenv from './openenv.ts';
import * as original from './original.ts';
import type { Session } from './sessions.ts';
import { isRecord, statusOf } from './wire.ts';

export interface Reply {
  status: number;
  body: unknown;
}

export interface Call {
  session: Session;
  /** the parsed JSON body; undefined when empty */
  body: unknown;
  /** the body was not JSON (the message) */
  invalidJson: string | null;
  dispatcher: Dispatcher;
  /** the engine's visible tables and their rows (GET /) */
  tableStats: Record<string, number>;
}

interface Route {
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  handle: (c: Call) => Promise<Reply>;
}

const ok = (body: unknown): Reply => ({ status: 200, body });
const detail = (status: number, message: string | unknown[]): Reply => ({ status, body: { detail: message } });

/** An env error or a refusal as {"detail"} with its status (503 when the queue is full or the server closing). */
function failure(d: Dispatched): Reply {
  if (d.refused) return detail(503, d.response.ok ? '' : d.response.error.message.replace(/^BUSY: /, ''));
  if (d.response.ok) throw new Error('failure() of a successful answer');
  return detail(statusOf(d.response.error.code), d.response.error.message);
}

const result = <T>(d: Dispatched) => (d.response as Response<T> & { ok: true }).result;

/** Runs an op and shapes its result, or answers its error as {"detail"}. */
async function shaped<T>(c: Call, op: string, arg: unknown, shape: (r: T, d: Dispatched) => unknown): Promise<Reply> {
  const d = await c.dispatcher.run(c.session, op, arg);
  return d.response.ok ? ok(shape(result<T>(d), d)) : failure(d);
}

/** The reset arguments of either protocol: the original's task_id (task 1 by default), OpenEnv's seed and extras. */
function resetArgs(body: unknown): Record<string, unknown> {
  const b = isRecord(body) ? body : {};
  const { episode_id: _episode, ...rest } = b;
  return { ...rest, task_id: typeof b.task_id === 'string' && b.task_id !== '' ? b.task_id : original.DEFAULT_TASK };
}

async function reset(c: Call): Promise<Reply> {
  // The original ignores a body that is not JSON and starts task 1; so does this.
  return shaped<Observation>(c, 'reset', resetArgs(c.invalidJson === null ? c.body : undefined), (obs) => ({
    ...original.observation(obs),
    ...openenv.resetResponse(obs),
  }));
}

const isOpenEnvStep = (b: unknown) => isRecord(b) && isRecord(b.action) && !('optimized_query' in b);

async function step(c: Call): Promise<Reply> {
  if (c.invalidJson !== null) return detail(422, [{ type: 'json_invalid', loc: ['body'], msg: `JSON decode error: ${c.invalidJson}` }]);
  if (isOpenEnvStep(c.body)) {
    const d = await c.dispatcher.run(c.session, 'step', (c.body as { action: unknown }).action);
    if (!d.response.ok && d.response.error.code === 'INVALID_ACTION')
      return detail(422, [{ type: 'value_error', loc: ['body', 'action'], msg: d.response.error.message }]);
    return d.response.ok ? ok(openenv.stepResponse(result<StepResult>(d), waits(d))) : failure(d);
  }
  return originalAction(c, 'step', (r: StepResult, d) => original.stepResult(r, waits(d)));
}

/** The original's /step and /grader: its Action (all five fields required, values read leniently). */
async function originalAction(c: Call, op: 'step' | 'grade', shape: (r: StepResult, d: Dispatched) => unknown): Promise<Reply> {
  if (c.invalidJson !== null) return detail(422, [{ type: 'json_invalid', loc: ['body'], msg: `JSON decode error: ${c.invalidJson}` }]);
  const missing = original.missingActionFields(c.body);
  if (missing.length > 0) return detail(422, missing);
  return shaped(c, op, original.leniencyAction(c.body as Record<string, unknown>), shape);
}

async function execute(c: Call): Promise<Reply> {
  if (c.body === undefined) return detail(400, 'Body required: {task_id, optimized_query}');
  if (c.invalidJson !== null || !isRecord(c.body)) return detail(400, 'Invalid JSON body');
  const query = typeof c.body.optimized_query === 'string' ? c.body.optimized_query.trim() : '';
  if (query === '') return detail(400, 'optimized_query is required');
  const task_id = typeof c.body.task_id === 'string' ? c.body.task_id : original.DEFAULT_TASK;
  return shaped<ExecutionResult>(c, 'execute', { task_id, optimized_query: query }, original.execution);
}

/** POST /api/<op>: the body is the op's argument as the registry says (nothing, its fields, or the action). */
function native(op: string): Route {
  return {
    method: 'POST',
    path: `/api/${op}`,
    summary: OPS[op as keyof typeof OPS].summary,
    handle: async (c) => {
      if (c.invalidJson !== null)
        return {
          status: 422,
          body: {
            ok: false,
            error: { code: 'INVALID_REQUEST', message: `INVALID_REQUEST: the body is not valid JSON (${c.invalidJson})` },
          },
        };
      const d = await c.dispatcher.run(c.session, op, c.body);
      if (d.refused) return { status: 503, body: d.response };
      if (!d.response.ok) return { status: statusOf(d.response.error.code), body: d.response };
      const r = d.response.result;
      const body = op === 'step' && isRecord(r) ? { ok: true, result: { ...r, info: { ...(r.info as object), ...waits(d) } } } : d.response;
      return ok(body);
    },
  };
}

export const ROUTES: Route[] = [
  {
    method: 'GET',
    path: '/',
    summary: "the original's status: environment, version, table sizes, task ids",
    handle: (c) =>
      shaped<TaskSummary[]>(c, 'tasks', undefined, (ts) => ({
        status: 'ok',
        environment: 'sql-optim-env',
        version: openenv.VERSION,
        unique_feature: 'Execution-grounded rewards via DuckDB, judged on hidden data',
        table_stats: c.tableStats,
        tasks: ts.map((t) => t.id),
      })),
  },
  { method: 'GET', path: '/health', summary: 'OpenEnv health check', handle: async () => ok(openenv.health()) },
  {
    method: 'GET',
    path: '/metrics',
    summary: 'sessions, workers, queue, measurement scheduler, memory',
    handle: async (c) => ok(c.dispatcher.metrics()),
  },
  { method: 'GET', path: '/metadata', summary: 'OpenEnv environment metadata', handle: async () => ok(openenv.metadata()) },
  { method: 'GET', path: '/schema', summary: 'JSON Schemas of action, observation, state', handle: async () => ok(openenv.schema()) },
  { method: 'POST', path: '/mcp', summary: 'JSON-RPC 2.0 (no MCP tools)', handle: async (c) => ok(openenv.mcp(c.body)) },
  { method: 'POST', path: '/reset', summary: 'start an episode (task 1 by default)', handle: reset },
  { method: 'POST', path: '/step', summary: "submit an action ({action} OpenEnv's; a bare Action the original's)", handle: step },
  {
    method: 'GET',
    path: '/state',
    summary: "the episode's state",
    handle: (c) =>
      shaped<EnvState>(c, 'state', undefined, (s) => ({ ...original.state(s), episode_id: s.task_id === null ? null : c.session.id })),
  },
  {
    method: 'POST',
    path: '/grader',
    summary: 'grade an action without a step (a Reward)',
    handle: (c) => originalAction(c, 'grade', (r) => original.reward(r.reward)),
  },
  { method: 'POST', path: '/execute', summary: 'time and check a rewrite (task 1 by default)', handle: execute },
  { method: 'GET', path: '/tasks', summary: 'the task list', handle: (c) => shaped(c, 'tasks', undefined, original.tasks) },
  {
    method: 'GET',
    path: '/leaderboard',
    summary: 'best score and speedup per task',
    handle: (c) => shaped<LeaderboardRow[]>(c, 'leaderboard', undefined, original.leaderboard),
  },
  ...EXPOSED_OPS.map(native),
];

/** GET /openapi.json, derived from the table above. */
ROUTES.push({ method: 'GET', path: '/openapi.json', summary: 'this document', handle: async () => ok(openenv.openapi(ROUTES)) });

/** The route for a method and path, a 405 reply when only the method is wrong, or null (404). */
export function route(method: string, path: string): Route | Reply | null {
  const same = ROUTES.filter((r) => r.path === path);
  const hit = same.find((r) => r.method === method);
  if (hit) return hit;
  if (same.length > 0) return detail(405, 'Method Not Allowed');
  if (path.startsWith('/api/'))
    return {
      status: 404,
      body: { ok: false, error: { code: 'INVALID_REQUEST', message: `INVALID_REQUEST: ${unknownOp(path.slice(5), EXPOSED_OPS)}` } },
    };
  return null;
}
