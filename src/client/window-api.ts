// `window.sqlOptimEnv`: the environment API for external agents driving the page through a real browser.
import type { EnvApi, Response } from '../env/types.ts';
import type { ReadyInfo, Supervisor } from '../worker/supervisor.ts';

/** Each method of `T`, answering through a promise. */
type Promised<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never };

/** The environment's own API (same request fields, same `{ok, result|error}` answers as the stdio server), made
 *  asynchronous, plus `ready()`. Derived from EnvApi so the two cannot drift apart. */
export type SqlOptimEnvApi = Promised<EnvApi> & {
  /** Resolves once the data is generated and saved progress restored. */
  ready(): Promise<Response<ReadyInfo>>;
};

declare global {
  interface Window {
    sqlOptimEnv: SqlOptimEnvApi;
  }
}

/** Builds the API over `client` and publishes it on `window`. */
export function installWindowApi(client: Supervisor): SqlOptimEnvApi {
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
