// The data scale explorer in Chromium: after a Run of task 1's reference, "Measure at several data sizes" shows progress,
// then a plot of speedup against size and a table of the same numbers, with no serious axe violation; desktop and phone.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { newContext, openApp, startHarness, TASK1, typeRewrite, type Harness } from './harness.ts';

const axeSource: string = createRequire(import.meta.url)('axe-core').source;
// Small sizes keep the test short; the URL parameter is the page's only way to choose them (there is no control for it).
const SIZES = [0.01, 0.05, 0.2];

let h: Harness;
before(async () => (h = await startHarness()));
after(async () => h?.close());

async function idle(page: Page): Promise<void> {
  await page.getByTestId('busy').waitFor({ state: 'detached' });
}

/** axe's serious and critical violations inside the explorer. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null }[] };
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<Result> } }).axe;
    const r = await axe.run('[data-testid="scale-explorer"]', { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
}

for (const [name, viewport] of [
  ['desktop', { width: 1440, height: 900 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  test(`after a Run, the explorer measures each size and shows a plot and a table (${name})`, async () => {
    const { context, rec } = await newContext(h);
    const page = await openApp(h, context, rec, `?scale_sizes=${SIZES.join(',')}`);
    await page.setViewportSize(viewport);
    await page.getByTestId(`task-${TASK1.id}`).click();
    await idle(page);
    await typeRewrite(page, TASK1.rewrite);
    await page.keyboard.press('ControlOrMeta+Enter');
    await page.getByTestId('feedback').and(page.locator('[data-view="run"]')).waitFor();
    await idle(page);

    await page.getByTestId('scale-measure').click();
    await page.getByTestId('scale-progress').waitFor();
    await page.getByTestId('scale-progress').waitFor({ state: 'detached' });

    const rows = page.getByTestId('scale-row');
    assert.deepEqual(await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-scale'))), SIZES.map(String));
    const cells = await rows.evaluateAll((rs) => rs.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent!.trim())));
    for (const [largest, original, rewrite, speedup, same] of cells) {
      assert.match(largest, /^\d+k? events$/);
      for (const ms of [original, rewrite]) assert.match(ms, /^\d+(\.\d+)? (ms|s)$/);
      assert.match(speedup, /^\d+\.\d\d×$/);
      assert.equal(same, 'yes');
    }
    assert.equal(await page.getByTestId('scale-dot').count(), SIZES.length);
    // customer 5000 exists only from about 0.55× up: the page says the smaller sizes time an empty answer
    assert.match((await page.getByTestId('scale-empty').textContent())!, /^\s*At 0.01×, 0.05×, 0.2× the original returns no rows/);
    assert.match((await page.locator('#scale-plot-title').textContent())!, /^Speedup by data size: \d+\.\d\d× at 10k events rows/);
    assert.equal(await page.getByTestId('step-counter').textContent(), 'step 0 of 3', 'measuring spends no step');
    assert.deepEqual(await violations(page), []);

    await page.getByTestId('scale-explorer').scrollIntoViewIfNeeded();
    await page.getByTestId('scale-explorer').screenshot({ path: `/tmp/scale-${name}.png` });
    await page.screenshot({ path: `/tmp/scale-${name}-page.png`, fullPage: true });
    assert.deepEqual(rec.problems, []);
    assert.deepEqual(rec.foreign, []);
    await context.close();
  });
}
