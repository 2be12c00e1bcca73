// Spawns the environment worker in Node (worker_threads + tsx, so the TypeScript sources run as they are) behind a Supervisor.
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { Supervisor, type SupervisorOptions, type WorkerApi, type WorkerHandle } from '../env/supervisor.ts';

const ENTRY = new URL('../../workers/env.node-worker.ts', import.meta.url).href;
const BOOTSTRAP = new URL('./ts-worker.mjs', import.meta.url);

/** Starts one worker thread running workers/env.node-worker.ts. */
export function spawnNodeWorker(): WorkerHandle {
  const worker = new Worker(BOOTSTRAP, { workerData: { entry: ENTRY } });
  worker.unref(); // the CLI exits when its work is done, not when the worker is idle
  const api = Comlink.wrap<WorkerApi>(nodeEndpoint(worker));
  return { api: api as unknown as WorkerHandle['api'], terminate: () => worker.terminate() };
}

/** Default deadlines: a step runs ~20 gated queries of at most 5 s each before the engine cancels on its own. */
export const NODE_SUPERVISOR: Omit<SupervisorOptions, 'init'> = { callDeadlineMs: 120_000, initDeadlineMs: 120_000 };

/** A started supervisor over a Node worker. */
export async function startSupervised(init: unknown = {}, o: Partial<SupervisorOptions> = {}): Promise<Supervisor> {
  const s = new Supervisor(spawnNodeWorker, { ...NODE_SUPERVISOR, init, ...o });
  await s.start();
  return s;
}
