// Dev server only (`npm start`): serves the environment worker as one bundled script, as the built site does, instead of
// ~200 modules and task files the worker would discover and request one level of imports at a time (seconds of boot).
import { relative } from 'node:path';
import type { AliasOptions, Plugin, ViteDevServer } from 'vite';

/** The worker's entry, as the page's `new Worker(new URL(...))` names it. */
const ENTRY = 'workers/env.worker.ts';
const MAP = `${ENTRY}.map`;

interface Bundle {
  code: string;
  map: string | null;
  /** every file that went into it: a change to one of them rebuilds it */
  files: Set<string>;
}

/** Bundles the worker like the build does (same aliases), its wasm URLs pointing at the dev server's copies. */
async function bundleWorker(root: string, alias: AliasOptions): Promise<Bundle> {
  const { build } = await import('vite');
  const out = await build({
    configFile: false,
    envDir: false,
    root,
    base: '/',
    publicDir: false,
    logLevel: 'warn',
    mode: 'development',
    resolve: { alias },
    plugins: [
      {
        // The build would emit the wasm as a new asset; the dev server already serves the file where it lies.
        name: 'sql-optim-env:dev-wasm-url',
        enforce: 'pre',
        async resolveId(id, importer) {
          if (!id.endsWith('.wasm?url')) return null;
          const file = await this.resolve(id.slice(0, -'?url'.length), importer, { skipSelf: true });
          return file && `\0wasm-url:${file.id}`;
        },
        load(id) {
          if (!id.startsWith('\0wasm-url:')) return null;
          return `export default ${JSON.stringify(`/${relative(root, id.slice('\0wasm-url:'.length))}`)};`;
        },
      },
    ],
    build: {
      write: false,
      target: 'es2022',
      minify: false,
      sourcemap: true,
      reportCompressedSize: false,
      rolldownOptions: {
        input: `${root}/${ENTRY}`,
        output: { codeSplitting: false, format: 'es', entryFileNames: 'env.worker.js', sourcemapFileNames: 'env.worker.js.map' },
        // As for the built worker (vite.config.ts): DuckDB's glue has evals on paths the app never takes.
        checks: { eval: false, bundlerTimings: false },
      },
    },
  });
  const files = (Array.isArray(out) ? out : [out]).flatMap((o) => ('output' in o ? o.output : []));
  const chunk = files.find((f) => f.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('the dev worker bundle has no script');
  const map = files.find((f) => f.type === 'asset' && f.fileName.endsWith('.map'));
  return {
    code: chunk.code.replace(/\/\/# sourceMappingURL=\S+\s*$/, `//# sourceMappingURL=/${MAP}\n`),
    map: map?.type === 'asset' ? String(map.source) : null,
    files: new Set(chunk.moduleIds),
  };
}

/** The plugin; `alias` is the app's own resolve.alias, which the worker's imports need too. */
export function devWorkerBundle(alias: AliasOptions): Plugin {
  let bundle: Promise<Bundle> | null = null;
  return {
    name: 'sql-optim-env:dev-worker-bundle',
    apply: 'serve',
    configureServer(server: ViteDevServer) {
      const rebuild = () => {
        bundle = bundleWorker(server.config.root, alias);
        // A failed bundle is told on the next request (a 500 with the error), not as an unhandled rejection.
        bundle.catch(() => undefined);
      };
      // Started with the server, so it is ready by the time the page asks for it.
      rebuild();
      server.watcher.on('change', (file) => {
        void bundle?.then(
          (b) => {
            if (!b.files.has(file)) return;
            rebuild();
            // The running worker has the old code: a reload starts a new one.
            server.ws.send({ type: 'full-reload' });
          },
          () => rebuild(),
        );
      });
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split('?')[0];
        if (path !== `/${ENTRY}` && path !== `/${MAP}`) return next();
        // Only the worker's own request: an import of the file as a module (it has none) goes to Vite as before.
        if (path === `/${ENTRY}` && !req.url?.includes('worker_file')) return next();
        bundle!.then(
          (b) => {
            res.setHeader('content-type', path === `/${MAP}` ? 'application/json' : 'text/javascript; charset=utf-8');
            res.setHeader('cache-control', 'no-cache');
            res.end(path === `/${MAP}` ? (b.map ?? '{}') : b.code);
          },
          (e: unknown) => next(e),
        );
      });
    },
  };
}
