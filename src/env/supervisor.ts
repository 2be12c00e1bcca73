// Keeps the environment alive across hangs and wasm traps: a hard deadline per call, then terminate, respawn, regenerate, restore.
// Works with any worker (Node worker_threads, browser Web Worker): the caller supplies `spawn`.
import type { EnvInfo, EnvSnapshot } from './environment.ts';
import type { ErrorValue, Response } from './types.ts';

/** Operations the worker answers; each returns a Response value. */
export type Op = 'tasks' | 'reset' | 'step' | 'state' | 'grade' | 'execute' | 'leaderboard' | 'sample';

/** What a worker exposes over comlink (workers/*.ts). */
export interface WorkerApi {
  init(options: unknown): Promise<EnvInfo> | EnvInfo;
  call(op: Op, arg: unknown): Promise<Response<unknown>> | Response<unknown>;
  snapshot(): Promise<EnvSnapshot> | EnvSnapshot;
  restore(s: EnvSnapshot): Promise<void> | void;
}

/** A running worker: its comlink proxy (methods return promises) and a way to kill it. */
export interface WorkerHandle {
  api: { [K in keyof WorkerApi]: (...a: Parameters<WorkerApi[K]>) => Promise<Awaited<ReturnType<WorkerApi[K]>>> };
  terminate(): void | Promise<unknown>;
}

export interface SupervisorOptions {
  /** hard deadline of one call; past it the worker is killed (the engine's own per-query cancel comes first) */
  callDeadlineMs: number;
  /** starting a worker: wasm compile plus data generation */
  initDeadlineMs: number;
  /** options passed to the worker's init() */
  init: unknown;
  onRestart?: (reason: string) => void;
}

/** Ops that change state worth restoring after a restart. */
const MUTATING: Op[] = ['reset', 'step'];

class Deadline extends Error {}

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Deadline()), ms)))]).finally(() => clearTimeout(timer));
}

export class Supervisor {
  private worker: WorkerHandle | null = null;
  private snap: EnvSnapshot | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private envInfo: EnvInfo | null = null;
  restarts = 0;

  constructor(
    private readonly spawn: () => WorkerHandle,
    private readonly options: SupervisorOptions,
  ) {}

  /** Starts the first worker; resolves when the data is generated. */
  start(): Promise<EnvInfo> {
    return this.serial(() => this.boot());
  }

  info(): EnvInfo | null {
    return this.envInfo;
  }

  /** One API call, answered in order with the others; never rejects. */
  call<T = unknown>(op: Op, arg?: unknown): Promise<Response<T>> {
    return this.serial(() => this.guarded(op, arg)) as Promise<Response<T>>;
  }

  async close(): Promise<void> {
    await this.queue.catch(() => {});
    await this.worker?.terminate();
    this.worker = null;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }

  private async boot(): Promise<EnvInfo> {
    this.worker = this.spawn();
    this.envInfo = await within(this.worker.api.init(this.options.init), this.options.initDeadlineMs);
    if (this.snap) await this.worker.api.restore(this.snap);
    return this.envInfo;
  }

  private async guarded(op: Op, arg: unknown): Promise<Response<unknown>> {
    if (!this.worker) return fail('ENGINE_RESTARTED', 'the environment is not running; call start() first');
    try {
      const res = await within(this.worker.api.call(op, arg), this.options.callDeadlineMs);
      if (!res.ok && res.error.code === 'ENGINE_FATAL') return await this.restart(res.error.message, 'ENGINE_RESTARTED');
      if (res.ok && MUTATING.includes(op)) this.snap = await this.worker.api.snapshot();
      return res;
    } catch (e) {
      if (e instanceof Deadline)
        return this.restart(`${op} did not finish within ${(this.options.callDeadlineMs / 1000).toFixed(1)} s and was stopped`, 'TIMEOUT');
      return this.restart(`the worker failed: ${e instanceof Error ? e.message : String(e)}`, 'ENGINE_RESTARTED');
    }
  }

  /** Kills the worker, starts a new one with fresh data and the last snapshot: the episode and leaderboard survive. */
  private async restart(reason: string, code: 'TIMEOUT' | 'ENGINE_RESTARTED'): Promise<Response<unknown>> {
    this.restarts++;
    this.options.onRestart?.(reason);
    try {
      await this.worker?.terminate();
    } catch {
      // a worker that is already gone is what we wanted
    }
    this.worker = null;
    try {
      await this.boot();
    } catch (e) {
      this.worker = null;
      return fail('ENGINE_RESTARTED', `${reason}; restarting the engine failed too (${e instanceof Error ? e.message : String(e)})`);
    }
    return fail(code, `${reason}; the engine was restarted and your episode restored`);
  }
}

function fail(code: ErrorValue['code'], message: string): Response<never> {
  return { ok: false, error: { code, message: `${code}: ${message}` } };
}
