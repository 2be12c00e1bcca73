// The worker side of the protocol: boots the environment core over loaded DuckDB bindings and answers calls. Boot
// answers once the visible data is ready; the hidden data follows in the background, and judging calls wait for it.
// DOM-free and worker-global-free, so the browser and Node workers (workers/*.ts) share it and only supply the loader.
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import type { Environment, VisibleInfo } from '../env/environment.ts';
import { type HiddenPhase, type HiddenInstances, type SetupOptions, startEnvironment } from '../env/setup.ts';
import { MAIN_SPEC, datasetSql } from '../env/dataset.ts';
import { DuckDBEngine } from '../env/engine.ts';
import { copyable, writeCopy } from '../env/visible-copy.ts';
import { errorValue, toErrorValue } from '../env/errors.ts';
import { OPS, isOp, type OpName } from '../env/ops.ts';
import type { OnProgress } from '../env/progress.ts';
import { OPEN_GATE } from '../env/timing.ts';
import type { Response } from '../env/types.ts';
import { macrotask, runInChunks } from './chunks.ts';
import { HiddenGate } from './hidden-gate.ts';
import type { BootInfo, BootProgress, CallAnswer, HiddenSettled, WorkerApi } from './protocol.ts';

/** DuckDB bindings, instantiated and opened, and how long that took. */
export interface LoadedDb {
  db: DuckDBBindings;
  bundle: 'eh' | 'mvp';
  ms: number;
}

type LoadDb = (onProgress: (p: BootProgress) => void) => Promise<LoadedDb>;

/**
 * When the worker measures ahead (see prepareAhead below). Only the page's worker does: a person reads the task for
 * seconds. An agent's process (stdio, the HTTP pool) does not, because its reference must stay measured in the same
 * rounds as its rewrite: measured apart, in a window the agent chooses, whatever the agent runs on the machine
 * meanwhile would bend the reference alone, and an evaluation's figures would depend on how fast its policy answers.
 */
export interface AheadOptions {
  /** how long after a call with no other the work starts: a click that follows at once never waits for it */
  quietMs: number;
  /** a round that took longer ends the work: a call arriving during the next would wait as long (a light call's hard
   *  deadline is 20 s; the tasks' rounds take a few seconds at most, so this only ever stops the slowest on a busy machine) */
  roundMs: number;
  /** told after every step of the work (tests count them) */
  onStep?: () => void;
}

export const AHEAD: AheadOptions = { quietMs: 500, roundMs: 5_000 };

/** How long boot waits for the kept copy of the visible tables before it generates them instead. */
const STORE_WAIT_MS = 2_000;

/** Where the page keeps its copy of the visible tables between visits (IndexedDB); every method may reject. */
export interface CopyStore {
  load(): Promise<Uint8Array | null>;
  save(file: Uint8Array): Promise<void>;
  clear(): Promise<void>;
}

/** A performance mark each time a measurement ahead completes (diagnostics: the page's marks, and tests). */
export const AHEAD_MARK = 'sql-optim-env:reference-ahead';

/** The object the worker exposes: boot once, then calls into the environment. */
export function createWorkerApi(
  loadDb: LoadDb,
  taskFiles: Record<string, string>,
  /** budgets and limits for this worker (tests and benchmarks tune them) */
  setup: Partial<Pick<SetupOptions, 'dataset' | 'executor' | 'limits' | 'env' | 'judgedSeed' | 'gate'>> = {},
  /** measure ahead while idle: the page's worker only (AheadOptions) */
  ahead: AheadOptions | null = null,
  /** keep the visible tables between visits: the page's worker only (visible-copy.ts) */
  copies: CopyStore | null = null,
): WorkerApi {
  let env: Environment<VisibleInfo> | null = null;
  let gate: HiddenGate | null = null;
  let startHidden: (() => HiddenGate) | null = null;
  /** The hidden phase, started by whichever comes first: the supervisor asking for it, or a call. */
  const hiddenGate = () => (gate ??= startHidden?.() ?? null);
  /** Bumped by every call: work ahead that began before it stops at its next round. */
  let calls = 0;
  /**
   * Once no call has come for `ahead.quietMs` after one, the episode's reference is measured ahead of its first step
   * (Environment.prepare), a round per macrotask: a call that arrives meanwhile waits for one round at most, and the work
   * is dropped (the step then times the reference beside itself). Never under a measurement gate either: in the HTTP
   * server's pool a worker's idle rounds would hold every other worker's calls (setup.gate).
   */
  const prepareAhead = async (mine: number) => {
    if (!ahead || setup.gate) return;
    await new Promise((resolve) => setTimeout(resolve, ahead.quietMs));
    if (mine !== calls || !env || (await hiddenGate()?.settled)?.kind !== 'ready') return;
    const steps = env.prepare();
    try {
      for (;;) {
        if (mine !== calls) return;
        const t0 = performance.now();
        const step = steps.next();
        ahead.onStep?.();
        if (step.done) return void (step.value && performance.mark(AHEAD_MARK));
        if (performance.now() - t0 > ahead.roundMs) return;
        await macrotask();
      }
    } catch {
      // Measured beside the step instead; the failure, if it is the reference's, is told there.
    }
  };
  return {
    async boot(onProgress) {
      // Read while the wasm loads. A store that fails or does not answer in time (IndexedDB blocked) is one with nothing
      // in it, and one not worth writing to.
      let storeWorks = false;
      const kept =
        copies && copyable({ ...MAIN_SPEC, ...setup.dataset })
          ? Promise.race([
              copies.load().then((file) => ((storeWorks = true), file)),
              new Promise<null>((resolve) => setTimeout(() => resolve(null), STORE_WAIT_MS)),
            ]).catch(() => null)
          : null;
      const { db, bundle, ms } = await loadDb(onProgress);
      const t0 = performance.now();
      // The scale op's scratch instance is loaded on its first call, not here: boot pays nothing for it.
      const scratch = async () => (await loadDb(() => {})).db;
      const visibleCopy = await kept;
      let started: ReturnType<typeof startEnvironment>;
      try {
        started = startEnvironment({ ...setup, db, taskFiles, onProgress, scratch, visibleCopy });
      } catch (e) {
        // A copy that broke the engine must not break the next worker too: it generates instead.
        if (visibleCopy) await copies?.clear().catch(() => undefined);
        throw e;
      }
      env = started.env;
      const setup_ms = performance.now() - t0;
      // A copy for the next visit when this one had none or refused it, made once the hidden data is ready; a refused
      // one goes at once (IndexedDB runs the two writes in this order).
      const keep = storeWorks && env.info().visible_source !== 'copy' ? copies : null;
      if (keep && visibleCopy) void keep.clear().catch(() => undefined);
      // Not awaited: the page is usable from here on, and only judging calls need what this makes. Not started here
      // either: its first wasm load would hold boot's answer back (comlink answers on a later turn), and the page's
      // "ready" with it; the supervisor asks for it (hidden()) as soon as that answer is in.
      startHidden = () => {
        const phase = new HiddenGate(prepareHidden(loadDb, started.hidden));
        if (keep) void phase.settled.then((h) => (h.kind === 'ready' ? keepCopy(loadDb, keep) : undefined));
        return phase;
      };
      const boot: BootInfo = { ...env.info(), bundle, wasm_ms: ms, setup_ms };
      return boot;
    },
    hidden: () => hiddenGate()?.settled ?? Promise.reject(new Error('the worker has not booted')),
    async call(op, arg, onProgress) {
      const mine = ++calls;
      try {
        return await respond(op, arg, onProgress);
      } finally {
        void prepareAhead(mine);
      }
    },
  };

  async function respond(op: OpName, arg: unknown, onProgress?: OnProgress): Promise<CallAnswer> {
    const gate = hiddenGate();
    if (!env || !gate)
      return { response: { ok: false, error: errorValue('INTERNAL', 'the environment is still starting') }, snapshot: null };
    const refused = isOp(op) ? await gate.admit(op) : null;
    // A fresh worker may succeed where this one failed: ENGINE_FATAL has the supervisor replace it.
    if (refused) return { response: { ok: false, error: errorValue('ENGINE_FATAL', refused) }, snapshot: null };
    if (op === 'scale') {
      const failed = await openScratch(env);
      if (failed) return { response: failed, snapshot: null };
    }
    // The whole call holds the engines shared (the HTTP server's pool): its JavaScript work (comparing results,
    // fingerprints, snapshots) never runs beside another worker's timed round either. Alone, nothing waits.
    return (setup.gate ?? OPEN_GATE).shared(() => answer(env!, op, arg, onProgress));
  }
}

/** Loads the scale op's scratch instance (the first time; asynchronous, unlike the call); a failure is the call's answer. */
async function openScratch(env: Environment<VisibleInfo>): Promise<Response<unknown> | null> {
  try {
    await env.scratch?.open();
    return null;
  } catch (e) {
    return {
      ok: false,
      error: errorValue('OUT_OF_MEMORY', `the scratch database for other data sizes could not be loaded: ${toErrorValue(e).message}`),
    };
  }
}

function answer(env: Environment<VisibleInfo>, op: OpName, arg: unknown, onProgress?: OnProgress): CallAnswer {
  // A proxied callback returns a promise that is never awaited: the page's end of the port may be gone (a respawn), and
  // the engine must not wait on it or fail because of it.
  const told: OnProgress | undefined =
    onProgress &&
    ((p) => {
      try {
        void Promise.resolve(onProgress(p)).catch(() => undefined);
      } catch {
        // A released proxy throws at once: the call goes on all the same.
      }
    });
  let response: Response<unknown>;
  try {
    response = env.call(op, arg, told);
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
}

/**
 * The hidden phase in the background. Each wasm instance load and each table is one chunk, with a macrotask between
 * two, so calls on the visible data are answered meanwhile (the thread is single and the bindings block). A call waits
 * for at most the chunk under way (the largest table takes about a second), far inside any hard deadline.
 */
async function prepareHidden(loadDb: LoadDb, phase: (dbs: HiddenInstances) => HiddenPhase): Promise<HiddenSettled> {
  try {
    // Boot's answer and the page's first calls go first.
    await macrotask();
    const judged = (await loadDb(() => {})).db;
    await macrotask();
    const edge = (await loadDb(() => {})).db;
    await macrotask();
    const judged_generation_ms = await runInChunks(phase({ judged, edge }));
    return { kind: 'ready', judged_generation_ms };
  } catch (e) {
    // Only the kind of failure leaves: DuckDB's message may quote the generating SQL, whose constants hold the hidden seed.
    return { kind: 'failed', message: toErrorValue(e).code };
  }
}

/**
 * A copy of the visible tables for the next visit, made in an instance of its own (the visible one is hardened, and
 * cannot attach a file): loaded, the tables generated a chunk each, written, saved; then the instance is dropped. Best
 * effort: a failure only means the next visit generates its tables.
 */
async function keepCopy(loadDb: LoadDb, copies: CopyStore): Promise<void> {
  try {
    await macrotask();
    const db = (await loadDb(() => {})).db;
    const engine = new DuckDBEngine(db);
    for (const job of datasetSql(MAIN_SPEC)) {
      await macrotask();
      engine.exec(job.sql);
    }
    await macrotask();
    await copies.save(writeCopy(db, engine));
  } catch {
    // The next visit generates.
  }
}
