// Work is never lost: a draft and a finding survive a reload; switching tasks (or an outside agent's reset) keeps each
// task's episode, across a reload too; "New episode" asks first, and Cancel keeps the episode.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { newContext, openApp, startHarness, TASK1, typeRewrite, waitSaved, type Harness } from './harness.ts';

const TASK2 = 'task_2_correlated_subqueries';

let h: Harness;
before(async () => (h = await startHarness()));
after(async () => h?.close());

async function idle(page: Page): Promise<void> {
  await page.getByTestId('busy').waitFor({ state: 'detached' });
}

/** Waits until localStorage holds the task's workspace with `text` in it (writes are debounced). */
async function waitStored(page: Page, task: string, text: string): Promise<void> {
  await page.waitForFunction(([t, x]) => (localStorage.getItem(`sql-optim-env:workspace:${t}`) ?? '').includes(x), [task, text]);
}

async function editorText(page: Page): Promise<string> {
  return (await page.getByTestId('rewrite-editor').locator('.view-lines').textContent())!.replace(/\u00a0/g, ' ');
}

test('a draft and a finding survive a reload', async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  await page.getByTestId(`task-${TASK1.id}`).click();
  await idle(page);
  await typeRewrite(page, 'SELECT id FROM orders -- my draft');
  await page.getByTestId('issue-type').selectOption('select_star');
  await page.getByTestId('issue-line').fill('1');
  await page.getByTestId('issue-description').fill('reads every column');
  await page.getByTestId('issue-add').click();
  await page.getByTestId('summary').fill('Only the id is needed.');
  await waitStored(page, TASK1.id, 'Only the id is needed.');

  await page.reload();
  await page.getByTestId('ready-time').waitFor();
  await page.getByTestId('issue-list').getByText('reads every column').waitFor();
  assert.equal(await page.getByTestId('summary').inputValue(), 'Only the id is needed.');
  assert.match(await editorText(page), /-- my draft/);
  assert.ok(
    await page.evaluate(() => Object.keys(localStorage).every((k) => k.startsWith('sql-optim-env:'))),
    'every key the page writes starts with sql-optim-env:',
  );
  assert.deepEqual(rec.foreign, []);
  assert.deepEqual(rec.problems, []);
  await context.close();
});

test('switching tasks keeps each episode, across a reload; New episode asks first', async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  await page.getByTestId(`task-${TASK1.id}`).click();
  await idle(page);
  await typeRewrite(page, TASK1.rewrite);
  await page.getByTestId('submit').click();
  await page.getByTestId('feedback').and(page.locator('[data-step="1"]')).waitFor();
  await idle(page);
  // The list's best score follows the leaderboard, read after the step's answer: it may show a moment later.
  await page
    .getByTestId(`best-${TASK1.id}`)
    .filter({ hasText: /best \d/ })
    .waitFor();
  const best = await page.getByTestId(`best-${TASK1.id}`).textContent();

  // Away to another task: a new episode there; task 1's is kept (and marked in the list).
  await page.getByTestId(`task-${TASK2}`).click();
  await page.getByTestId('step-counter').and(page.getByText('step 0 of 4')).waitFor();
  await idle(page);
  await page.getByTestId(`kept-${TASK1.id}`).waitFor();
  await waitStored(page, TASK1.id, '"parked":{');
  await waitSaved(page, 0);

  // Kept across a reload too, and the leaderboard is not rolled back by taking the episode back.
  await page.reload();
  await page.getByTestId('ready-time').waitFor();
  await page.getByTestId(`task-${TASK1.id}`).click();
  await page.getByTestId('step-counter').and(page.getByText('step 1 of 3')).waitFor();
  await idle(page);
  await page.getByTestId('scrub-step-1').waitFor();
  assert.match(await editorText(page), /created_at < DATE '2025-01-01'/);
  assert.equal(await page.getByTestId(`best-${TASK1.id}`).textContent(), best);
  const state = await page.evaluate(() => window.sqlOptimEnv.state());
  assert.ok(state.ok && state.result.task_id === TASK1.id && state.result.step_count === 1, 'the worker plays the kept episode');

  // An outside agent's reset of another task keeps the person's episode aside too.
  assert.ok((await page.evaluate((t) => window.sqlOptimEnv.reset({ task_id: t }), TASK2)).ok);
  await page.getByTestId(`kept-${TASK1.id}`).waitFor();
  await page.getByTestId(`task-${TASK1.id}`).click();
  await page.getByTestId('step-counter').and(page.getByText('step 1 of 3')).waitFor();
  await idle(page);

  // New episode asks first; Cancel keeps the episode, and focus returns to the button.
  await page.getByTestId('new-episode').click();
  const dialog = page.getByRole('dialog', { name: 'Start a new episode?' });
  await dialog.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'confirm-no');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'new-episode');
  assert.equal(await page.getByTestId('step-counter').textContent(), 'step 1 of 3');

  await page.getByTestId('new-episode').click();
  await page.getByTestId('confirm-yes').click();
  await page.getByTestId('step-counter').and(page.getByText('step 0 of 3')).waitFor();
  await idle(page);
  assert.doesNotMatch(await editorText(page), /2025-01-01/, 'the new episode starts from the original');
  assert.deepEqual(rec.foreign, []);
  assert.deepEqual(rec.problems, []);
  await context.close();
});
