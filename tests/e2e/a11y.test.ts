// Accessibility of the main screens with axe-core, in the light and the dark theme (the page follows the system's):
// loading, ready, the shortcut sheet, step feedback with the replay, the diff tab, and the episode's end. No serious or
// critical violation is allowed.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Action } from '../../src/env/types.ts';
import { newContext, openApp, startHarness, TASK1, waitReady, type Harness } from './harness.ts';

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
  for (const v of violations)
    console.log(
      `${screen}: ${v.impact} ${v.id} — ${v.help} (${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')})`,
    );
  return serious;
}

const STEP: Action = {
  suggestions: [{ issue_type: 'select_star', line: 1, description: 'every column', severity: 'low', fix: 'name them' }],
  optimized_query: TASK1.rewrite,
  summary: 'Integer key and a date range.',
  estimated_improvement: '5x',
  approved: false,
};

for (const scheme of ['light', 'dark'] as const)
  test(`main screens have no serious or critical axe violations (${scheme} theme)`, async () => {
    const { context, rec } = await newContext(h);
    const page = await openApp(h, context, rec);
    await page.emulateMedia({ colorScheme: scheme });
    await page
      .getByTestId('rewrite-editor')
      .locator(scheme === 'dark' ? '.monaco-editor.vs-dark' : '.monaco-editor.vs')
      .waitFor();
    assert.deepEqual(await audit(page, `ready (${scheme})`), []);

    await page.getByTestId('shortcuts').click();
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    assert.deepEqual(await audit(page, `shortcut sheet (${scheme})`), []);
    await page.keyboard.press('Escape');

    await page.evaluate((id) => window.sqlOptimEnv.reset({ task_id: id }), TASK1.id);
    await page.evaluate((a) => window.sqlOptimEnv.step(a), STEP);
    await page.getByTestId('scrub-step-1').waitFor();
    await page.getByTestId('scrub-diff').locator('.view-lines').first().waitFor();
    assert.deepEqual(await audit(page, `feedback (${scheme})`), []);

    await page.getByRole('tab', { name: 'Diff vs original' }).click();
    await page.getByTestId('rewrite-diff').locator('.view-lines').first().waitFor();
    assert.deepEqual(await audit(page, `diff (${scheme})`), []);

    // Task 1 allows three steps: the third ends the episode and reveals the reference and the ground truth.
    await page.evaluate((a) => window.sqlOptimEnv.step(a), STEP);
    await page.evaluate((a) => window.sqlOptimEnv.step(a), STEP);
    await page.getByTestId('episode-end').waitFor();
    await page.getByTestId('ground-truth').waitFor();
    assert.deepEqual(await audit(page, `episode end (${scheme})`), []);
    await context.close();
  });

for (const scheme of ['light', 'dark'] as const)
  test(`the loading screen shows real progress and has no serious or critical axe violations (${scheme} theme)`, async () => {
    const { context, rec } = await newContext(h);
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    // Record every value the progress bar takes and every line of its log, from the first paint to ready.
    await page.addInitScript(() => {
      const seen: { values: number[]; log: string[] } = { values: [], log: [] };
      (window as unknown as { __progress: typeof seen }).__progress = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[role=progressbar]');
        const v = bar ? Number(bar.getAttribute('aria-valuenow')) : NaN;
        if (Number.isFinite(v) && seen.values.at(-1) !== v) seen.values.push(v);
        for (const li of document.querySelectorAll('[data-testid=loading] li'))
          if (!seen.log.includes(li.textContent!)) seen.log.push(li.textContent!);
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.goto(h.server.url);
    await page.getByRole('progressbar').waitFor();
    assert.deepEqual(await audit(page, `loading (${scheme})`), []);
    await waitReady(page);
    const seen: { values: number[]; log: string[] } = await page.evaluate(
      () => (window as unknown as { __progress: { values: number[]; log: string[] } }).__progress,
    );
    assert.ok(
      seen.values.some((v) => v > 0 && v < 100),
      `intermediate progress was shown: ${seen.values.join(', ')}`,
    );
    assert.deepEqual(
      [...seen.values].sort((a, b) => a - b),
      seen.values,
      'progress never goes backwards',
    );
    for (const table of ['users', 'orders', 'events'])
      assert.ok(
        seen.log.some((l) => l.includes(table)),
        `the log named ${table}: ${seen.log.join(' | ')}`,
      );
    assert.deepEqual(rec.foreign, []);
    await context.close();
  });
