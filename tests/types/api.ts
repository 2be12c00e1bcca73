// Compile-only tests of the API types (comlink's tests/type-checks.ts style): `tsc --noEmit -p .` fails when a
// transport's types drift from the op registry. Nothing here runs.
import type { EnvApi, OpRequest, OpResult } from '../../src/env/ops.ts';
import type { EnvInfo, Environment, VisibleInfo } from '../../src/env/environment.ts';
import type { Action, EnvState, ExecutionResult, HintResult, Observation, Response, Solution, StepResult } from '../../src/env/types.ts';
import type { SqlOptimEnvApi } from '../../src/client/window-api.ts';
import type { Supervisor } from '../../src/worker/supervisor.ts';
import type { CallAnswer, WorkerApi } from '../../src/worker/protocol.ts';
import { type EpisodeEnv, viaCall } from '../../src/policies/runner.ts';

/** True when A and B are the same type. */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
declare function assert<_T extends true>(): void;

declare const win: SqlOptimEnvApi;
declare const sup: Supervisor;
declare const env: Environment;

// Each op's result type is the schema's.
assert<Equals<OpResult<'step'>, StepResult>>();
assert<Equals<OpResult<'reset'>, Observation>>();
assert<Equals<OpResult<'state'>, EnvState>>();
assert<Equals<OpResult<'execute'>, ExecutionResult>>();
assert<Equals<OpResult<'hint'>, HintResult>>();
assert<Equals<OpResult<'solution'>, Solution>>();
// A step's request is an Action with its defaults optional; the parsed request is the whole Action.
assert<Equals<Required<OpRequest<'step'>>['optimized_query'], string>>();
assert<Equals<Parameters<Environment['step']>[0], OpRequest<'step'>>>();

// window.sqlOptimEnv: each exposed op answers a promise of the registry's result.
assert<Equals<ReturnType<SqlOptimEnvApi['step']>, Promise<Response<StepResult>>>>();
assert<Equals<ReturnType<SqlOptimEnvApi['execute']>, Promise<Response<ExecutionResult>>>>();
assert<Equals<ReturnType<SqlOptimEnvApi['tasks']>, Promise<Response<OpResult<'tasks'>>>>>();
// hint and solution take no argument, on the page as in process.
assert<Equals<ReturnType<SqlOptimEnvApi['solution']>, Promise<Response<Solution>>>>();
assert<Equals<Parameters<Environment['hint']>, []>>();
assert<Equals<keyof SqlOptimEnvApi, Exclude<keyof EnvApi, 'restore'> | 'ready'>>();
// @ts-expect-error restore is the supervisor's, not an agent's
void win.restore;
// @ts-expect-error an action's optimized_query is text
void win.step({ optimized_query: 5 });

// The supervisor's call is typed by the op named.
assert<Equals<Awaited<ReturnType<typeof sup.call<'state'>>>, Response<EnvState>>>();
// @ts-expect-error reset needs a task_id
void sup.call('reset', { seed: 1 });

// Node's environment tells the judged data's generation time; the page's tells the visible facts until it is known.
assert<Equals<ReturnType<Environment['info']>, EnvInfo>>();
assert<Equals<ReturnType<Environment<VisibleInfo>['info']>, VisibleInfo>>();
// A worker call may wait for the hidden data, so it answers a promise.
assert<Equals<ReturnType<WorkerApi['call']>, Promise<CallAnswer>>>();

// The in-process environment implements every op of the registry.
assert<Equals<ReturnType<typeof env.step>, Response<StepResult>>>();
const action: Action = { suggestions: [], optimized_query: 'SELECT 1', summary: '', estimated_improvement: '', approved: false };
void env.grade(action);

// The episode runner drives every transport: the in-process environment, the page's API, the supervisor by its calls.
export const transports: EpisodeEnv[] = [env, win, viaCall(sup)];
