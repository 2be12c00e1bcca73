// Types of DuckDB-WASM's blocking browser build, which vite.config.ts aliases as 'duckdb-browser-blocking'
// (the package ships the file but neither lists it in `exports` nor gives it browser-specific types).
declare module 'duckdb-browser-blocking' {
  import type {
    DuckDBBindings,
    DuckDBBundles,
    DuckDBRuntime,
    InstantiationProgress,
    Logger,
    PlatformFeatures,
  } from '@duckdb/duckdb-wasm/blocking';
  export type { DuckDBBindings, InstantiationProgress };
  export function createDuckDB(bundles: DuckDBBundles, logger: Logger, runtime: DuckDBRuntime): Promise<DuckDBBindings>;
  export function getPlatformFeatures(): Promise<PlatformFeatures>;
  export const BROWSER_RUNTIME: DuckDBRuntime;
  export class VoidLogger implements Logger {
    log(): void;
  }
}
