// The browser's environment worker as the supervisor sees it: a module Web Worker and its crash events.
import type { WorkerPort } from '../worker/supervisor.ts';

/** Starts workers/env.worker.ts (Vite bundles it from this URL). */
export function browserWorker(): WorkerPort {
  const worker = new Worker(new URL('../../workers/env.worker.ts', import.meta.url), { type: 'module', name: 'sql-optim-env' });
  return {
    endpoint: worker,
    terminate: () => worker.terminate(),
    onCrash: (fn) => worker.addEventListener('error', (e) => fn(e.message)),
  };
}
