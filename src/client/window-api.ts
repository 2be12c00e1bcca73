// `window.sqlOptimEnv`: the environment API for external agents driving the page through a real browser.
import type { Action, EnvState, ExecutionResult, LeaderboardRow, Observation, Response, StepResult, TaskSummary } from '../env/types.ts';
import type { EnvClient, ReadyInfo } from './env-client.ts';

/** Same request fields and `{ok, result|error}` answers as the stdio server, as promises. */
export interface SqlOptimEnvApi {
  /** Resolves once the data is generated and saved progress restored. */
  ready(): Promise<Response<ReadyInfo>>;
  tasks(): Promise<Response<TaskSummary[]>>;
  reset(req: { task_id: string; seed?: number | null }): Promise<Response<Observation>>;
  step(action: Action): Promise<Response<StepResult>>;
  state(): Promise<Response<EnvState>>;
  grade(action: Action): Promise<Response<StepResult>>;
  execute(req: { task_id: string; optimized_query: string }): Promise<Response<ExecutionResult>>;
  leaderboard(): Promise<Response<LeaderboardRow[]>>;
}

declare global {
  interface Window {
    sqlOptimEnv: SqlOptimEnvApi;
  }
}

/** Builds the API over `client` and publishes it on `window`. */
export function installWindowApi(client: EnvClient): SqlOptimEnvApi {
  const api: SqlOptimEnvApi = {
    ready: () => client.start(),
    tasks: () => client.call('tasks'),
    reset: (req) => client.call('reset', req),
    step: (action) => client.call('step', action),
    state: () => client.call('state'),
    grade: (action) => client.call('grade', action),
    execute: (req) => client.call('execute', req),
    leaderboard: () => client.call('leaderboard'),
  };
  // Frozen so page code cannot swap a method under an agent.
  window.sqlOptimEnv = Object.freeze(api);
  return api;
}
