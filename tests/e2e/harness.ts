// Shared e2e setup: Debian's Chromium driven by playwright-core, the built dist/ on a plain loopback server under a
// sub-path, and a recorder of every request and CSP report so each test can prove nothing left the origin.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_FLAGS as FLAGS } from '../../scripts/chromium.ts';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEFAULT_DEADLINES } from '../../src/worker/deadlines.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
/**
 * How long any wait may last before the test calls it a hang; set as the default of every context, so Playwright's
 * 30 s default never judges speed. It exceeds the app's own hard deadline for a step (60 s, past which the supervisor
 * answers TIMEOUT and restarts the engine) with room for the restart, and is far above the slowest wait seen with both
 * cores busy (loading ~7 s; no whole test over ~32 s).
 */
export const HANG_MS = 3 * DEFAULT_DEADLINES.step;
/** wasm download + compile + data generation: only a hang takes this long */
export const READY_TIMEOUT_MS = HANG_MS;

export interface Harness {
  browser: Browser;
  server: StaticServer;
  close(): Promise<void>;
}

/** Starts the server and the browser once per test file. */
export async function startHarness(): Promise<Harness> {
  if (!existsSync(`${DIST}index.html`)) throw new Error(`no build at ${DIST}: run "npm run build" first (npm run test:e2e does)`);
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  const server = await serveStatic(DIST);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  return { browser, server, close: async () => (await browser.close(), await server.close()) };
}

/** What one browser context saw: every request URL, and the requests that would have left the origin. */
export interface Recorder {
  requests: string[];
  /** requests to another origin that the browser issued (reported by the context, routed or not) */
  foreign: string[];
  /** of those, the ones that reached the network layer and were cut off there */
  aborted: string[];
  problems: string[];
}

/** A fresh context (fresh IndexedDB) whose requests are all recorded; any other origin is cut off, as offline. */
export async function newContext(h: Harness): Promise<{ context: BrowserContext; rec: Recorder }> {
  const context = await h.browser.newContext({ viewport: { width: 1500, height: 1100 } });
  context.setDefaultTimeout(HANG_MS);
  const rec: Recorder = { requests: [], foreign: [], aborted: [], problems: [] };
  await context.addInitScript(RECORD_TIMELINE);
  // Routing sees the page's and its workers' requests; other origins are aborted so the app must work with the network cut.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    rec.requests.push(url);
    if (url.startsWith(h.server.origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    rec.aborted.push(url);
    if (!rec.foreign.includes(url)) rec.foreign.push(url);
    return route.abort();
  });
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(h.server.origin) && !url.startsWith('data:') && !url.startsWith('blob:') && !rec.foreign.includes(url))
      rec.foreign.push(url);
  });
  return { context, rec };
}

/** Opens the app without waiting for the engine; console errors and CSP refusals are recorded as problems. */
export async function openPage(h: Harness, context: BrowserContext, rec: Recorder, query = ''): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) rec.problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => rec.problems.push(`pageerror: ${e.message}`));
  await page.goto(`${h.server.url}${query}`);
  return page;
}

/** Opens the app and waits until the engine is ready. */
export async function openApp(h: Harness, context: BrowserContext, rec: Recorder, query = ''): Promise<Page> {
  const page = await openPage(h, context, rec, query);
  await waitReady(page);
  return page;
}

/** Waits for window.sqlOptimEnv.ready() and returns its answer. */
export async function waitReady(page: Page): Promise<{ ok: boolean; result?: { load_ms: number; boot_ms: number } }> {
  await page.waitForFunction(() => typeof window.sqlOptimEnv?.ready === 'function', null, { timeout: READY_TIMEOUT_MS });
  const ready = await page.evaluate(() => window.sqlOptimEnv.ready());
  if (!ready.ok) throw new Error(`engine not ready: ${JSON.stringify(ready)}`);
  await page.getByTestId('ready-time').waitFor({ timeout: READY_TIMEOUT_MS });
  return ready as { ok: boolean; result: { load_ms: number; boot_ms: number } };
}

/** Waits until IndexedDB holds a snapshot whose episode has `steps` steps (saves are asynchronous, after each call). */
export async function waitSaved(page: Page, steps: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      new Promise<boolean>((resolve) => {
        const req = indexedDB.open('sql-optim-env');
        req.onsuccess = () => {
          const get = req.result.transaction('kv').objectStore('kv').get('snapshot');
          get.onsuccess = () => (req.result.close(), resolve(get.result?.snapshot?.episode?.step_count === n));
          get.onerror = () => (req.result.close(), resolve(false));
        };
        req.onerror = () => resolve(false);
      }),
    steps,
  );
}

/** The elements whose changes the timeline records. */
const WATCHED = ['notice', 'busy', 'sql-error', 'step-counter', 'agent-phase', 'agent-problems'];

/**
 * Runs in every page of a test's context: a timeline of clicks and of what the watched elements say, each line with the
 * page's clock, so a failure shows in what order things happened (pageStory prints it). Source text, since the test's
 * compiler would add helpers to a function's named locals that the page does not have.
 */
const RECORD_TIMELINE = `(() => {
  const ids = ${JSON.stringify(WATCHED)};
  const log = (window.__timeline = []);
  const at = () => performance.now().toFixed(0) + ' ms';
  addEventListener('click', (e) => log.push(at() + ' click ' + e.target.closest('[data-testid]')?.getAttribute('data-testid')), true);
  let last = '';
  new MutationObserver(() => {
    const now = ids
      .flatMap((id) => [...document.querySelectorAll('[data-testid=' + id + ']')].map((e) => id + ': ' + e.innerText.slice(0, 80)))
      .join(' | ');
    if (now !== last) log.push(at() + ' ' + (last = now));
  }).observe(document, { subtree: true, childList: true, characterData: true });
})()`;

/**
 * What the page shows when a wait failed: its notices, busy line, errors, agent panel and step counter, so a failure
 * in CI says where the app stood and not only which element never came. Read from the DOM: a call to the engine could
 * queue behind the one that hung.
 */
export async function pageStory(page: Page): Promise<string> {
  const shown = await page
    .evaluate<string>(
      `(() => {
        const story = { timeline: (window.__timeline ?? []).slice(-60) };
        for (const id of [...${JSON.stringify(WATCHED)}, 'feedback', 'agent-log', 'ready-time'])
          story[id] = [...document.querySelectorAll('[data-testid=' + id + ']')].map((e) => e.innerText.replace(/\\s+/g, ' ').trim().slice(0, 400));
        return JSON.stringify(story, null, 1);
      })()`,
    )
    .catch((e: unknown) => `(the page could not be read: ${String(e)})`);
  return `what the page showed:\n${shown}`;
}

/** Waits for `locator`; a wait that fails says what the page showed (pageStory). */
export async function waitShown(page: Page, locator: ReturnType<Page['locator']>): Promise<void> {
  try {
    await locator.waitFor();
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${await pageStory(page)}`);
  }
}

/** Replaces the rewrite in Monaco as a person would: focus, select all, type (inserted as text, so no auto-closing brackets). */
export async function typeRewrite(page: Page, sql: string): Promise<void> {
  await page.getByRole('tab', { name: 'Rewrite' }).click();
  const editor = page.getByTestId('rewrite-editor');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
}

/** The text of the editor line that carries Monaco's error squiggle, or null when nothing is marked. */
export async function squiggledLine(page: Page, testid = 'rewrite-editor'): Promise<string | null> {
  const editor = page.getByTestId(testid);
  await editor.locator('.squiggly-error').first().waitFor();
  return editor.evaluate((root) => {
    // Overlay rows and text rows share their `top`, so the squiggle's row names the line it marks.
    const squiggle = root.querySelector('.squiggly-error');
    const top = (squiggle?.parentElement as HTMLElement | null)?.style.top;
    const line = [...root.querySelectorAll<HTMLElement>('.view-line')].find((l) => l.style.top === top);
    return line ? line.textContent!.replace(/\u00a0/g, ' ') : null;
  });
}

/** A good rewrite of task 1 with its three issues: correct on main and holdout, and much faster. */
export const TASK1 = {
  id: 'task_1_basic_antipatterns',
  rewrite:
    "SELECT id, customer_id, product_id, status, total, created_at\nFROM orders\nWHERE customer_id = 5000\n  AND created_at >= DATE '2024-01-01'\n  AND created_at < DATE '2025-01-01'",
};

const axeSource: string = createRequire(import.meta.url)('axe-core').source;

/** The serious and critical axe violations on the page now, as "rule: first node and why" lines (none is allowed).
 *  Injected through DevTools, so the page's CSP (no inline script) does not block it. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Node = { target: string[]; html: string; failureSummary?: string };
    type Result = { violations: { id: string; impact: string | null; nodes: Node[] }[] };
    const { axe } = window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<Result> } };
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    // Inline (no named helper): tsx would wrap a named one in __name, which the page does not have.
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id}: ${v.nodes[0]?.target.join(' ')} ${v.nodes[0]?.html.slice(0, 80)} ${v.nodes[0]?.failureSummary?.split('\n').at(-1)?.trim()}`,
      );
  });
}
