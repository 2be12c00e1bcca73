// The messages between the page (or a Node parent) and the environment worker: boot progress, the hidden data's status
// and the remote API. The operations themselves are the registry's (src/env/ops.ts).
import type { VisibleInfo } from '../env/environment.ts';
import type { OpName } from '../env/ops.ts';
import type { CallProgress } from '../env/progress.ts';
import type { Response } from '../env/types.ts';

/** One progress report while the worker boots. */
export interface BootProgress {
  /** download / compile: the wasm; generate: data (one report per table); restore: saved episode */
  phase: 'download' | 'compile' | 'generate' | 'harden' | 'restore' | string;
  detail: string;
  done: number;
  total: number;
}

/** What the worker tells once the visible data is ready: the core's info plus how the wasm loaded. */
export interface BootInfo extends VisibleInfo {
  bundle: 'eh' | 'mvp';
  /** the visible instance's wasm fetched, compiled and opened (the hidden instances load after boot) */
  wasm_ms: number;
  /** the visible phase of setup (tasks, visible data, hardening), as seen from the worker */
  setup_ms: number;
}

/**
 * The hidden data (judged and edge cases), generated in the background after boot: judging calls wait for it. Only its
 * generation time is ever told, never its seed or a value.
 */
export type HiddenStatus = { kind: 'preparing' } | { kind: 'ready'; judged_generation_ms: number } | { kind: 'failed'; message: string };

/** The hidden data once its generation ended, either way. */
export type HiddenSettled = Exclude<HiddenStatus, { kind: 'preparing' }>;

/** The answer to one call: the environment's value plus, after a change, the state to restore on a respawn. */
export interface CallAnswer {
  response: Response<unknown>;
  snapshot: unknown | null;
}

/** What the worker exposes through comlink. */
export interface WorkerApi {
  boot(onProgress: (p: BootProgress) => void): Promise<BootInfo>;
  /** resolves once the hidden data, started by boot, is generated (or failed to be) */
  hidden(): Promise<HiddenSettled>;
  /**
   * any op of the registry; the argument is validated in the worker; a judging op first waits for the hidden data.
   * `onProgress` (a comlink proxy, like boot's) hears what a long op is doing while it runs.
   */
  call(op: OpName, arg: unknown, onProgress?: (p: CallProgress) => void): Promise<CallAnswer>;
}
