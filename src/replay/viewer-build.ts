// Builds the standalone replay viewer template (Node only): the viewer page bundled into ONE html file — scripts,
// styles, the codicon font and Monaco's diff worker inlined — that opens from disk with no network and no DuckDB.
// The CLI (`eval --out`) and the app build (dist/replay-viewer.html) both use it; it is cached by a hash of the sources.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMBED_SLOT } from './standalone.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where built templates are kept between runs (inside node_modules, so `npm ci` starts clean and git never sees it). */
export const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'sql-optim-env');
const ENTRY = 'src/viewer.ts';

/** Every source the viewer could be built from: any change to src/ or to the locked dependencies rebuilds it. */
function sourceHash(): string {
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(ROOT, dir)).sort()) {
      const rel = `${dir}/${name}`;
      if (statSync(join(ROOT, rel)).isDirectory()) walk(rel);
      else if (!name.endsWith('.test.ts'))
        h.update(rel)
          .update('\0')
          .update(readFileSync(join(ROOT, rel)))
          .update('\0');
    }
  };
  walk('src');
  h.update(readFileSync(join(ROOT, 'package-lock.json')));
  return h.digest('hex').slice(0, 16);
}

/** JS or CSS made safe to sit inside an HTML element: nothing in it may close the element or open a comment. */
function inlineSafe(code: string, tag: 'script' | 'style'): string {
  // `<\/` means `</` inside JS strings, regexes and template literals, the only places these sequences occur.
  return code.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** The page around the bundle. The CSP allows exactly this one inline script (by hash) and nothing from any network. */
function page(js: string, css: string): string {
  const script = inlineSafe(js, 'script');
  const hash = createHash('sha256').update(script).digest('base64');
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${hash}'`,
    // Monaco's diff worker is inlined as a blob; Monaco and Svelte set inline styles; the font is a data: URL.
    'worker-src blob:',
    "style-src 'unsafe-inline'",
    'img-src data:',
    'font-src data:',
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <meta http-equiv="Content-Security-Policy" content="${csp}" />
    <title>sql-optim-env replay</title>
    <style>${inlineSafe(css, 'style')}</style>
  </head>
  <body>
    <div id="app"></div>
    <noscript>This replay viewer needs JavaScript.</noscript>
    ${EMBED_SLOT}
    <script type="module">${script}</script>
  </body>
</html>
`;
}

async function bundle(): Promise<string> {
  const [{ build }, { svelte }] = await Promise.all([import('vite'), import('@sveltejs/vite-plugin-svelte')]);
  const out = await build({
    configFile: false,
    envDir: false,
    root: ROOT,
    base: './',
    publicDir: false,
    logLevel: 'warn',
    mode: 'production',
    plugins: [svelte()],
    resolve: {
      // A worker file next to the page cannot load from file://; inlined, it starts from a blob.
      alias: [{ find: /^monaco-editor\/editor\/editor\.worker\?worker$/, replacement: 'monaco-editor/editor/editor.worker?worker&inline' }],
    },
    // A classic worker: a module worker from a blob is refused on a file:// page (its opaque origin fails the
    // same-origin fetch), and Monaco then computes diffs on the page's thread.
    worker: { format: 'iife' },
    build: {
      write: false,
      target: 'es2022',
      modulePreload: { polyfill: false },
      cssCodeSplit: false,
      // Everything (the codicon font) becomes a data: URL.
      assetsInlineLimit: () => true,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 8192,
      rolldownOptions: { input: join(ROOT, ENTRY), output: { codeSplitting: false }, checks: { bundlerTimings: false } },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as {
    output: ({ type: 'chunk'; code: string; isEntry: boolean } | { type: 'asset'; fileName: string; source: string | Uint8Array })[];
  }[];
  const files = outputs.flatMap((o) => o.output);
  const chunks = files.filter((f) => f.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`the viewer bundle must be one script (got ${chunks.length})`);
  const css = files
    .filter((f) => f.type === 'asset' && f.fileName.endsWith('.css'))
    .map((f) => (f.type === 'asset' ? (typeof f.source === 'string' ? f.source : new TextDecoder().decode(f.source)) : ''))
    .join('\n');
  return page((chunks[0] as { code: string }).code, css);
}

/** The standalone viewer template (with an empty replay slot), built on first use and then read from the cache. */
export async function viewerTemplate(log: (line: string) => void = () => {}): Promise<string> {
  const file = join(CACHE_DIR, `replay-viewer-${sourceHash()}.html`);
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const t0 = performance.now();
  log('building the standalone replay viewer (once per source change)…');
  const html = await bundle();
  mkdirSync(CACHE_DIR, { recursive: true });
  // Written whole, then renamed: a concurrent reader never sees half a template.
  writeFileSync(`${file}.tmp${process.pid}`, html);
  renameSync(`${file}.tmp${process.pid}`, file);
  // Templates of older sources are never read again.
  for (const old of readdirSync(CACHE_DIR))
    if (/^replay-viewer-\w+\.html$/.test(old) && join(CACHE_DIR, old) !== file) rmSync(join(CACHE_DIR, old), { force: true });
  log(`built the replay viewer in ${((performance.now() - t0) / 1000).toFixed(1)} s (${(html.length / 2 ** 20).toFixed(1)} MB)`);
  return html;
}
