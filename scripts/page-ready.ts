// Measures the browser page's navigation -> ready in real Chromium: the built dist/ (first and second visit on one
// persistent profile) or `npm start`'s dev server from a cold Vite cache (--dev).
//   npx tsx scripts/page-ready.ts [--dev] [--root <another checkout, to compare>]
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_FLAGS as FLAGS } from './chromium.ts';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createServer, preview } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Only a hang takes this long; the figures are what is measured, never judged here.
const HANG_MS = 180_000;

/** One page load, all times in ms from the page's navigation start unless named otherwise. */
export interface Visit {
  /** navigation -> the page is ready (the supervisor's load_ms: its clock starts at navigation) */
  ready_ms: number;
  /** the environment worker's clock started (its script requested) */
  worker_start_ms: number;
  /** the wasm request started / its response ended, as the worker saw them; null if it made none */
  wasm_request_ms: number | null;
  wasm_response_end_ms: number | null;
  /** bytes the wasm response took on the wire (0: served from the HTTP cache or a preload) */
  wasm_transfer_bytes: number | null;
  /** requests the worker made for its own code (modules, task files), and when the last one ended */
  worker_requests: number;
  worker_last_response_ms: number;
  /** Monaco's rewrite editor appeared in the page (it loads after ready, so it never delays it) */
  editor_ms: number;
  /** the page's main-thread tasks of 50 ms or more that began before ready, [start, duration]: what held it back */
  long_tasks: [number, number][];
  /** the worker's performance marks, on the page's clock: the first of each name, then `name#2`... for the hidden
   *  instances' loads, which show whether they ran before the boot answer left */
  marks: Record<string, number>;
  /** bytes of compiled wasm code Chromium keeps in the profile after this visit */
  wasm_code_cache_bytes: number;
  /** the worker's own boot phases (BootInfo) */
  wasm_ms: number;
  setup_ms: number;
  generation_ms: number;
  /** the visible tables generated, or attached from the copy the last visit kept */
  visible_source: string;
  bundle: string;
}

export interface PageReady {
  /** built site, fresh profile */
  first_ms: number;
  /** built site, same profile again (HTTP cache, code cache, stored data kept) */
  second_ms: number;
  first: Visit;
  second: Visit;
  /** with `dev`: `npm start` from a cold Vite cache (DevReady.dev_ms), measured after the built site */
  dev_ms?: number;
  dev?: DevReady;
}

export interface DevReady {
  /** server start (cold Vite cache) -> page ready, the browser already running */
  dev_ms: number;
  /** server start -> listening */
  dev_listen_ms: number;
  visit: Visit;
}

export interface PageReadyOptions {
  /** measurePageReady: also measure `npm start`'s dev server from a cold cache */
  dev?: boolean;
  /** the project whose dist/ (or dev server) is measured: this one by default (another checkout, to compare) */
  root?: string;
  /** where progress lines go (none by default) */
  log?: (line: string) => void;
}

/** Navigates and waits until the page is ready, then reads its figures. */
async function visit(context: BrowserContext, url: string, profile: string): Promise<Visit> {
  const page = await context.newPage();
  page.setDefaultTimeout(HANG_MS);
  // When the rewrite editor's Monaco appears, seen by the page itself (a poll from here would be late by its interval).
  await page.addInitScript(() => {
    const seen = new MutationObserver(() => {
      if (!document.querySelector('[data-testid=rewrite-editor] .monaco-editor')) return;
      (window as unknown as { __editorMs: number }).__editorMs = performance.now();
      seen.disconnect();
    });
    seen.observe(document, { subtree: true, childList: true });
    const tasks: [number, number][] = ((window as unknown as { __longTasks: [number, number][] }).__longTasks = []);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => typeof window.sqlOptimEnv?.ready === 'function');
  const ready = await page.evaluate(() => window.sqlOptimEnv.ready());
  if (!ready.ok) throw new Error(`the page did not get ready: ${JSON.stringify(ready)}`);
  await page.getByTestId('ready-time').waitFor();
  const info = ready.result;
  const worker = page.workers().find((w) => w.url().includes('env.worker'));
  if (!worker) throw new Error(`no environment worker among ${page.workers().map((w) => w.url())}`);
  // The wasm is fetched by the page (at navigation) or by the worker: whichever has its resource entry. Inline
  // functions: tsx would wrap a named one in a helper the page does not have.
  const inPage = await page.evaluate(() => {
    const e = performance.getEntriesByType('resource').find((r) => /\.wasm$/.test(r.name)) as PerformanceResourceTiming | undefined;
    return e && { start: e.startTime, end: e.responseEnd, transfer: e.transferSize };
  });
  const w = await worker.evaluate(() => {
    const marks: Record<string, number> = {};
    for (const m of performance.getEntriesByType('mark')) {
      let key = m.name;
      for (let n = 2; key in marks; n++) key = `${m.name}#${n}`;
      marks[key] = m.startTime;
    }
    const e = performance.getEntriesByType('resource').find((r) => /\.wasm$/.test(r.name)) as PerformanceResourceTiming | undefined;
    const loaded = performance.getEntriesByType('resource').filter((r) => !/\.wasm$/.test(r.name));
    return {
      marks,
      requests: loaded.length,
      last_response_end: Math.max(0, ...loaded.map((r) => (r as PerformanceResourceTiming).responseEnd)),
      origin: performance.timeOrigin,
      wasm: e && { start: e.startTime, end: e.responseEnd, transfer: e.transferSize },
    };
  });
  const pageOrigin = await page.evaluate(() => performance.timeOrigin);
  await page.getByTestId('rewrite-editor').locator('.monaco-editor').waitFor();
  const editorMs = await page.evaluate(() => (window as unknown as { __editorMs: number }).__editorMs);
  const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: [number, number][] }).__longTasks);
  const shift = w.origin - pageOrigin;
  await settle(page);
  await page.close();
  return {
    ready_ms: info.load_ms,
    worker_start_ms: shift,
    editor_ms: editorMs,
    long_tasks: longTasks.filter(([start]) => start < info.load_ms),
    wasm_request_ms: inPage ? inPage.start : w.wasm ? w.wasm.start + shift : null,
    wasm_response_end_ms: inPage ? inPage.end : w.wasm ? w.wasm.end + shift : null,
    wasm_transfer_bytes: (inPage ?? w.wasm)?.transfer ?? null,
    worker_requests: w.requests,
    worker_last_response_ms: w.last_response_end + shift,
    marks: Object.fromEntries(Object.entries(w.marks).map(([k, t]) => [k, t + shift])),
    wasm_code_cache_bytes: await bytesUnder(join(profile, 'Default', 'Code Cache', 'wasm')),
    wasm_ms: info.wasm_ms,
    setup_ms: info.setup_ms,
    generation_ms: info.generation_ms,
    visible_source: info.visible_source,
    bundle: info.bundle,
  };
}

/** The size of the files under `dir` (0 if there is none). */
async function bytesUnder(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  let total = 0;
  for (const e of entries) if (e.isFile()) total += (await stat(join(e.parentPath, e.name))).size;
  return total;
}

/** Lets the background work end (hidden data, the kept tables, caches written) so the next visit starts on an idle
 *  machine and finds what a visit leaves behind. */
async function settle(page: Page): Promise<void> {
  await page.getByTestId('hidden-data').and(page.locator('[data-state="ready"]')).waitFor();
  // The copy of the visible tables the next visit attaches (src/client/visible-copy-store.ts), written after the hidden
  // data; a visit that attached one keeps it.
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('sql-optim-env-tables', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('files');
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const get = open.result.transaction('files').objectStore('files').get('visible');
          get.onsuccess = () => (open.result.close(), resolve(get.result instanceof Uint8Array));
          get.onerror = () => (open.result.close(), resolve(false));
        };
      }),
    null,
    { polling: 200, timeout: HANG_MS },
  );
  // Chromium writes the wasm code cache a moment after the module tiered up; a second visit should find it.
  await page.waitForTimeout(3_000);
}

function launch(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: FLAGS,
    viewport: { width: 1500, height: 1100 },
  });
}

/** The built site: a first visit on a fresh profile, then a second one after a browser restart on the same profile. */
export async function measurePageReady(opts: PageReadyOptions = {}): Promise<PageReady> {
  const log = opts.log ?? (() => {});
  const root = opts.root ?? ROOT;
  if (!existsSync(join(root, 'dist/index.html'))) throw new Error(`no ${root}/dist/: run \`npx vite build\` first`);
  const server = await preview({ root, logLevel: 'silent', preview: { port: 0, strictPort: false, open: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not tell its URL');
  const profile = await mkdtemp(join(tmpdir(), 'page-ready-'));
  try {
    let context = await launch(profile);
    const first = await visit(context, url, profile);
    log(`first visit: ${JSON.stringify(first)}`);
    // A new browser on the same profile: only what Chromium keeps on disk (HTTP and code caches, IndexedDB, OPFS) helps.
    await context.close();
    context = await launch(profile);
    const second = await visit(context, url, profile);
    log(`second visit: ${JSON.stringify(second)}`);
    await context.close();
    const built = { first_ms: first.ready_ms, second_ms: second.ready_ms, first, second };
    if (!opts.dev) return built;
    const dev = await measureDevReady(opts);
    return { ...built, dev_ms: dev.dev_ms, dev };
  } finally {
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/** `npm start`'s server from a cold Vite cache (a fresh cache dir), opened on a fresh profile. */
export async function measureDevReady(opts: PageReadyOptions = {}): Promise<DevReady> {
  const log = opts.log ?? (() => {});
  const cacheDir = await mkdtemp(join(tmpdir(), 'page-ready-vite-'));
  const profile = await mkdtemp(join(tmpdir(), 'page-ready-'));
  const context = await launch(profile);
  const t0 = performance.now();
  const server = await createServer({
    root: opts.root ?? ROOT,
    cacheDir,
    logLevel: process.env.PAGE_READY_LOG ? 'info' : 'warn',
    server: { port: 0, strictPort: false },
  });
  try {
    await server.listen();
    const dev_listen_ms = performance.now() - t0;
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('the dev server did not tell its URL');
    const navigated = performance.now();
    const v = await visit(context, url, profile);
    // The page's clock starts at navigation; the server's start before it counts too.
    const dev_ms = navigated - t0 + v.ready_ms;
    log(`dev visit: ${JSON.stringify(v)}`);
    return { dev_ms, dev_listen_ms, visit: v };
  } finally {
    await context.close();
    await server.close();
    await rm(cacheDir, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  }
}

function lines(prefix: string, v: Visit): string[] {
  const f = (n: number | null) => (n === null ? 'none' : n.toFixed(0));
  return [
    `${prefix} ready_ms ${f(v.ready_ms)}`,
    `${prefix} editor_ms ${f(v.editor_ms)}`,
    `${prefix} long_tasks_before_ready ${v.long_tasks.map(([t, d]) => `${f(t)}+${f(d)}`).join(' ') || 'none'}`,
    `${prefix} worker_start_ms ${f(v.worker_start_ms)}`,
    `${prefix} worker_requests ${v.worker_requests}`,
    `${prefix} worker_last_response_ms ${f(v.worker_last_response_ms)}`,
    `${prefix} wasm_request_ms ${f(v.wasm_request_ms)}`,
    `${prefix} wasm_response_end_ms ${f(v.wasm_response_end_ms)}`,
    `${prefix} wasm_transfer_bytes ${v.wasm_transfer_bytes ?? 'none'}`,
    ...Object.entries(v.marks).map(([k, t]) => `${prefix} mark ${k} ${f(t)}`),
    `${prefix} wasm_code_cache_bytes ${v.wasm_code_cache_bytes}`,
    `${prefix} wasm_ms ${f(v.wasm_ms)} (${v.bundle})`,
    `${prefix} setup_ms ${f(v.setup_ms)}`,
    `${prefix} generation_ms ${f(v.generation_ms)}`,
    `${prefix} visible_source ${v.visible_source}`,
  ];
}

async function main(): Promise<void> {
  const load = async () =>
    (await import('node:fs/promises')).readFile('/proc/loadavg', 'utf8').then(
      (s) => s.trim(),
      () => 'n/a',
    );
  console.log(`load before: ${await load()}`);
  const at = process.argv.indexOf('--root');
  const root = at > 0 ? process.argv[at + 1] : undefined;
  if (process.argv.includes('--dev')) {
    const d = await measureDevReady({ root });
    console.log(`dev dev_ms ${d.dev_ms.toFixed(0)}`);
    console.log(`dev listen_ms ${d.dev_listen_ms.toFixed(0)}`);
    for (const l of lines('dev', d.visit)) console.log(l);
  } else {
    const r = await measurePageReady({ root });
    for (const l of [...lines('first', r.first), ...lines('second', r.second)]) console.log(l);
  }
  console.log(`load after: ${await load()}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
