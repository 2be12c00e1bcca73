// The page is ready once the visible data is generated; the hidden data (judged and edge cases) follows in the worker's
// background. Calls on the visible data are answered meanwhile, a step waits for the hidden data and is judged there, and
// the page says so. Orderings are read from the page's own answers and status, never from timings.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Action } from '../../src/env/types.ts';
import { HANG_MS, newContext, openPage, startHarness, TASK1, type Harness } from './harness.ts';

let h: Harness;
before(async () => (h = await startHarness()));
after(async () => h?.close());

const STEP: Action = { suggestions: [], optimized_query: TASK1.rewrite, summary: '', estimated_improvement: '', approved: false };
const WAITING = 'Waiting for the hidden test data to be generated, then judging…';
/** Everything ready() tells: the visible data's facts, how the engine loaded, and the hidden data's state, no more. */
const READY_KEYS = [
  'boot_ms',
  'bundle',
  'engine_version',
  'generation_ms',
  'hidden',
  'load_ms',
  'scale',
  'schema_info',
  'seed',
  'setup_ms',
  'tables',
  'visible_source',
  'wasm_ms',
];

test('ready before the hidden data: execute answers meanwhile, and a step sent at once waits for it and is judged', async () => {
  const { context, rec } = await newContext(h);
  const page = await openPage(h, context, rec);
  await page.waitForFunction(() => typeof window.sqlOptimEnv?.ready === 'function');
  const r = await page.evaluate(
    async ({ task_id, sql, action }) => {
      const api = window.sqlOptimEnv;
      // With each answer, the banner's state when it arrived: had the page heard that the hidden data was ready?
      // (No named functions in here: the test runner's transpiler would wrap them in a helper the page lacks.)
      const banner = document.querySelector.bind(document, '[data-testid="hidden-data"]');
      const ready = await api.ready();
      // Sent at once, in this order: the supervisor runs them one after another.
      const execute = api
        .execute({ task_id, optimized_query: sql })
        .then((answer) => ({ answer, hidden: banner()?.getAttribute('data-state') ?? null }));
      const reset = api.reset({ task_id });
      const step = api.step(action).then((answer) => ({ answer, hidden: banner()?.getAttribute('data-state') ?? null }));
      return { ready, execute: await execute, reset: await reset, step: await step };
    },
    { task_id: TASK1.id, sql: TASK1.rewrite, action: STEP },
  );

  assert.ok(r.ready.ok, JSON.stringify(r.ready));
  if (!r.ready.ok) return;
  assert.deepEqual(r.ready.result.hidden, { kind: 'preparing' }, 'ready() answered before the hidden data was generated');
  assert.deepEqual(Object.keys(r.ready.result).sort(), READY_KEYS, 'ready() tells nothing of the hidden data but its state');
  assert.equal(r.ready.result.seed, 42);

  assert.ok(r.execute.answer.ok, JSON.stringify(r.execute.answer).slice(0, 300));
  if (!r.execute.answer.ok) return;
  assert.equal(r.execute.hidden, 'preparing', 'execute was answered while the hidden data was still being generated');
  assert.equal(r.execute.answer.result.results_match, true);
  assert.equal(r.execute.answer.result.holdout_match, null, 'execute judges on the visible data only');

  assert.ok(r.reset.ok);
  assert.ok(r.step.answer.ok, JSON.stringify(r.step.answer).slice(0, 300));
  if (!r.step.answer.ok) return;
  const ex = r.step.answer.result.observation.last_execution!;
  assert.equal(ex.results_match, true);
  assert.equal(ex.holdout_match, true, 'the step waited for the hidden data and was judged on it');
  assert.equal(r.step.hidden, 'ready', 'the page had heard that the hidden data was ready when the step answered');

  // The banner tells how long the judged data took (its seed and values are never shown).
  const shown = page.getByTestId('hidden-data');
  assert.equal(await shown.getAttribute('data-state'), 'ready');
  assert.ok(Number(await shown.getAttribute('data-ms')) > 0);
  assert.match((await shown.textContent())!, /hidden data \d+\.\d s/);
  console.log(`ready after ${r.ready.result.load_ms.toFixed(0)} ms; judged data generated in ${await shown.getAttribute('data-ms')} ms`);
  assert.deepEqual(rec.foreign, []);
  assert.deepEqual(rec.problems, []);
  await context.close();
});

test('a step submitted while the hidden data is generated says it waits for it, then shows the judged verdict', async () => {
  const { context, rec } = await newContext(h);
  const page = await openPage(h, context, rec);
  await page.getByTestId('ready-time').waitFor();
  await page.getByTestId('submit').and(page.locator(':enabled')).waitFor();
  // In one go: read the hidden data's state and press Submit (the draft is the task's original); then note every text
  // the busy line shows until it goes.
  const { hiddenAtClick, seen } = await page.evaluate(
    (hangMs) =>
      new Promise<{ hiddenAtClick: string | null; seen: string[] }>((resolve) => {
        const seen: string[] = [];
        const hiddenAtClick = document.querySelector('[data-testid="hidden-data"]')?.getAttribute('data-state') ?? null;
        const observer = new MutationObserver(() => {
          const text = document.querySelector('[data-testid="busy"]')?.textContent ?? null;
          if (text !== null && seen.at(-1) !== text) seen.push(text);
          if (text !== null || seen.length === 0) return;
          observer.disconnect();
          resolve({ hiddenAtClick, seen });
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        document.querySelector<HTMLButtonElement>('[data-testid="submit"]')!.click();
        // Only a hang gets here; the test then fails on what was seen so far.
        setTimeout(() => resolve({ hiddenAtClick, seen }), hangMs);
      }),
    HANG_MS,
  );
  assert.equal(hiddenAtClick, 'preparing', 'Submit was pressed while the hidden data was being generated');
  assert.deepEqual(seen, [WAITING, 'Submitting…'], 'the busy line said the step waits, then that it is judged');

  const feedback = page.getByTestId('feedback');
  await feedback.and(page.locator('[data-step="1"]')).waitFor();
  assert.equal(await feedback.getByTestId('match-holdout').getAttribute('data-value'), 'true');
  assert.equal(await page.getByTestId('hidden-data').getAttribute('data-state'), 'ready');
  assert.deepEqual(rec.foreign, []);
  assert.deepEqual(rec.problems, []);
  await context.close();
});
