// `window.sqlOptimEnv`: the environment API for external agents driving the page through a real browser, one method per
// exposed op of the registry (src/env/ops.ts), plus `ready()`.
import { EXPOSED_OPS, type ExposedOp, type OpRequest, type OpResult } from '../env/ops.ts';
import type { Response } from '../env/types.ts';
import type { ReadyInfo, Supervisor } from '../worker/supervisor.ts';

/** Each exposed op as an asynchronous method with the stdio server's request fields and `{ok, result|error}` answers. */
export type SqlOptimEnvApi = { [K in ExposedOp]: (req?: OpRequest<K>) => Promise<Response<OpResult<K>>> } & {
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
  const methods = Object.fromEntries(EXPOSED_OPS.map((op) => [op, (req?: unknown) => client.call(op, req as never)]));
  const api = { ...methods, ready: () => client.start() } as SqlOptimEnvApi;
  // Frozen so page code cannot swap a method under an agent.
  window.sqlOptimEnv = Object.freeze(api);
  return api;
}
