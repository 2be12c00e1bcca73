// The browser's environment worker as the supervisor sees it: a module Web Worker and its crash events; the first one,
// and DuckDB's wasm compile, started at navigation by the page's entry (src/boot.ts).
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import type { WorkerPort } from '../worker/supervisor.ts';
import { PageWasm } from './wasm-handoff.ts';

let wasm: PageWasm | null = null;
let early: Worker | null = null;

/** Starts the wasm download and compile, and the first worker, before the app's code has even loaded. */
export function startEarly(): void {
  early ??= spawn();
}

/** Starts workers/env.worker.ts (Vite bundles it from this URL) and hands it the compiled wasm. */
function spawn(): Worker {
  // The eh bundle: every browser this app supports has wasm exceptions; if not, the worker falls back on its own.
  wasm ??= new PageWasm(ehWasm, 'duckdb-eh.wasm');
  const worker = new Worker(new URL('../../workers/env.worker.ts', import.meta.url), { type: 'module', name: 'sql-optim-env' });
  // A restart's worker gets the module at once: the page compiles it once per visit.
  wasm.handTo(worker);
  return worker;
}

/** The worker started at navigation the first time, a new one after that (a restart). */
export function browserWorker(): WorkerPort {
  const worker = early ?? spawn();
  early = null;
  return {
    endpoint: worker,
    terminate: () => worker.terminate(),
    onCrash: (fn) => worker.addEventListener('error', (e) => fn(e.message)),
  };
}
