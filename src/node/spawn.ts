// The environment worker in Node (worker_threads + tsx, so the TypeScript sources run as they are) under the shared Supervisor.
import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { SetupOptions } from '../env/setup.ts';
import type { GateLink } from './measure-gate.ts';
import { DEFAULT_DEADLINES, type Deadlines } from '../worker/deadlines.ts';
import type { HiddenStatus } from '../worker/protocol.ts';
import { type ClientStatus, Supervisor, type WorkerPort } from '../worker/supervisor.ts';

const ENTRY = new URL('../../workers/env.node-worker.ts', import.meta.url).href;
const BOOTSTRAP = new URL('./ts-worker.mjs', import.meta.url);

/** Budgets and limits handed to the worker's environment. */
export type WorkerSetup = Partial<Pick<SetupOptions, 'dataset' | 'executor' | 'limits' | 'env' | 'judgedSeed'>>;

/** Starts one worker thread running workers/env.node-worker.ts; with `gate`, its timed rounds wait for a scheduler. */
export function nodeWorker(setup: WorkerSetup = {}, gate?: GateLink): WorkerPort {
  const worker = new Worker(BOOTSTRAP, { workerData: { entry: ENTRY, setup, gate }, transferList: gate ? [gate.port] : [] });
  worker.unref(); // a CLI exits when its work is done, not when the worker is idle
  let crashed: ((message: string) => void) | null = null;
  let terminating = false;
  worker.on('error', (e) => crashed?.(e.message));
  worker.on('exit', (code) => !terminating && crashed?.(`the worker exited with code ${code}`));
  return {
    endpoint: nodeEndpoint(worker),
    terminate: () => {
      terminating = true;
      void worker.terminate();
    },
    onCrash: (fn) => (crashed = fn),
  };
}

/**
 * A started supervisor over Node workers, with every dataset built before it answers, as Node callers (the CLI, tests)
 * expect; only a replaced worker generates its hidden data in the background. `deadlines` overrides some hard deadlines.
 */
export async function startSupervised(
  setup: WorkerSetup = {},
  overrides: Partial<Deadlines> = {},
  /** the HTTP server's measurement scheduler: a fresh link for each worker the supervisor starts, and its waits */
  scheduled?: { link: () => GateLink; waitedMs: () => number },
): Promise<Supervisor> {
  const deadlines = { ...DEFAULT_DEADLINES, ...overrides };
  const createWorker = () => nodeWorker(setup, scheduled?.link());
  const sup = new Supervisor({ createWorker, store: null, deadlines, measureWaitMs: scheduled?.waitedMs });
  const ready = await sup.start();
  if (!ready.ok) throw new Error(ready.error.message);
  const hidden = await hiddenSettled(sup);
  if (hidden.kind === 'failed') throw new Error(`the hidden data could not be generated (${hidden.message})`);
  return sup;
}

/** Resolves once the running worker's hidden data is generated or failed, or the engine failed. */
function hiddenSettled(sup: Supervisor): Promise<HiddenStatus> {
  const settled = (s: ClientStatus): HiddenStatus | null => {
    if (s.kind === 'failed') return { kind: 'failed', message: s.message };
    if (s.kind === 'ready' && s.hidden.kind !== 'preparing') return s.hidden;
    return null;
  };
  return new Promise((resolve) => {
    const now = settled(sup.status);
    if (now) return resolve(now);
    const off = sup.events.on('status', (s) => {
      const h = settled(s);
      if (!h) return;
      off();
      resolve(h);
    });
  });
}
