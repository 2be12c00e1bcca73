// The op registry: every operation of the environment API declared once. The API type, the worker's dispatch, the
// supervisor's deadlines, the stdio server, `window.sqlOptimEnv` and the README's table all derive from it.
import { z } from 'zod';
import { parseWith } from './validate.ts';
import { EnvSnapshot } from './snapshot.ts';
import {
  Action,
  DeadlinesChoice,
  EnvState,
  ExecutionResult,
  HintResult,
  LeaderboardRow,
  Observation,
  Preview,
  type Response,
  ScaleRequest,
  ScaleResult,
  Solution,
  StepResult,
  TaskSummary,
} from './types.ts';

/** How a JSON-lines request carries the argument: nothing, its own fields (`{"op": "reset", "task_id": …}`), or `action`. */
type Args = 'none' | 'fields' | 'action';

interface OpSpec {
  /** one line for the README and the `schema` op */
  summary: string;
  request: z.ZodType;
  result: z.ZodType;
  args: Args;
  /** heavy calls run queries (their hard deadline is long); light ones read state; long ones generate data and run queries at several sizes */
  cost: 'light' | 'heavy' | 'long';
  /** the episode or leaderboard may change, so the worker snapshots after it */
  mutates: boolean;
  /** runs on the hidden data (judged and edge cases): the page generates that after it is ready, so these calls wait for it */
  judges: boolean;
  /** answered on the public transports (stdio, window.sqlOptimEnv); `restore` is the supervisor's alone */
  exposed: boolean;
}

const spec = <S extends OpSpec>(s: S) => s;
/** Ops without an argument ignore whatever is sent. */
const NoArgs = z.unknown();

export const ResetRequest = z.object({
  task_id: z.string(),
  seed: z.int().min(0).nullable().default(null).describe('task variant; null or omitted: the canonical one'),
  reward: z
    .string()
    .nullable()
    .default(null)
    .describe('this episode\'s reward weights: "default", "execution-only", or "component=weight,…" (ablations)'),
  deadlines: DeadlinesChoice.nullable()
    .default(null)
    .describe(
      'this episode\'s per-run deadlines (a slow or busy machine), e.g. {"run_ms": 20000, "factor": 20}; fields left out stay the session\'s',
    ),
});
export const ExecuteRequest = z.object({ task_id: z.string(), optimized_query: z.string() });
export const VerifyRequest = z.object({ task_id: z.string() });
export const VerifyResult = z.object({
  task_id: z.string(),
  best: LeaderboardRow.shape.best.describe('the entry re-run; null when the task has no credible best yet'),
  rerun: ExecutionResult.nullable(),
});
export const SampleRequest = z.object({ table: z.string(), n: z.int().min(1).max(50).default(5) });
/** The JSON Schemas of the wire shapes, by name (what a training server publishes). */
export const SchemaDoc = z.object({ shapes: z.record(z.string(), z.unknown()), ops: z.record(z.string(), z.unknown()) });

export const OPS = {
  tasks: spec({
    summary: 'the task list',
    request: NoArgs,
    result: z.array(TaskSummary),
    args: 'none',
    cost: 'light',
    mutates: false,
    judges: false,
    exposed: true,
  }),
  reset: spec({
    summary: 'start an episode on a task (a seeded variant; its own reward weights and run deadlines, if chosen)',
    request: ResetRequest,
    result: Observation,
    args: 'fields',
    cost: 'heavy',
    mutates: true,
    judges: false,
    exposed: true,
  }),
  step: spec({
    summary: "submit an action: the rewrite is run and judged, one of the episode's steps is spent",
    request: Action,
    result: StepResult,
    args: 'action',
    cost: 'heavy',
    mutates: true,
    judges: true,
    exposed: true,
  }),
  state: spec({
    summary: 'the episode so far, with its history',
    request: NoArgs,
    result: EnvState,
    args: 'none',
    cost: 'light',
    mutates: false,
    judges: false,
    exposed: true,
  }),
  grade: spec({
    summary: 'judge an action without spending a step',
    request: Action,
    result: StepResult,
    args: 'action',
    cost: 'heavy',
    mutates: false,
    judges: false,
    exposed: true,
  }),
  execute: spec({
    summary: "time and check a rewrite against a task's original; no reward, no step",
    request: ExecuteRequest,
    result: ExecutionResult,
    args: 'fields',
    cost: 'heavy',
    mutates: false,
    judges: false,
    exposed: true,
  }),
  scale: spec({
    summary: 'time a rewrite against the original at several data sizes (generated apart from every other data); no reward, no step',
    request: ScaleRequest,
    result: ScaleResult,
    args: 'fields',
    cost: 'long',
    mutates: false,
    judges: false,
    exposed: true,
  }),
  leaderboard: spec({
    summary: 'best score and speedup per task',
    request: NoArgs,
    result: z.array(LeaderboardRow),
    args: 'none',
    cost: 'light',
    mutates: false,
    judges: false,
    exposed: true,
  }),
  verify: spec({
    summary: "re-run a task's best leaderboard entry as a step judges it, here and now",
    request: VerifyRequest,
    result: VerifyResult,
    args: 'fields',
    cost: 'heavy',
    mutates: false,
    judges: true,
    exposed: true,
  }),
  sample: spec({
    summary: 'the first rows of a visible table (the schema browser)',
    request: SampleRequest,
    result: Preview,
    args: 'fields',
    cost: 'light',
    mutates: false,
    judges: false,
    exposed: true,
  }),
  schema: spec({
    summary: 'JSON Schemas of every shape and op',
    request: NoArgs,
    result: SchemaDoc,
    args: 'none',
    cost: 'light',
    mutates: false,
    judges: false,
    exposed: true,
  }),
  hint: spec({
    summary: "open the next hint of the episode's task (each open hint costs a little of every later step's score)",
    request: NoArgs,
    result: HintResult,
    args: 'none',
    cost: 'light',
    mutates: true,
    judges: false,
    exposed: true,
  }),
  solution: spec({
    summary: 'show the solution: ends the episode, returns the reference, the issues, why the fix works and both plans',
    request: NoArgs,
    result: Solution,
    args: 'none',
    cost: 'heavy',
    mutates: true,
    judges: false,
    exposed: true,
  }),
  restore: spec({
    summary: "put back a snapshot after a worker restart (the supervisor's)",
    request: EnvSnapshot,
    result: z.null(),
    args: 'fields',
    cost: 'heavy',
    mutates: true,
    judges: false,
    exposed: false,
  }),
} as const;

type Ops = typeof OPS;
export type OpName = keyof Ops;
export const OP_NAMES = Object.keys(OPS) as OpName[];
export type ExposedOp = { [K in OpName]: Ops[K]['exposed'] extends true ? K : never }[OpName];
/** The ops a public transport answers. */
export const EXPOSED_OPS = OP_NAMES.filter((k): k is ExposedOp => OPS[k].exposed);

/** What a caller may send for op K (optional fields may be left out) and what it gets back. */
export type OpRequest<K extends OpName> = z.input<Ops[K]['request']>;
export type OpParsed<K extends OpName> = z.output<Ops[K]['request']>;
export type OpResult<K extends OpName> = z.output<Ops[K]['result']>;

/** The environment API: one method per op, taking its request (none for argument-less ops). */
export type EnvApi = {
  [K in OpName]: Ops[K]['args'] extends 'none' ? () => Response<OpResult<K>> : (req: OpRequest<K>) => Response<OpResult<K>>;
};

export const isOp = (op: unknown): op is OpName => typeof op === 'string' && Object.hasOwn(OPS, op);

/** The one message for an op a transport does not answer, listing the ones it does. */
export function unknownOp(op: unknown, known: readonly string[]): string {
  return `unknown op ${JSON.stringify(op) ?? 'nothing'}; ops are ${known.join(', ')}`;
}

/** Parses op K's argument; throws INVALID_ACTION (actions) or INVALID_REQUEST naming each bad field. */
export function parseRequest<K extends OpName>(op: K, arg: unknown): OpParsed<K> {
  const s: OpSpec = OPS[op];
  const parsed =
    s.args === 'action' ? parseWith(s.request, arg, 'INVALID_ACTION', 'action') : parseWith(s.request, arg, 'INVALID_REQUEST', '');
  return parsed as OpParsed<K>;
}

/** The argument of op K from a JSON-lines request: nothing, the line's own fields (less id and op), or its `action`. */
export function argumentOf(op: OpName, line: Record<string, unknown>): unknown {
  if (OPS[op].args === 'none') return undefined;
  if (OPS[op].args === 'action') return line.action;
  const { id: _id, op: _op, ...fields } = line;
  return fields;
}
