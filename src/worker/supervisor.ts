// The supervisor of the environment worker, in the browser (Web Worker) and in Node (worker_threads): every call has a
// hard deadline; past it, or when the engine crashes, the worker is terminated, respawned, its data regenerated and
// the episode restored from the snapshot that rode along with the last successful answer. The worker is ready once its
// visible data is; a judging call first waits for its hidden data, generated in the background.
import * as Comlink from 'comlink';
import { fail } from '../env/errors.ts';
import { OPS, OP_NAMES, type OpName, type OpRequest, type OpResult, isOp, unknownOp } from '../env/ops.ts';
import type { CallProgress } from '../env/progress.ts';
import { type EnvSnapshot, SNAPSHOT_VERSION } from '../env/snapshot.ts';
import type { Response } from '../env/types.ts';
import { DEFAULT_DEADLINES, type Deadlines } from './deadlines.ts';
import { Emitter } from './events.ts';
import { HiddenGate } from './hidden-gate.ts';
import type { BootInfo, BootProgress, CallAnswer, HiddenStatus, WorkerApi } from './protocol.ts';

/** A running worker, whatever the platform: its comlink endpoint, a way to kill it, and news of its death. */
export interface WorkerPort {
  endpoint: Comlink.Endpoint;
  terminate(): void;
  /** calls `fn` once if the worker dies on its own (uncaught error, exit) */
  onCrash(fn: (message: string) => void): void;
}

/** Where progress survives a reload (IndexedDB in the browser); load() rejects with CorruptStoreError when unreadable. */
export interface ProgressStore {
  load(): Promise<unknown | null>;
  save(snapshot: unknown): Promise<void>;
  clear(): Promise<void>;
}

/** The saved progress could not be read back; the supervisor reports it and clears the store. */
export class CorruptStoreError extends Error {
  override name = 'CorruptStoreError';
}

/** What the page shows about the engine; `hidden` changes while ready, when the background generation ends. */
export type ClientStatus =
  | { kind: 'booting'; progress: BootProgress | null; restart: string | null; started_ms: number }
  | { kind: 'ready'; info: BootInfo; boot_ms: number; load_ms: number; hidden: HiddenStatus }
  | { kind: 'failed'; message: string };

/** A message for the person: a reset store, a restart, an unsaved snapshot. */
export interface Notice {
  level: 'info' | 'warning' | 'error';
  text: string;
}

/** Who made a call, so the page can tell the person's Run and Submit from an agent's steps or a replay's re-run;
 *  calls arriving on window.sqlOptimEnv (or any caller that does not say) are `outside`. */
export type CallOrigin = 'person' | 'person-run' | 'person-submit' | 'agent' | 'rerun' | 'outside';

/** A finished call, whoever made it (the UI or an agent on window.sqlOptimEnv). */
export interface CallEvent {
  op: OpName;
  arg: unknown;
  response: Response<unknown>;
  origin: CallOrigin;
  /** a reset's: the episode it replaced (a snapshot's episode part, null for none), so the page can keep it aside */
  replaced?: unknown;
}

/** What a call under way is doing (only when the supervisor was asked for progress); at most one every PROGRESS_MS. */
export interface ProgressEvent {
  op: OpName;
  origin: CallOrigin;
  progress: CallProgress;
}

interface ClientEvents extends Record<string, unknown> {
  status: ClientStatus;
  notice: Notice;
  call: CallEvent;
  progress: ProgressEvent;
}

/** Least time between two progress events: a timing pair can take a millisecond, and a page need not redraw faster. */
export const PROGRESS_MS = 100;

export interface SupervisorOptions {
  createWorker: () => WorkerPort;
  /** null when there is nowhere to keep progress (Node, a browser without IndexedDB): it then lives as long as the process */
  store: ProgressStore | null;
  deadlines?: Deadlines;
  /**
   * Total time the worker has spent waiting for a measurement scheduler (the HTTP server's pool), the wait under way
   * included: a call's hard deadline is extended by its share, which is other sessions' work, not the call's own.
   */
  measureWaitMs?: () => number;
  /** ask the worker what a call is doing while it runs (the page's busy line); off where nobody watches (Node) */
  callProgress?: boolean;
}

/** What `ready()` answers once the engine is up; `hidden` as it was then (judging calls wait for it either way). */
export type ReadyInfo = BootInfo & { boot_ms: number; load_ms: number; hidden: HiddenStatus };

/** The worker's state before any mutating call: no episode, nothing on the leaderboard, nothing measured. */
const EMPTY_SNAPSHOT: EnvSnapshot = {
  version: SNAPSHOT_VERSION,
  episode: null,
  leaderboard: [],
  reference_timings: [],
  references_seen: [],
};

type Outcome<T> =
  { kind: 'answer'; value: T } | { kind: 'deadline' } | { kind: 'died'; reason: string } | { kind: 'threw'; message: string };

/** Why a call ended when the person pressed Stop. */
const STOPPED = 'stopped by you';

/** Owns one worker at a time; calls run one after another because the worker is single-threaded and blocking. */
export class Supervisor {
  readonly events = new Emitter<ClientEvents>();
  status: ClientStatus = { kind: 'booting', progress: null, restart: null, started_ms: 0 };
  private worker: WorkerPort | null = null;
  private remote: Comlink.Remote<WorkerApi> | null = null;
  /** the current worker's hidden data, from its boot on */
  private gate: HiddenGate | null = null;
  /** Resolves when the current worker is ready (or failed for good). */
  private booted: Promise<void> = Promise.resolve();
  private firstReady: Promise<Response<ReadyInfo>> | null = null;
  /** Resolves with a reason when the current worker dies; every in-flight call races it. */
  private died: (reason: string) => void = () => {};
  private death: Promise<string> = new Promise(() => {});
  private queue: Promise<unknown> = Promise.resolve();
  private lastSnapshot: unknown = null;
  private readonly deadlines: Deadlines;
  /** How many times Stop was pressed: a call that runs queries or changes the episode, asked for before a Stop, never
   *  starts after it. */
  private stops = 0;

  constructor(private readonly opts: SupervisorOptions) {
    this.deadlines = opts.deadlines ?? { ...DEFAULT_DEADLINES };
  }

  /** Starts the first worker and restores saved progress; idempotent. */
  start(): Promise<Response<ReadyInfo>> {
    this.firstReady ??= this.firstBoot();
    return this.firstReady;
  }

  /** The environment API: one call of a registry op, answered with the same `{ok, result|error}` values as the stdio server. */
  async call<K extends OpName>(op: K, arg?: OpRequest<K>, origin: CallOrigin = 'outside'): Promise<Response<OpResult<K>>> {
    // An unknown op has no deadline and no business in the worker: refused here, as the core would.
    if (!isOp(op)) return fail('INVALID_REQUEST', unknownOp(op, OP_NAMES));
    const asked = this.stops;
    // Nothing runs before saved progress is restored, or the restore would overwrite it.
    await this.start();
    return this.enqueue(() => this.callNow(op, arg, origin, asked));
  }

  /**
   * Puts `episode` (a snapshot's episode part, or null for none) into the worker in place of its current one, keeping
   * the current leaderboard and reference timings (they only grow; a parked episode must never roll them back).
   * Answers the episode part it replaced, for the page to park. Queued like a call, so nothing lands in between.
   */
  async swapEpisode(episode: unknown): Promise<Response<unknown>> {
    const asked = this.stops;
    await this.start();
    return this.enqueue(async () => {
      const now = (this.lastSnapshot ?? EMPTY_SNAPSHOT) as EnvSnapshot;
      const response = await this.callNow('restore', { ...now, episode } as OpRequest<'restore'>, 'person', asked);
      return response.ok ? { ok: true, result: now.episode } : response;
    });
  }

  /** Ends the supervision: the worker is terminated and not replaced (a CLI that is done). */
  async close(): Promise<void> {
    await this.queue;
    const worker = this.worker;
    this.worker = null;
    this.setStatus({ kind: 'failed', message: 'closed' });
    worker?.terminate();
  }

  /** The snapshot of the last successful mutating call (or restore): what a respawn would restore; null before any. */
  get snapshot(): unknown {
    return this.lastSnapshot;
  }

  /**
   * Stops every call asked for so far that runs queries or changes the episode (the person's Stop button): the one
   * running takes the same path as a missed deadline, and each one queued ends the same way when its turn comes, without
   * reaching a worker (at once, unless a read asked for before Stop is ahead of it, waiting for the new worker). Without
   * this a Run pressed just before Stop, queued behind another call, ran on the replacement worker. A read asked for
   * before Stop still runs: it changes nothing, and the page needs its answer.
   */
  abort(): void {
    this.stops++;
    if (this.status.kind === 'ready') this.died(STOPPED);
  }

  private async callNow<K extends OpName>(op: K, arg: unknown, origin: CallOrigin, asked: number): Promise<Response<OpResult<K>>> {
    const before = ((this.lastSnapshot ?? EMPTY_SNAPSHOT) as EnvSnapshot).episode;
    const told = this.opts.callProgress
      ? throttle((progress: CallProgress) => this.events.emit('progress', { op, origin, progress }))
      : null;
    const out = await this.invoke(op, arg, asked, told?.push);
    told?.stop();
    const response = this.settle(op, out) as Response<OpResult<K>>;
    if (out.kind === 'answer' && out.value.snapshot !== null && response.ok) this.remember(out.value.snapshot);
    this.events.emit('call', { op, arg, response, origin, ...(op === 'reset' ? { replaced: before } : {}) });
    return response;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async firstBoot(): Promise<Response<ReadyInfo>> {
    // Reading IndexedDB overlaps with the wasm download.
    const saved = this.opts.store?.load().then(
      (s) => ({ ok: true as const, s }),
      (e: unknown) => ({ ok: false as const, e }),
    );
    this.booted = this.boot(null);
    await this.booted;
    if (this.status.kind !== 'ready')
      return fail('ENGINE_FATAL', this.status.kind === 'failed' ? this.status.message : 'the engine did not start');
    const loaded = await saved;
    if (loaded && !loaded.ok && loaded.e instanceof CorruptStoreError) await this.resetStore(loaded.e.message);
    else if (loaded && !loaded.ok) this.notify('warning', `Progress will not be saved in this browser: ${String(loaded.e)}`);
    else if (loaded?.ok && loaded.s !== null) {
      // Not queued: no call can start before this method returns (each awaits start()).
      const restored = this.settle('restore', await this.invoke('restore', loaded.s, this.stops));
      if (restored.ok) this.lastSnapshot = loaded.s;
      else await this.resetStore(restored.error.message);
    }
    const { info, boot_ms, load_ms, hidden } = this.status;
    return { ok: true, result: { ...info, boot_ms, load_ms, hidden } };
  }

  private async resetStore(why: string): Promise<void> {
    this.notify('warning', `Saved progress was unreadable and has been reset (${why}).`);
    await this.opts.store?.clear().catch(() => undefined);
  }

  /** Spawns a worker, generates the data, and restores the last snapshot after a restart. */
  private async boot(restart: string | null): Promise<void> {
    const started = performance.now();
    this.setStatus({ kind: 'booting', progress: null, restart, started_ms: started });
    const worker = this.opts.createWorker();
    const remote = Comlink.wrap<WorkerApi>(worker.endpoint);
    this.worker = worker;
    this.remote = remote;
    let resolveDeath: (reason: string) => void = () => {};
    const death = (this.death = new Promise<string>((resolve) => (resolveDeath = resolve)));
    // The replacement starts synchronously, so any call queued behind the dead one already waits for the new worker.
    this.died = (reason) => {
      resolveDeath(reason);
      this.replace(worker, reason);
    };
    worker.onCrash((message) =>
      this.worker === worker ? this.died(`the engine worker crashed: ${message || 'unknown error'}`) : undefined,
    );
    try {
      // Progress travels on its own message port, so a report can arrive after boot's answer: once this worker is
      // ready, a late report must not turn it back to booting (calls would then find "the engine is not running").
      const onProgress = Comlink.proxy((progress: BootProgress) => {
        if (this.worker === worker && this.status.kind === 'booting')
          this.setStatus({ kind: 'booting', progress, restart, started_ms: started });
      });
      const info = await Promise.race([remote.boot(onProgress), death.then((r) => Promise.reject(new Error(r)))]);
      const gate = (this.gate = new HiddenGate(remote.hidden()));
      if (restart && this.lastSnapshot !== null) {
        const r = (await remote.call('restore', this.lastSnapshot)).response;
        if (!r.ok) this.notify('error', `The engine restarted but the episode could not be restored: ${r.error.message}`);
      }
      const now = performance.now();
      this.setStatus({ kind: 'ready', info, boot_ms: now - started, load_ms: now, hidden: gate.status });
      void gate.settled.then((hidden) => {
        if (this.worker === worker && this.status.kind === 'ready') this.setStatus({ ...this.status, hidden });
      });
    } catch (e) {
      if (this.worker === worker) this.setStatus({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }

  /** Terminates a dead worker and, if it had been ready, starts the next one; deaths of earlier workers are ignored. */
  private replace(worker: WorkerPort, reason: string): void {
    if (this.worker !== worker) return;
    worker.terminate();
    this.remote?.[Comlink.releaseProxy]();
    // A worker that dies while booting would die again: report the failure instead of respawning forever.
    if (this.status.kind !== 'ready') return;
    this.notify('warning', `The engine was restarted (${reason}); data is regenerated and your episode restored.`);
    this.booted = this.boot(reason);
  }

  /** One remote call raced against its deadline and the worker's death. */
  private async invoke(op: OpName, arg: unknown, asked: number, onProgress?: (p: CallProgress) => void): Promise<Outcome<CallAnswer>> {
    const stopped = () => (OPS[op].cost !== 'light' || OPS[op].mutates) && this.stops !== asked;
    if (stopped()) return { kind: 'died', reason: STOPPED };
    await this.booted;
    if (stopped()) return { kind: 'died', reason: STOPPED };
    const { remote, gate } = this;
    if (this.status.kind !== 'ready' || !remote || !gate)
      return { kind: 'died', reason: this.status.kind === 'failed' ? this.status.message : 'the engine is not running' };
    const died = this.death.then((reason): Outcome<CallAnswer> => ({ kind: 'died', reason }));
    // A judging call's hard deadline starts once the hidden data is ready: the wait is for background generation, which
    // has no deadline of its own (like boot: Stop or a crash ends it), and the deadline is sized for the call's own work.
    const waited = await Promise.race([gate.admit(op).then(() => null), died]);
    if (waited) return waited;
    const ms = this.deadlines[op];
    const waitedMs = this.opts.measureWaitMs ?? (() => 0);
    const waitedBefore = waitedMs();
    let extended = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<Outcome<CallAnswer>>((resolve) => {
      const arm = (after: number) =>
        (timer = setTimeout(() => {
          const extra = waitedMs() - waitedBefore - extended;
          if (extra <= 0) return resolve({ kind: 'deadline' });
          extended += extra;
          arm(extra);
        }, after));
      arm(ms);
    });
    const outcome = await Promise.race<Outcome<CallAnswer>>([
      // Like boot's, the callback travels on its own message port: the worker posts to it while its thread is busy.
      Promise.resolve(remote.call(op, arg, onProgress && Comlink.proxy(onProgress))).then(
        (value) => ({ kind: 'answer', value }),
        (e: unknown) => ({ kind: 'threw', message: e instanceof Error ? e.message : String(e) }),
      ),
      deadline,
      died,
    ]);
    clearTimeout(timer);
    if (outcome.kind === 'deadline') this.died(`${op} passed its hard deadline of ${(ms / 1000).toFixed(0)} s`);
    return outcome;
  }

  /** Turns an outcome into the API's answer; an ENGINE_FATAL answer also triggers a restart. */
  private settle(op: OpName, out: Outcome<CallAnswer>): Response<unknown> {
    if (out.kind === 'deadline')
      return fail(
        'TIMEOUT',
        `${op} did not finish within ${(this.deadlines[op] / 1000).toFixed(0)} s; the engine was restarted and the episode restored to its last step`,
      );
    if (out.kind === 'died') return fail('ENGINE_RESTARTED', `${out.reason}; the episode was restored to its last step`);
    if (out.kind === 'threw') return fail('INTERNAL', out.message);
    const response = out.value.response;
    if (!response.ok && response.error.code === 'ENGINE_FATAL') {
      this.died(response.error.message);
      return fail('ENGINE_RESTARTED', `${response.error.message}; the episode was restored to its last step`);
    }
    return response;
  }

  private remember(snapshot: unknown): void {
    this.lastSnapshot = snapshot;
    this.opts.store?.save(snapshot).catch((e: unknown) => this.notify('warning', `Progress could not be saved: ${String(e)}`));
  }

  private setStatus(s: ClientStatus): void {
    this.status = s;
    this.events.emit('status', s);
  }

  private notify(level: Notice['level'], text: string): void {
    this.events.emit('notice', { level, text });
  }
}

/**
 * Passes reports on at most once every PROGRESS_MS: the first at once, then the latest of each interval (an earlier
 * one is stale by then). stop() drops what is still held: the call has ended, so its progress means nothing any more.
 */
function throttle<T>(emit: (v: T) => void): { push: (v: T) => void; stop: () => void } {
  let last = -Infinity;
  let held: { v: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A report travels on its own port, so one can arrive after the call's answer: it is dropped, not shown.
  let stopped = false;
  const flush = () => {
    timer = undefined;
    if (!held) return;
    last = performance.now();
    const { v } = held;
    held = null;
    emit(v);
  };
  return {
    push(v) {
      if (stopped) return;
      held = { v };
      const wait = last + PROGRESS_MS - performance.now();
      if (wait <= 0) flush();
      else timer ??= setTimeout(flush, wait);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      held = null;
    },
  };
}
