// The environment worker: loads DuckDB-WASM (eh bundle, mvp fallback) from this origin and exposes the environment with comlink.
import * as Comlink from 'comlink';
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import { BROWSER_RUNTIME, VoidLogger, createDuckDB, getPlatformFeatures } from 'duckdb-browser-blocking';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import { AHEAD, createWorkerApi, type LoadedDb } from '../src/worker/host.ts';
import type { BootProgress } from '../src/worker/protocol.ts';
import { withOrderedProgress } from './ordered-boot.ts';
import { instantiateFrom, provideModule } from './wasm-module.ts';
import { WorkerWasm } from '../src/client/wasm-handoff.ts';
import { VisibleCopyStore } from '../src/client/visible-copy-store.ts';

// Task files travel inside the worker bundle, so the app needs no fetch for them.
const globbed = import.meta.glob('../tasks/*/*', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const taskFiles = Object.fromEntries(Object.entries(globbed).map(([k, v]) => [k.replace(/^(\.\.\/)+/, ''), v]));

// Listening before comlink does: the page sends the eh module it compiled at navigation (src/client/wasm-handoff.ts).
const fromPage = new WorkerWasm(self);

/** Fetches, compiles and opens DuckDB; the eh bundle first, the mvp one if eh is unsupported or fails. */
async function loadDuckDB(onProgress: (p: BootProgress) => void): Promise<LoadedDb> {
  const t0 = performance.mark('duckdb:load').startTime;
  // Waiting for the page's module (it relays the download progress meanwhile) rather than fetching the file twice.
  const given = await fromPage.wait(onProgress);
  if (given) provideModule(ehWasm, given);
  performance.mark('duckdb:module-from-page');
  const order: ('eh' | 'mvp')[] = (await getPlatformFeatures()).wasmExceptions ? ['eh', 'mvp'] : ['mvp'];
  performance.mark('duckdb:features');
  let lastError: unknown;
  for (const bundle of order) {
    try {
      const mainModule = bundle === 'eh' ? ehWasm : mvpWasm;
      // The blocking build runs in this thread, so no DuckDB worker script is needed.
      const bundles =
        bundle === 'eh'
          ? { mvp: { mainModule: mvpWasm, mainWorker: '' }, eh: { mainModule, mainWorker: '' } }
          : { mvp: { mainModule, mainWorker: '' } };
      const db: DuckDBBindings = await createDuckDB(bundles, new VoidLogger(), BROWSER_RUNTIME);
      await instantiateFrom(db, mainModule, `duckdb-${bundle}.wasm`, BROWSER_RUNTIME, onProgress);
      performance.mark('duckdb:instantiated');
      db.open({});
      performance.mark('duckdb:opened');
      return { db, bundle, ms: performance.now() - t0 };
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}

// People practise here: the reference and the ground truth are shown when an episode ends, the reference is measured
// ahead while they read the task, and the visible tables are kept for the next visit.
Comlink.expose(withOrderedProgress(createWorkerApi(loadDuckDB, taskFiles, { env: { revealAtEnd: true } }, AHEAD, new VisibleCopyStore())));
