// Vite build of the browser app: Svelte UI, Monaco, and the DuckDB-WASM worker, all served from one origin.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The blocking browser build is not in @duckdb/duckdb-wasm's `exports`, so it is reached by file path.
const duckdbBrowserBlocking = fileURLToPath(
  new URL('./node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs', import.meta.url),
);

export default defineConfig({
  // Relative base: the built dist/ works from any sub-path (a Space, a folder on a static server).
  base: './',
  plugins: [svelte()],
  resolve: {
    alias: [{ find: /^duckdb-browser-blocking$/, replacement: duckdbBrowserBlocking }],
  },
  // ES workers: the iife format cannot code-split, and the env worker imports the wasm glue dynamically.
  // DuckDB's Emscripten glue contains direct evals on paths this app never takes (the worker has no CSP of its own,
  // the page's forbids eval): the warnings about them only bury real ones.
  worker: { format: 'es', rolldownOptions: { checks: { eval: false } } },
  build: {
    target: 'es2022',
    // The polyfill would be an inline script, which the Content-Security-Policy forbids.
    modulePreload: { polyfill: false },
    // Monaco and the DuckDB glue are large by nature; the real budget is checked in the report, not here.
    chunkSizeWarningLimit: 4096,
    // The wasm files are ~35 MB each; never inline assets that big (the default only inlines < 4 KB anyway).
    assetsInlineLimit: 4096,
    // Monaco and DuckDB are slow to bundle by nature; the timing report says nothing actionable.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
  optimizeDeps: {
    // The worker's dependencies are found only once it starts; listing them avoids a dev-server reload mid-boot.
    include: ['comlink', 'apache-arrow', 'duckdb-browser-blocking'],
    // Pre-bundling Monaco in dev breaks its worker imports; the app lazy-loads it anyway.
    exclude: ['monaco-editor'],
  },
});
