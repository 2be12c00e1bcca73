// The query plans a person sees after submitting a task-2 rewrite: a summary above each plan, a collapsible tree,
// the differences between the two plans, what "time in operators" means, and nothing cut off on a desktop or a phone.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { newContext, openApp, startHarness, typeRewrite, type Harness } from './harness.ts';

let h: Harness;
before(async () => (h = await startHarness()));
after(async () => h?.close());

const TASK2 = 'task_2_correlated_subqueries';
const REFERENCE = readFileSync(new URL(`../../tasks/${TASK2}/reference.sql`, import.meta.url), 'utf8');

/** Task 2's reference with the parameters of the instance the page shows (they are drawn at reset). */
async function referenceFor(page: Page): Promise<string> {
  const desc = (await page.getByTestId('task-header').textContent())!;
  const tier = /of tier (\w+)/.exec(desc)?.[1];
  const since = /on or after (\d{4}-\d\d-\d\d)/.exec(desc)?.[1];
  assert.ok(tier && since, `the description names the tier and the date: ${desc}`);
  // One line without comments or semicolon: Monaco indents each typed line further and would carry a comment on.
  const sql = REFERENCE.replaceAll('{{tier}}', tier).replaceAll('{{since}}', since);
  return sql
    .replace(/--[^\n]*/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/;$/, '');
}

/** Elements inside `root` whose content is wider than their box (cut off or scrolled), as "class: text"… */
async function overflowing(root: Locator): Promise<string[]> {
  return root.evaluate((el) =>
    [el, ...el.querySelectorAll<HTMLElement>('*')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
      .concat(
        // …or that stick out of the plans section or the window.
        [...el.querySelectorAll<HTMLElement>('.op, .nums, .detail, li')].filter(
          (e) => e.getBoundingClientRect().right > Math.min(el.getBoundingClientRect().right, window.innerWidth) + 1,
        ),
      )
      .map((e) => `${e.className}: ${e.textContent!.slice(0, 60)}`),
  );
}

test('after a task-2 rewrite, both plans are summed up, collapsible, compared, and fit a desktop and a phone', async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId(`task-${TASK2}`).click();
  await page.getByTestId('busy').waitFor({ state: 'detached' });
  await typeRewrite(page, await referenceFor(page));
  await page.getByTestId('submit').click();
  await page.getByTestId('feedback').and(page.locator('[data-step="1"]')).waitFor();
  await page.getByTestId('busy').waitFor({ state: 'detached' });

  const failed = page.getByTestId('exec-error');
  assert.equal(await failed.count(), 0, `the rewrite ran: ${(await failed.count()) ? await failed.innerText() : ''}`);
  const original = page.getByTestId('plan-original');
  const rewrite = page.getByTestId('plan-optimized');
  // Summaries in plain words: the original reads orders three times, the rewrite twice.
  const summary = (side: Locator) => side.getByTestId('plan-summary').innerText();
  assert.match(await summary(original), /^Scans orders 3 times \([\d,]+ rows kept\)/);
  assert.match(await summary(original), /Most time: .+, [\d.]+ ms \(\d+% of the time in operators\)/);
  assert.match(await summary(rewrite), /^Scans orders twice \([\d,]+ rows kept\)/);
  assert.doesNotMatch(await page.getByTestId('feedback').innerText(), /__internal|HASH_GROUP_BY ·|Estimated Cardinality/);

  // The differences: listed above, marked in both trees.
  const diff = await page.getByTestId('plan-diff').innerText();
  assert.match(diff, /Rewrite scans orders twice instead of 3 times and keeps [\d,]+ fewer rows from it/);
  assert.match(diff, /Only in Original: Window function/);
  assert.ok((await original.locator('[data-mark="only-here"]').count()) > 0, 'operators only the original has are marked');
  assert.ok((await rewrite.locator('[data-mark="reads-differ"]').count()) > 0, 'scans that read differently are marked');

  // "Time in operators" is explained where it is shown.
  const note = page.getByTestId('plan-time-note');
  const time = original.getByTestId('plan-operator-time');
  assert.equal(await time.getAttribute('aria-describedby'), await note.getAttribute('id'));
  assert.match(await note.innerText(), /^Time in operators sums .* one profiled run .* many whole runs/);

  // A collapsible tree: the first levels open, deeper operators collapsed until opened (except on the way to the hottest).
  const root = original.locator('li[data-path="0"] > details');
  assert.equal(await root.evaluate((d: HTMLDetailsElement) => d.open), true);
  const shut = original.locator('details:not([open])').first();
  const path = await shut.evaluate((d) => d.parentElement!.dataset.path!);
  assert.ok(path.split('.').length > 2, `a collapsed operator is deep in the tree: ${path}`);
  const deep = original.locator(`li[data-path="${path}"] > details`);
  const hiddenChild = deep.locator(':scope > ul > li').first();
  assert.equal(await hiddenChild.isVisible(), false);
  await deep.locator(':scope > summary').click();
  assert.equal(await deep.evaluate((d: HTMLDetailsElement) => d.open), true);
  assert.equal(await hiddenChild.isVisible(), true);
  await deep.locator(':scope > summary').press('Enter');
  assert.equal(await deep.evaluate((d: HTMLDetailsElement) => d.open), false, 'the keyboard closes it again');
  // The operator with the most time is in sight without opening anything.
  assert.equal(await original.locator('[data-hottest]').isVisible(), true);

  const plans = page.locator('details.plans');
  const desktopHeight = (await plans.boundingBox())!.height;
  console.log(`plans section at 1440 px: ${Math.round(desktopHeight)} px tall`);
  assert.deepEqual(await overflowing(plans), [], 'nothing is cut off at 1440 px');
  await plans.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/plans-desktop.png' });
  await plans.screenshot({ path: '/tmp/plans-desktop-section.png' });

  await page.setViewportSize({ width: 390, height: 844 });
  await plans.scrollIntoViewIfNeeded();
  assert.deepEqual(await overflowing(plans), [], 'nothing is cut off at 390 px');
  await page.screenshot({ path: '/tmp/plans-phone.png' });
  await plans.screenshot({ path: '/tmp/plans-phone-section.png' });

  // Every operator opened: the deepest ones still fit a phone, and the first view was much shorter than the whole.
  await plans.evaluate((el) => el.querySelectorAll('details').forEach((d) => (d.open = true)));
  assert.deepEqual(await overflowing(plans), [], 'nothing is cut off at 390 px with every operator open');
  await plans.screenshot({ path: '/tmp/plans-phone-expanded.png' });
  await page.setViewportSize({ width: 1440, height: 900 });
  assert.deepEqual(await overflowing(plans), [], 'nothing is cut off at 1440 px with every operator open');
  const wholeHeight = (await plans.boundingBox())!.height;
  console.log(`plans section at 1440 px with every operator open: ${Math.round(wholeHeight)} px tall`);
  assert.ok(
    desktopHeight < 0.6 * wholeHeight,
    `the first view (${desktopHeight} px) is much shorter than the whole tree (${wholeHeight} px)`,
  );

  assert.deepEqual(rec.foreign, []);
  assert.deepEqual(rec.problems, []);
  await context.close();
});
