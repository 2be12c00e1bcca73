// The messages between the page and the environment worker: operation names, boot progress, the remote API.
import type { EnvInfo } from '../env/environment.ts';
import type { Preview, Response } from '../env/types.ts';

/** Operations of the environment API (the same names as the stdio server's `op`). */
export type EnvOp = 'tasks' | 'reset' | 'step' | 'state' | 'grade' | 'execute' | 'leaderboard';

/** Operations after which the episode or leaderboard may have changed, so a snapshot is worth taking. */
export const MUTATING_OPS: ReadonlySet<EnvOp> = new Set(['reset', 'step', 'grade', 'execute']);

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
  call(op: EnvOp, arg: unknown): CallAnswer;
  restore(snapshot: unknown): Response<null>;
  sample(table: string, n: number): Response<Preview>;
}
