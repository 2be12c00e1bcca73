// The worker side of the protocol: boots the environment core over loaded DuckDB bindings and answers calls.
// DOM-free and worker-global-free, so the browser and Node workers (workers/*.ts) share it and only supply the loader.
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import type { Environment, EnvSnapshot } from '../env/environment.ts';
import { type SetupOptions, createEnvironment } from '../env/setup.ts';
import { attempt, toErrorValue } from '../env/errors.ts';
import type { Response } from '../env/types.ts';
import { MUTATING_OPS, type BootInfo, type BootProgress, type CallAnswer, type EnvOp, type WorkerApi } from './protocol.ts';

/** DuckDB bindings, instantiated and opened, and how long that took. */
export interface LoadedDb {
  db: DuckDBBindings;
  bundle: 'eh' | 'mvp';
  ms: number;
}

// Arguments arrive as untyped JSON from agents; the core validates each one and answers INVALID_REQUEST/ACTION.
type Arg<K extends keyof Environment> = Environment[K] extends (a: infer A) => unknown ? A : never;
const OPS: Record<EnvOp, (env: Environment, arg: unknown) => Response<unknown>> = {
  tasks: (env) => env.tasks(),
  reset: (env, arg) => env.reset(arg as Arg<'reset'>),
  step: (env, arg) => env.step(arg as Arg<'step'>),
  state: (env) => env.state(),
  grade: (env, arg) => env.grade(arg as Arg<'grade'>),
  execute: (env, arg) => env.execute(arg as Arg<'execute'>),
  leaderboard: (env) => env.leaderboard(),
};

/** The object the worker exposes: boot once, then synchronous calls into the environment. */
export function createWorkerApi(
  loadDb: (onProgress: (p: BootProgress) => void) => Promise<LoadedDb>,
  taskFiles: Record<string, string>,
  /** budgets and limits for this worker (tests and benchmarks tune them) */
  setup: Partial<Pick<SetupOptions, 'dataset' | 'executor' | 'limits' | 'env'>> = {},
): WorkerApi {
  let env: Environment | null = null;
  const need = (): Environment => {
    if (!env) throw new Error('the environment is still starting');
    return env;
  };
  return {
    async boot(onProgress) {
      const { db, bundle, ms } = await loadDb(onProgress);
      const t0 = performance.now();
      env = createEnvironment({ ...setup, db, taskFiles, onProgress });
      const setup_ms = performance.now() - t0;
      const info = env.info();
      const boot: BootInfo = { ...info, bundle, wasm_ms: ms, setup_ms };
      return boot;
    },
    call(op: EnvOp, arg: unknown): CallAnswer {
      const fn = OPS[op];
      if (!fn)
        return {
          response: { ok: false, error: { code: 'INVALID_REQUEST', message: `INVALID_REQUEST: unknown op ${String(op)}` } },
          snapshot: null,
        };
      let response: Response<unknown>;
      try {
        response = fn(need(), arg);
      } catch (e) {
        // The core returns errors as values; a throw here is a wasm trap or a bug, reported the same way.
        response = { ok: false, error: toErrorValue(e) };
      }
      // The snapshot rides along with the answer so a respawn can restore exactly this point without another round trip.
      let snapshot: unknown = null;
      if (response.ok && MUTATING_OPS.has(op)) {
        try {
          snapshot = need().snapshot();
        } catch {
          // Without a fresh snapshot a respawn restores the previous one: one step lost, never a wrong state.
        }
      }
      return { response, snapshot };
    },
    restore(snapshot) {
      // The core validates the snapshot's version and throws on anything else; attempt() turns that into an error value.
      return attempt(() => (need().restore(snapshot as EnvSnapshot), null));
    },
    sample(table, n) {
      try {
        return need().sample(table, n);
      } catch (e) {
        return { ok: false, error: toErrorValue(e) };
      }
    },
  };
}
