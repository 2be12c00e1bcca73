// A person at the keyboard: picks a task, edits SQL in Monaco, runs, submits two steps, scrubs back to step 1;
// a syntax error is marked at its line; a runaway query is stopped with a message and the episode carries on.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { newContext, openApp, squiggledLine, startHarness, TASK1, typeRewrite, type Harness } from './harness.ts';

let h: Harness;
before(async () => (h = await startHarness()));
after(async () => h?.close());

/** Waits until the page is no longer busy with a call (the context's default timeout only catches a hang). */
async function idle(page: Page): Promise<void> {
  await page.getByTestId('busy').waitFor({ state: 'detached' });
}

async function addIssue(page: Page, type: string, line: number, severity: string, description: string): Promise<void> {
  await page.getByTestId('issue-type').selectOption(type);
  await page.getByTestId('issue-line').fill(String(line));
  await page.getByTestId('issue-severity').selectOption(severity);
  await page.getByTestId('issue-description').fill(description);
  await page.getByTestId('issue-fix').fill('rewrite it');
  await page.getByTestId('issue-add').click();
}

test('pick a task, edit, run, submit two steps, scrub back to step 1', async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  await page.getByTestId('task-task_2_correlated_subqueries').click();
  await idle(page);
  await page.getByTestId(`task-${TASK1.id}`).click();
  await page.getByTestId('step-counter').and(page.getByText('step 0 of 3')).waitFor();
  await idle(page);

  // Run: timed against the original, no step spent.
  await typeRewrite(page, TASK1.rewrite);
  await page.keyboard.press('ControlOrMeta+Enter');
  await page.getByTestId('feedback').and(page.locator('[data-view="run"]')).waitFor();
  await idle(page);
  assert.match((await page.getByTestId('speedup').textContent())!, /^\d+\.\d\d×$/);
  assert.equal(await page.getByTestId('step-counter').textContent(), 'step 0 of 3', 'Run spends no step');

  // Step 1: only the projection fixed (still slow), one issue.
  await typeRewrite(
    page,
    "SELECT id, customer_id, product_id, status, total, created_at\nFROM orders\nWHERE CAST(customer_id AS VARCHAR) = '5000'\n  AND year(created_at) = 2024",
  );
  await addIssue(page, 'select_star', 1, 'low', 'reads every column');
  await page.getByTestId('summary').fill('Named the columns instead of SELECT *.');
  await page.getByTestId('submit').click();
  await page.getByTestId('feedback').and(page.locator('[data-step="1"]')).waitFor();
  await idle(page);
  const step1 = {
    speedup: await page.getByTestId('speedup').textContent(),
    reward: await page.getByTestId('reward-score').textContent(),
  };

  // Step 2: the full rewrite, issues on lines 3 and 4, submitted from the keyboard.
  await typeRewrite(page, TASK1.rewrite);
  await addIssue(page, 'non_sargable_predicate', 3, 'high', 'cast on customer_id defeats zone maps');
  await addIssue(page, 'non_sargable_predicate', 4, 'medium', 'year() on created_at defeats pruning');
  await page.getByTestId('rewrite-editor').locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+Shift+Enter');
  await page.getByTestId('feedback').and(page.locator('[data-step="2"]')).waitFor();
  await idle(page);
  const step2 = {
    speedup: await page.getByTestId('speedup').textContent(),
    reward: await page.getByTestId('reward-score').textContent(),
  };
  assert.notEqual(step2.reward, step1.reward, 'the two steps earned different rewards');

  // The API agrees with what the page shows for each step.
  const state = await page.evaluate(() => window.sqlOptimEnv.state());
  assert.ok(state.ok);
  if (!state.ok) return;
  assert.equal(state.result.history.length, 2);
  const [h1, h2] = state.result.history;
  assert.equal(step1.speedup, `${h1.execution.speedup!.toFixed(2)}×`);
  assert.equal(step2.speedup, `${h2.execution.speedup!.toFixed(2)}×`);
  assert.equal(step2.reward, h2.reward.score.toFixed(2));
  assert.ok(h2.execution.speedup! > h1.execution.speedup!, 'the full rewrite is faster than the projection-only one');

  // Scrub back to step 1: its numbers, its SQL.
  await page.getByTestId('scrub-step-1').click();
  await page.getByTestId('feedback').and(page.locator('[data-step="1"]')).waitFor();
  assert.equal(await page.getByTestId('speedup').textContent(), step1.speedup);
  assert.equal(await page.getByTestId('reward-score').textContent(), step1.reward);
  await page.getByTestId('scrub-diff').getByText('year(created_at)').first().waitFor();
  // The range input moves the same way.
  await page.getByTestId('scrub-range').fill('1');
  await page.getByTestId('feedback').and(page.locator('[data-step="2"]')).waitFor();
  assert.equal(await page.getByTestId('speedup').textContent(), step2.speedup);

  assert.deepEqual(rec.foreign, [], 'no request left the origin');
  assert.deepEqual(rec.problems, []);
  await context.close();
});

test('a syntax error is marked at its line', async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  await page.getByTestId(`task-${TASK1.id}`).click();
  await typeRewrite(page, 'SELECT id\nFROM orders\nWHERE customer_id = 5000\n  ANDD created_at > 1');
  await page.getByTestId('run').click();
  const err = page.getByTestId('sql-error');
  await err.waitFor();
  assert.equal(await err.getAttribute('data-line'), '4');
  assert.match((await err.textContent())!, /syntax error/i);
  assert.match((await squiggledLine(page))!, /ANDD created_at/);
  // Editing the text clears the marker: it no longer describes what is in the editor.
  await page.getByTestId('rewrite-editor').locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText(' ');
  await page.getByTestId('rewrite-editor').locator('.squiggly-error').waitFor({ state: 'detached' });
  assert.deepEqual(rec.foreign, []);
  await context.close();
});

test('a runaway query is stopped with a message and the episode continues', async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  await page.getByTestId(`task-${TASK1.id}`).click();
  await idle(page);
  await typeRewrite(page, 'SELECT count(*) FROM events a, events b');
  await page.getByTestId('run').click();
  const t0 = Date.now();
  await idle(page);
  const stopped = page.locator('[data-testid="exec-error"], [data-testid="sql-error"]').first();
  await stopped.waitFor();
  assert.match((await stopped.textContent())!, /time budget|TIMEOUT|cancelled|did not finish/i);
  console.log(`runaway query stopped after ${Date.now() - t0} ms`);

  // The episode carries on: a good rewrite is submitted and scored as step 1.
  await typeRewrite(page, TASK1.rewrite);
  await page.getByTestId('submit').click();
  await page.getByTestId('feedback').and(page.locator('[data-step="1"]')).waitFor();
  assert.equal(await page.getByTestId('match-main').getAttribute('data-value'), 'true');
  assert.equal(await page.getByTestId('step-counter').textContent(), 'step 1 of 3');
  assert.deepEqual(rec.foreign, []);
  await context.close();
});

test('the editor completes table names, and an alias completes its columns', async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  await typeRewrite(page, 'SELECT o.\nFROM orders o');
  // Cursor after "o." on line 1: the alias resolves to orders, so its columns are offered.
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('End');
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.suggest-widget');
  await suggest.getByText('customer_id', { exact: true }).waitFor();
  assert.equal(await suggest.getByText('session_id', { exact: true }).count(), 0, 'columns of other tables are not offered after o.');
  await page.keyboard.press('Escape');

  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\nJOIN eve');
  await page.keyboard.press('Control+Space');
  await suggest.getByText('events', { exact: true }).click();
  assert.match((await page.getByTestId('rewrite-editor').locator('.view-lines').textContent())!.replace(/\u00a0/g, ' '), /JOIN events/);
  assert.deepEqual(rec.foreign, []);
  await context.close();
});
