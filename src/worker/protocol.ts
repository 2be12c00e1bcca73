// The messages between the page (or a Node parent) and the environment worker: boot progress and the remote API.
// The operations themselves are the registry's (src/env/ops.ts).
import type { EnvInfo } from '../env/environment.ts';
import type { OpName } from '../env/ops.ts';
import type { Response } from '../env/types.ts';

/** One progress report while the worker boots. */
export interface BootProgress {
  /** download / compile: the wasm; generate: data (one report per table); restore: saved episode */
  phase: 'download' | 'compile' | 'generate' | 'harden' | 'restore' | string;
  detail: string;
  done: number;
  total: number;
}

/** What the worker tells once the engine and data are ready: the core's info plus how the wasm loaded. */
export interface BootInfo extends EnvInfo {
  bundle: 'eh' | 'mvp';
  /** wasm fetched, compiled and opened */
  wasm_ms: number;
  /** createEnvironment as a whole (tasks, both datasets, hardening), as seen from the worker */
  setup_ms: number;
}

/** The answer to one call: the environment's value plus, after a change, the state to restore on a respawn. */
export interface CallAnswer {
  response: Response<unknown>;
  snapshot: unknown | null;
}

/** What the worker exposes through comlink. */
export interface WorkerApi {
  boot(onProgress: (p: BootProgress) => void): Promise<BootInfo>;
  /** any op of the registry; the argument is validated in the worker */
  call(op: OpName, arg: unknown): CallAnswer;
}
