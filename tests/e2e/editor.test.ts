// The SQL editor as a person uses it: Enter makes a new line while completion is open (Tab accepts), long lines wrap,
// an error's message goes as soon as the text changes, Format keeps the query, the shortcut sheet, the system theme,
// completion that keeps answering (without page errors) after diff editors have come and gone, and the plain stand-in
// that holds the text while Monaco waits for the engine.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Action } from '../../src/env/types.ts';
import { HANG_MS, newContext, openApp, openPage, startHarness, TASK1, typeRewrite, waitReady, type Harness } from './harness.ts';

let h: Harness;
before(async () => (h = await startHarness()));
after(async () => h?.close());

const editor = (page: Page) => page.getByTestId('rewrite-editor');
const suggest = (page: Page) => editor(page).locator('.suggest-widget.visible');

/** The rewrite's text as shown: its rendered lines in order (a wrapped line shows as several). */
async function modelText(page: Page): Promise<string> {
  return editor(page).evaluate((root) =>
    [...root.querySelectorAll<HTMLElement>('.view-line')]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((l) => l.textContent!.replace(/\u00a0/g, ' '))
      .join('\n'),
  );
}

/** The rewrite's text once it shows `expected` (the view renders an edit a frame or more after it; a busy machine
 *  makes that longer), or as it stands when only a hang would keep it from showing. */
async function shownText(page: Page, expected: string): Promise<string> {
  const deadline = Date.now() + HANG_MS;
  for (;;) {
    const text = await modelText(page);
    if (text === expected || Date.now() > deadline) return text;
    await page.waitForTimeout(50);
  }
}

/** Waits until the completion row in focus is `label`'s. */
async function focusedIs(page: Page, label: string): Promise<void> {
  const focused = suggest(page).locator('.monaco-list-row.focused');
  const deadline = Date.now() + HANG_MS;
  while (
    (
      await focused
        .first()
        .getAttribute('aria-label')
        .catch(() => null)
    )?.split(',')[0] !== label
  ) {
    if (Date.now() > deadline) throw new Error(`completion never focused ${label}`);
    await page.waitForTimeout(50);
  }
}

/** Opens completion where the cursor is and waits until it lists `label`, or fails at the first page error. */
async function complete(page: Page, label: string): Promise<void> {
  const error = page.waitForEvent('pageerror');
  await page.keyboard.press('Control+Space');
  const listed = suggest(page).getByText(label, { exact: true }).first().waitFor();
  const failed = await Promise.race([listed.then(() => null), error]);
  error.catch(() => {}); // once the list is shown, the error watch is left to time out with the page
  if (failed) throw new Error(`completion failed: ${failed.message}`);
}

const STEP: Action = {
  suggestions: [{ issue_type: 'select_star', line: 1, description: 'every column', severity: 'low', fix: 'name them' }],
  optimized_query: TASK1.rewrite,
  summary: 'Integer key and a date range.',
  estimated_improvement: '5x',
  approved: false,
};

test('completion still answers after diff editors were opened and closed', async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  // The editor's own Diff and Original tabs mount and unmount editors too.
  for (const tab of ['Diff vs original', 'Original (read-only)', 'Diff vs original', 'Rewrite']) {
    await page.getByRole('tab', { name: tab }).click();
    await page.locator('[role=tabpanel] .view-lines').first().waitFor();
  }
  // A submitted step mounts the replay's diff beside the rewrite editor; a new episode unmounts it again, at once, while
  // its diff may still be computing (which once failed with "no diff result available").
  for (let i = 0; i < 3; i++) {
    await page.evaluate((id) => window.sqlOptimEnv.reset({ task_id: id }), TASK1.id);
    await page.evaluate((a) => window.sqlOptimEnv.step(a), STEP);
    await page.getByTestId('scrub-diff').locator('.view-lines').first().waitFor();
    await page.evaluate((id) => window.sqlOptimEnv.reset({ task_id: id }), TASK1.id);
    await page.getByTestId('scrub-diff').waitFor({ state: 'detached' });
  }
  await typeRewrite(page, 'SELECT 1\nFROM ord');
  await complete(page, 'orders');
  assert.deepEqual(rec.problems, [], 'no page error');
  await context.close();
});

test('Enter makes a new line while completion is open; Tab and arrows with Tab accept', async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  await typeRewrite(page, 'SELECT created_at');
  await complete(page, 'created_at');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('FROM orders');
  assert.equal(await shownText(page, 'SELECT created_at\nFROM orders'), 'SELECT created_at\nFROM orders');

  await typeRewrite(page, 'SELECT id FROM ord');
  await complete(page, 'orders');
  await page.keyboard.press('Tab');
  assert.equal(await shownText(page, 'SELECT id FROM orders'), 'SELECT id FROM orders');

  // "SELECT status, total FROM orders WHERE s": completion lists s-words; the second one is taken with ArrowDown+Tab.
  await typeRewrite(page, 'SELECT id FROM orders WHERE s');
  await page.keyboard.press('Control+Space');
  const rows = suggest(page).locator('.monaco-list-row');
  await rows.nth(1).waitFor();
  const second = (await rows.nth(1).getAttribute('aria-label'))!.split(',')[0];
  await page.keyboard.press('ArrowDown');
  // Tab takes the row in focus: pressed only once the list shows the second one focused (a busy machine renders late).
  await focusedIs(page, second);
  await page.keyboard.press('Tab');
  assert.equal(await shownText(page, `SELECT id FROM orders WHERE ${second}`), `SELECT id FROM orders WHERE ${second}`);
  assert.deepEqual(rec.problems, []);
  await context.close();
});

test('long lines wrap instead of scrolling out of view', async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  const long = `SELECT ${Array.from({ length: 40 }, (_, i) => `total AS t${i}`).join(', ')} FROM orders`;
  await typeRewrite(page, long);
  assert.ok((await editor(page).locator('.view-line').count()) > 1, 'one long line is shown on several rows');
  assert.equal((await modelText(page)).replace(/\n/g, ''), long);
  await context.close();
});

test("a failed rewrite's message goes as soon as its text changes", async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  await page.getByTestId(`task-${TASK1.id}`).click();
  await typeRewrite(page, 'SELECT id\nFROM orders\n  WHER customer_id = 1');
  await page.getByTestId('run').click();
  await page.getByTestId('sql-error').waitFor();
  await editor(page).locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('0');
  await page.getByTestId('sql-error').waitFor({ state: 'detached' });
  await editor(page).locator('.squiggly-error').waitFor({ state: 'detached' });
  assert.deepEqual(rec.foreign, []);
  await context.close();
});

test('Format lays the query out on lines, from the button and from Shift+Alt+F', async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  await typeRewrite(page, 'select id, total from orders where customer_id = 5000 and total > 10 order by total desc limit 5');
  await page.getByTestId('format').click();
  // The formatter loads on first use: wait until the text is laid out (only a hang hits the context's deadline).
  await editor(page).locator('.view-line').nth(3).waitFor();
  const formatted = await modelText(page);
  assert.ok(formatted.split('\n').length > 3, `formatted on several lines:\n${formatted}`);
  assert.match(formatted, /^select\n\s+id,\n\s+total\nfrom\n\s+orders\nwhere/);

  await typeRewrite(page, "select count(*) from users where country = 'DE'");
  await page.keyboard.press('Shift+Alt+F');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=rewrite-editor] .view-line').length > 1);
  assert.match(await modelText(page), /^select\n\s+count\(\*\)\nfrom\n\s+users\nwhere\n\s+country = 'DE'$/);
  assert.deepEqual(rec.problems, []);
  await context.close();
});

test('the shortcut sheet opens with ? outside text fields and from its button, and closes with Escape', async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await page.locator('body').press('?');
  await sheet.waitFor();
  for (const what of ['Run', 'Submit', 'Accept a completion', 'Format', 'This sheet'])
    await sheet.getByText(what, { exact: true }).waitFor();
  await page.keyboard.press('Escape');
  await sheet.waitFor({ state: 'detached' });

  // In the editor, ? is text.
  await typeRewrite(page, 'SELECT 1');
  await page.keyboard.type('?');
  assert.equal(await sheet.count(), 0);
  assert.equal(await modelText(page), 'SELECT 1?');

  const button = page.getByTestId('shortcuts');
  await button.click();
  await sheet.waitFor();
  await sheet.getByRole('button', { name: 'Close' }).click();
  await sheet.waitFor({ state: 'detached' });
  assert.ok(await button.evaluate((b) => b === document.activeElement), 'focus returns to the button');
  assert.deepEqual(rec.problems, []);
  await context.close();
});

test('the page and the editor follow the system theme, live', async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  await editor(page).locator('.monaco-editor.vs').waitFor();
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  await editor(page).locator('.monaco-editor.vs-dark').waitFor();
  assert.notEqual(await background(), light, 'the page turned dark too');
  await page.emulateMedia({ colorScheme: 'light' });
  await editor(page).locator('.monaco-editor.vs').waitFor();
  assert.equal(await background(), light);
  assert.deepEqual(rec.problems, []);
  await context.close();
});

test('while the engine boots a plain stand-in holds the SQL; what is typed there, and the cursor, carry over into Monaco', async () => {
  const { context, rec } = await newContext(h);
  // DuckDB's wasm is held back until the text is typed, so the engine cannot get ready (and let Monaco load) before.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await context.route(/\.wasm$/, async (route) => {
    await released;
    await route.fallback();
  });
  const page = await openPage(h, context, rec);
  const standIn = page.getByTestId('rewrite-editor-stand-in');
  await standIn.waitFor();
  assert.match(await standIn.inputValue(), /SELECT/i, 'the draft is shown before the editor loads');
  assert.equal(await page.getByTestId('ready-time').count(), 0, 'the engine is still booting');
  await standIn.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText('SELECT 1');
  release();
  await waitReady(page);
  await editor(page).locator('.monaco-editor').waitFor();
  assert.equal(await standIn.count(), 0, 'the stand-in is gone');
  // Typing goes on in Monaco, where the cursor was.
  await page.keyboard.insertText(' AS one');
  assert.equal(await modelText(page), 'SELECT 1 AS one');
  assert.deepEqual(rec.problems, []);
  await context.close();
});
