// The worker side of the protocol: boots the environment core over loaded DuckDB bindings and answers calls.
// DOM-free and worker-global-free, so the browser and Node workers (workers/*.ts) share it and only supply the loader.
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import type { Environment } from '../env/environment.ts';
import { type SetupOptions, createEnvironment } from '../env/setup.ts';
import { errorValue, toErrorValue } from '../env/errors.ts';
import { OPS, isOp, type OpName } from '../env/ops.ts';
import type { Response } from '../env/types.ts';
import type { BootInfo, BootProgress, CallAnswer, WorkerApi } from './protocol.ts';

/** DuckDB bindings, instantiated and opened, and how long that took. */
export interface LoadedDb {
  db: DuckDBBindings;
  bundle: 'eh' | 'mvp';
  ms: number;
}

/** The object the worker exposes: boot once, then synchronous calls into the environment. */
export function createWorkerApi(
  loadDb: (onProgress: (p: BootProgress) => void) => Promise<LoadedDb>,
  taskFiles: Record<string, string>,
  /** budgets and limits for this worker (tests and benchmarks tune them) */
  setup: Partial<Pick<SetupOptions, 'dataset' | 'executor' | 'limits' | 'env' | 'judgedSeed'>> = {},
): WorkerApi {
  let env: Environment | null = null;
  return {
    async boot(onProgress) {
      const { db: visible, bundle, ms: first } = await loadDb(onProgress);
      // The judged and edge-case data live in instances of their own, so user SQL on one can never name another's.
      const judged = await loadDb(() => {});
      const edge = await loadDb(() => {});
      const ms = first + judged.ms + edge.ms;
      const t0 = performance.now();
      env = createEnvironment({ ...setup, dbs: { visible, judged: judged.db, edge: edge.db }, taskFiles, onProgress });
      const setup_ms = performance.now() - t0;
      const info = env.info();
      const boot: BootInfo = { ...info, bundle, wasm_ms: ms, setup_ms };
      return boot;
    },
    call(op: OpName, arg: unknown): CallAnswer {
      if (!env) return { response: { ok: false, error: errorValue('INTERNAL', 'the environment is still starting') }, snapshot: null };
      let response: Response<unknown>;
      try {
        response = env.call(op, arg);
      } catch (e) {
        // The core returns errors as values; a throw here is a wasm trap or a bug, reported the same way.
        response = { ok: false, error: toErrorValue(e) };
      }
      // The snapshot rides along with the answer so a respawn can restore exactly this point without another round trip.
      let snapshot: unknown = null;
      if (response.ok && isOp(op) && OPS[op].mutates) {
        try {
          snapshot = env.snapshot();
        } catch {
          // Without a fresh snapshot a respawn restores the previous one: one step lost, never a wrong state.
        }
      }
      return { response, snapshot };
    },
  };
}
