// Accessibility of the main screens with axe-core: loading, ready, step feedback with the replay, the diff tab,
// and the episode's end. No serious or critical violation is allowed.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { newContext, openApp, startHarness, TASK1, type Harness } from './harness.ts';

const axeSource: string = createRequire(import.meta.url)('axe-core').source;

let h: Harness;
before(async () => (h = await startHarness()));
after(async () => h?.close());

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe on the page; evaluated through DevTools, so the page's CSP (no inline script) does not block it. */
async function audit(page: Page, screen: string): Promise<Violation[]> {
  await page.evaluate(axeSource);
  const violations: Violation[] = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations) console.log(`${screen}: ${v.impact} ${v.id} — ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
  return serious;
}

const STEP = {
  suggestions: [{ issue_type: 'select_star', line: 1, description: 'every column', severity: 'low', fix: 'name them' }],
  optimized_query: TASK1.rewrite,
  summary: 'Integer key and a date range.',
  estimated_improvement: '5x',
  approved: false,
};

test('main screens have no serious or critical axe violations', async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  assert.deepEqual(await audit(page, 'ready'), []);

  await page.evaluate((id) => window.sqlOptimEnv.reset({ task_id: id }), TASK1.id);
  await page.evaluate((a) => window.sqlOptimEnv.step(a), STEP);
  await page.getByTestId('scrub-step-1').waitFor();
  await page.getByTestId('scrub-diff').locator('.view-lines').first().waitFor();
  assert.deepEqual(await audit(page, 'feedback'), []);

  await page.getByRole('tab', { name: 'Diff vs original' }).click();
  await page.getByTestId('rewrite-diff').locator('.view-lines').first().waitFor();
  assert.deepEqual(await audit(page, 'diff'), []);

  // Task 1 allows three steps: the third ends the episode and reveals the reference and the ground truth.
  await page.evaluate((a) => window.sqlOptimEnv.step(a), STEP);
  await page.evaluate((a) => window.sqlOptimEnv.step(a), STEP);
  await page.getByTestId('episode-end').waitFor();
  await page.getByTestId('ground-truth').waitFor();
  assert.deepEqual(await audit(page, 'episode end'), []);
  await context.close();
});

test('the loading screen has no serious or critical axe violations', async () => {
  const { context } = await newContext(h);
  const page = await context.newPage();
  await page.goto(h.server.url);
  await page.getByRole('progressbar').waitFor();
  assert.deepEqual(await audit(page, 'loading'), []);
  await context.close();
});
