// A person's whole practice session, on a desktop (1440x900) and a phone (390x844): open a task from "All tasks", open
// a hint, Run, Submit, reload mid-episode and find everything, switch tasks and back, show the solution, and see "All
// tasks" count the result. axe checks every screen in the light and the dark theme; each screen is photographed into
// $SCREENSHOTS (when set) for a person to look at.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { newContext, openApp, seriousViolations, startHarness, TASK1, typeRewrite, type Harness } from './harness.ts';

const TASK2 = 'task_2_correlated_subqueries';
const SCREENS = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } };

let h: Harness;
before(async () => (h = await startHarness()));
after(async () => h?.close());

async function idle(page: Page): Promise<void> {
  await page.getByTestId('busy').waitFor({ state: 'detached' });
}

/** Waits until every editor wears the theme and has painted its lines with it (Monaco re-renders on the next frames). */
async function settledTheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  const stale = scheme === 'dark' ? '.monaco-editor.vs' : '.monaco-editor.vs-dark';
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 0, stale);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** No serious or critical axe violation in either theme; the screen photographed in both when SCREENSHOTS is set. */
async function checkScreen(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await settledTheme(page, colorScheme);
    assert.deepEqual(await seriousViolations(page), [], `${name} (${colorScheme})`);
    if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/${name}-${colorScheme}.png`, fullPage: false });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Whether the top of the element is on screen (smooth scrolling takes a moment, so this waits). */
async function inView(page: Page, testid: string): Promise<void> {
  const node = await page.getByTestId(testid).elementHandle();
  await page.waitForFunction((n) => {
    const r = n!.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight - 40;
  }, node);
}

/** The editor's text as shown, spaces collapsed (word wrap on a phone splits and indents long lines). */
const editorText = async (page: Page) =>
  (await page.getByTestId('rewrite-editor').locator('.view-lines').textContent())!.replace(/[\s\u00a0]+/g, ' ');

for (const [screen, viewport] of Object.entries(SCREENS))
  test(`${screen}: hint, run, submit, reload, switch and back, show the solution, progress counted`, async () => {
    const { context, rec } = await newContext(h);
    const page = await openApp(h, context, rec);
    await page.setViewportSize(viewport);
    const shot = (name: string) => checkScreen(page, `${screen}-${name}`);

    // All tasks: names, and task 1 not tried yet.
    await page.getByTestId('nav-home').click();
    await page.getByTestId(`home-task-${TASK1.id}`).getByText('not tried yet').waitFor();
    await shot('home');

    // Open the task: the goal is stated, and the first hint can be opened at step 0; its cost is said up front.
    await page.getByTestId(`home-task-${TASK1.id}`).click();
    await page.getByTestId('step-counter').and(page.getByText('step 0 of 3')).waitFor();
    await idle(page);
    assert.match((await page.getByTestId('goal').textContent())!, /0\.95/);
    assert.match((await page.getByTestId('open-hint').textContent())!, /hint 1 of 3.*0\.01/s);
    await page.getByTestId('open-hint').click();
    await idle(page);
    await page.getByTestId('hint-list').locator('li').first().waitFor();
    assert.equal(await page.getByTestId('hint-list').locator('li').count(), 1);
    await shot('task');

    // Run (free) then Submit (a step): each verdict comes into view; the step's reward names the hint's cost.
    await typeRewrite(page, TASK1.rewrite);
    await page.getByTestId('run').click();
    await page.getByTestId('feedback').and(page.locator('[data-view="run"]')).waitFor();
    await idle(page);
    await inView(page, 'feedback');
    await page.getByTestId('summary').fill('Integer key, a date range, named columns.');
    await page.getByTestId('submit').click();
    await page.getByTestId('feedback').and(page.locator('[data-step="1"]')).waitFor();
    await idle(page);
    await inView(page, 'feedback');
    await page
      .getByTestId('feedback')
      .getByText(/Hints: 1 open/)
      .waitFor();
    await shot('step');

    // Reload mid-episode: the step, the opened hint, the draft and the summary are all there.
    await page.waitForFunction((t) => (localStorage.getItem(`sql-optim-env:workspace:${t}`) ?? '').includes('named columns'), TASK1.id);
    await page.reload();
    await page.getByTestId('ready-time').waitFor();
    await page.getByTestId('step-counter').and(page.getByText('step 1 of 3')).waitFor();
    await page.getByTestId('hint-list').locator('li').first().waitFor();
    assert.equal(await page.getByTestId('summary').inputValue(), 'Integer key, a date range, named columns.');
    assert.match(await editorText(page), /created_at < DATE '2025-01-01'/);

    // Switch to another task and back: task 1's episode is kept.
    await page.getByTestId(`task-${TASK2}`).click();
    await page.getByTestId('step-counter').and(page.getByText('step 0 of 4')).waitFor();
    await idle(page);
    await page.getByTestId(`task-${TASK1.id}`).click();
    await page.getByTestId('step-counter').and(page.getByText('step 1 of 3')).waitFor();
    await idle(page);
    assert.equal(await page.getByTestId('hint-list').locator('li').count(), 1);

    // Show the solution: asked first, then the end card comes into view with the reference, why it works, and the plans.
    await page.getByTestId('show-solution').click();
    await page.getByTestId('confirm-yes').click();
    await page.getByTestId('explanation').waitFor();
    await idle(page);
    await inView(page, 'episode-end');
    assert.ok((await page.getByTestId('explanation').textContent())!.length > 40);
    await page.getByTestId('solution-plans').getByTestId('plan-diff').waitFor();
    await shot('solution');

    // All tasks counts the episode: task 1 has a best score now.
    await page.getByTestId('nav-home').click();
    await page
      .getByTestId(`home-task-${TASK1.id}`)
      .getByText(/best \d/)
      .waitFor();
    await shot('home-after');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth), false, 'no sideways scroll');
    assert.deepEqual(rec.foreign, []);
    assert.deepEqual(rec.problems, []);
    await context.close();
  });
