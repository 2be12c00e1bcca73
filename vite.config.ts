// Vite build of the browser app: Svelte UI, Monaco, and the DuckDB-WASM worker, all served from one origin.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, loadEnv, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { viewerTemplate } from './src/replay/viewer-build.ts';
import { devWorkerBundle } from './src/dev/worker-bundle.ts';
import { ORIGINS_VARIABLE, agentOrigins, withAgentOrigins } from './src/ui/agent/origins.ts';

// The blocking browser build is not in @duckdb/duckdb-wasm's `exports`, so it is reached by file path.
const duckdbBrowserBlocking = fileURLToPath(
  new URL('./node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs', import.meta.url),
);
const alias = [{ find: /^duckdb-browser-blocking$/, replacement: duckdbBrowserBlocking }];

/** The standalone replay viewer template beside the app (replay-viewer.html), which "Export .html" fills in. */
function replayViewerTemplate(): Plugin {
  const name = 'replay-viewer.html';
  return {
    name: 'sql-optim-env:replay-viewer-template',
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: name, source: await viewerTemplate((l) => this.info(l)) });
    },
    configureServer(server) {
      // In dev it is built on first request (then cached), so exporting works with `npm start` too.
      server.middlewares.use(async (req, res, next) => {
        if (!req.url?.split('?')[0].endsWith(`/${name}`)) return next();
        try {
          res.setHeader('content-type', 'text/html; charset=utf-8');
          res.end(await viewerTemplate((l) => server.config.logger.info(l)));
        } catch (e) {
          next(e);
        }
      });
    },
  };
}

/**
 * The app page's CSP connect-src: 'self' plus the origins the Agent panel may call (docs/agent.md). A meta CSP cannot be
 * widened at run time, so the list is fixed here: the defaults (Hugging Face router and sign-in, localhost and
 * 127.0.0.1 on any port) plus AGENT_ORIGINS, from the environment or a .env file (where a build command cannot set
 * variables, such as a Space). The replay viewer keeps connect-src 'self' alone.
 */
function agentConnectSources(extra: string | undefined): Plugin {
  const origins = agentOrigins(extra);
  return {
    name: 'sql-optim-env:agent-connect-src',
    transformIndexHtml: {
      order: 'pre',
      handler: (html, ctx) => (/(^|[\\/])index\.html$/.test(ctx.filename) ? withAgentOrigins(html, origins) : html),
    },
  };
}

/**
 * A preload of DuckDB's eh wasm in the page's head: its download starts as the HTML is parsed, before any script, and the
 * page's entry (src/client/browser-worker.ts) then compiles that very response. The built page names the hashed asset;
 * the dev server serves the file where it lies in node_modules.
 */
function preloadWasm(): Plugin {
  const devFile = fileURLToPath(new URL('./node_modules/@duckdb/duckdb-wasm/dist/duckdb-eh.wasm', import.meta.url));
  return {
    name: 'sql-optim-env:preload-wasm',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!/(^|[\\/])index\.html$/.test(ctx.filename)) return;
        let href: string;
        if (ctx.server) href = `/${relative(ctx.server.config.root, devFile)}`;
        else {
          const wasm = Object.keys(ctx.bundle ?? {}).filter((f) => /duckdb-eh-[\w-]+\.wasm$/.test(f));
          if (wasm.length !== 1) throw new Error(`expected one duckdb-eh wasm in the build, found ${JSON.stringify(wasm)}`);
          href = `./${wasm[0]}`;
        }
        // crossorigin (same-origin credentials) matches fetch()'s defaults, so the fetch takes the preloaded response.
        return [{ tag: 'link', attrs: { rel: 'preload', href, as: 'fetch', type: 'application/wasm', crossorigin: '' }, injectTo: 'head' }];
      },
    },
  };
}

export default defineConfig(({ mode }) => ({
  // Relative base: the built dist/ works from any sub-path (a Space, a folder on a static server).
  base: './',
  plugins: [
    svelte(),
    replayViewerTemplate(),
    agentConnectSources(loadEnv(mode, process.cwd(), ORIGINS_VARIABLE)[ORIGINS_VARIABLE]),
    devWorkerBundle(alias),
    preloadWasm(),
  ],
  resolve: { alias },
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
    rolldownOptions: {
      // The app, and the replay viewer that opens without starting the engine.
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        viewer: fileURLToPath(new URL('./viewer.html', import.meta.url)),
      },
      checks: { bundlerTimings: false },
    },
  },
  server: {
    port: 5173,
    strictPort: false,
    // The app's modules are transformed while the server starts, not as the page discovers them (the environment
    // worker is bundled apart: src/dev/worker-bundle.ts).
    warmup: { clientFiles: ['./src/main.ts'] },
  },
  preview: { port: 4173 },
  // Nothing is rendered on the server in dev: Svelte's plugin would otherwise pre-bundle it for SSR at every cold start.
  environments: { ssr: { optimizeDeps: { exclude: ['svelte'] } } },
  optimizeDeps: {
    // Pre-bundling Monaco in dev breaks its worker imports; the app lazy-loads it anyway.
    exclude: ['monaco-editor'],
  },
}));
