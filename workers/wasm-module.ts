// Compiles each DuckDB wasm file once per worker and instantiates every DuckDB instance (visible, judged, edge, scratch)
// from that one module, straight from fetch() so Chromium may cache the compiled code for the next visit.
import type { DuckDBBindings, DuckDBRuntime } from '@duckdb/duckdb-wasm/blocking';
import type { BootProgress } from '../src/worker/protocol.ts';
import { compileWasm } from '../src/client/wasm-handoff.ts';

/** Emscripten's hook for instantiating the wasm itself; DuckDB's bindings pass their method of that name to it. */
type InstantiateWasm = (
  imports: WebAssembly.Imports,
  done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
) => unknown[];

const modules = new Map<string, Promise<WebAssembly.Module>>();

/** The compiled module of `url`: the one the page gave, or compiled here once. */
export function moduleOf(url: string, detail: string, onProgress: (p: BootProgress) => void): Promise<WebAssembly.Module> {
  let module = modules.get(url);
  if (!module) {
    module = compileWasm(url, detail, onProgress);
    // A failed compile is not kept: the mvp fallback or a later load may try again.
    module.catch(() => modules.delete(url));
    modules.set(url, module);
  }
  return module;
}

/** Uses a module compiled elsewhere (the page, at navigation) for `url` from now on. */
export function provideModule(url: string, module: WebAssembly.Module): void {
  modules.set(url, Promise.resolve(module));
}

/** Instantiates `db` from the module of `url` instead of letting DuckDB fetch and compile the file again. */
export async function instantiateFrom(
  db: DuckDBBindings,
  url: string,
  detail: string,
  runtime: DuckDBRuntime,
  onProgress: (p: BootProgress) => void,
): Promise<void> {
  const module = moduleOf(url, detail, onProgress);
  let fail: (e: unknown) => void = () => {};
  // Emscripten waits for `done` forever; a failed compile must end the load instead.
  const failed = new Promise<never>((_, reject) => (fail = reject));
  const instantiateWasm: InstantiateWasm = (imports, done) => {
    // What DuckDB's own method sets first: its imports call the runtime through this global.
    (globalThis as { DUCKDB_RUNTIME?: DuckDBRuntime }).DUCKDB_RUNTIME = runtime;
    module
      .then(async (m) => {
        const instance = await WebAssembly.instantiate(m, imports);
        performance.mark('duckdb:instance');
        done(instance, m);
      })
      .catch(fail);
    return [];
  };
  // DuckDB binds this.instantiateWasm when it instantiates, so an own property replaces the prototype's.
  Object.assign(db, { instantiateWasm });
  await Promise.race([db.instantiate(() => {}), failed]);
}
