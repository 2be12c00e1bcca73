// window.sqlOptimEnv in a real browser: the page loads, data generates, reset/step answer like the stdio server,
// the UI shows what the API returned, the leaderboard survives a reload and a corrupt store is reported and reset.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Action } from '../../src/env/types.ts';
import { HANG_MS, newContext, openApp, startHarness, TASK1, waitReady, waitSaved, type Harness } from './harness.ts';

let h: Harness;
before(async () => (h = await startHarness()));
after(async () => h?.close());

const ACTION: Action = {
  suggestions: [
    { issue_type: 'select_star', line: 1, description: 'reads every column', severity: 'low', fix: 'name the columns' },
    { issue_type: 'non_sargable_cast', line: 3, description: 'cast on customer_id', severity: 'high', fix: 'compare integers' },
  ],
  optimized_query: TASK1.rewrite,
  summary: 'Integer comparison and a date range let DuckDB prune row groups instead of casting every row.',
  estimated_improvement: '5x',
  approved: false,
};

test('data generates, reset/step answer with values, and the UI shows the same speedup and correctness', async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  const ready = await page.evaluate(() => window.sqlOptimEnv.ready());
  assert.equal(ready.ok, true);
  if (!ready.ok) return;
  assert.deepEqual(ready.result.tables.map((t) => t.name).sort(), ['events', 'orders', 'products', 'users']);
  assert.ok(ready.result.tables.find((t) => t.name === 'orders')!.rows > 400_000, 'orders is generated at scale 1');
  console.log(
    `page load → ready: ${ready.result.load_ms.toFixed(0)} ms (wasm ${ready.result.wasm_ms.toFixed(0)} ms, data ${ready.result.generation_ms.toFixed(0)} ms, ${ready.result.bundle})`,
  );

  const bad = await page.evaluate(() => window.sqlOptimEnv.reset({ task_id: 'no_such_task' }));
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.equal(bad.error.code, 'UNKNOWN_TASK');

  const obs = await page.evaluate((id) => window.sqlOptimEnv.reset({ task_id: id }), TASK1.id);
  assert.equal(obs.ok, true);
  if (!obs.ok) return;
  assert.equal(obs.result.task_id, TASK1.id);
  assert.equal(obs.result.step_count, 0);

  const step = await page.evaluate((a) => window.sqlOptimEnv.step(a), ACTION);
  assert.equal(step.ok, true, JSON.stringify(step).slice(0, 300));
  if (!step.ok) return;
  const ex = step.result.observation.last_execution!;
  assert.equal(ex.results_match, true);
  assert.equal(ex.holdout_match, true);
  assert.ok(ex.speedup! > 1, `the rewrite is faster (speedup ${ex.speedup})`);

  // The page follows calls made by an agent: the feedback panel shows this step's numbers.
  const feedback = page.getByTestId('feedback');
  await feedback.and(page.locator('[data-step="1"]')).waitFor();
  assert.equal(await feedback.getByTestId('speedup').textContent(), `${ex.speedup!.toFixed(2)}×`);
  assert.equal(await feedback.getByTestId('match-main').getAttribute('data-value'), 'true');
  assert.equal(await feedback.getByTestId('match-holdout').getAttribute('data-value'), 'true');
  assert.equal(await feedback.getByTestId('reward-score').textContent(), step.result.reward.score.toFixed(2));
  assert.equal(await page.getByTestId('step-counter').textContent(), 'step 1 of 3');

  const state = await page.evaluate(() => window.sqlOptimEnv.state());
  assert.ok(state.ok && state.result.history.length === 1 && state.result.task_id === TASK1.id);
  assert.deepEqual(rec.foreign, [], 'no request left the origin');
  assert.deepEqual(rec.problems, []);
  await context.close();
});

test('the leaderboard and the episode survive a reload (IndexedDB)', async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  await page.evaluate((id) => window.sqlOptimEnv.reset({ task_id: id }), TASK1.id);
  const step = await page.evaluate((a) => window.sqlOptimEnv.step(a), ACTION);
  assert.ok(step.ok);
  const before = await page.evaluate(() => window.sqlOptimEnv.leaderboard());
  assert.ok(before.ok && before.result.find((r) => r.task_id === TASK1.id)!.attempts === 1);
  // Saves are asynchronous: wait until the step is in IndexedDB before reloading.
  await waitSaved(page, 1);

  await page.reload();
  await waitReady(page);
  const afterReload = await page.evaluate(() => window.sqlOptimEnv.leaderboard());
  assert.deepEqual(afterReload, before);
  const row = page.getByTestId(`lb-${TASK1.id}`);
  await row.waitFor();
  assert.equal(await row.getByTestId('lb-score').textContent(), step.ok ? step.result.reward.score.toFixed(2) : '');
  const state = await page.evaluate(() => window.sqlOptimEnv.state());
  assert.ok(state.ok && state.result.task_id === TASK1.id && state.result.step_count === 1, 'the episode was restored');
  await page.getByTestId('scrub-step-1').waitFor();
  assert.deepEqual(rec.foreign, []);
  await context.close();
});

test('a corrupt store is reported and reset, and the app still works', async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  // Two kinds of damage: a record of an unknown format, then a snapshot the core refuses to restore.
  for (const damaged of ['"not a snapshot"', '{"format":1,"saved_at":"x","snapshot":{"version":99}}']) {
    await page.evaluate(
      (json) =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('sql-optim-env');
          req.onsuccess = () => {
            const tx = req.result.transaction('kv', 'readwrite');
            tx.objectStore('kv').put(JSON.parse(json), 'snapshot');
            tx.oncomplete = () => (req.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      damaged,
    );
    await page.reload();
    await waitReady(page);
    const notice = page.getByTestId('notice').filter({ hasText: 'Saved progress was unreadable and has been reset' });
    await notice.first().waitFor();
    const board = await page.evaluate(() => window.sqlOptimEnv.leaderboard());
    assert.ok(board.ok && board.result.every((r) => r.attempts === 0));
    const obs = await page.evaluate((id) => window.sqlOptimEnv.reset({ task_id: id }), TASK1.id);
    assert.ok(obs.ok, 'the environment works after the reset');
  }
  assert.deepEqual(rec.foreign, []);
  await context.close();
});

test('the Content-Security-Policy is enforced while the app runs under it', async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  const refused = await page.evaluate(
    (hangMs) =>
      new Promise<string[]>((resolve) => {
        const seen: string[] = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          seen.push(e.effectiveDirective);
          if (seen.length === 2) resolve(seen.sort());
        });
        // A foreign image and a foreign fetch: both must be refused before any request is made.
        const img = new Image();
        img.src = 'https://cdn.example.invalid/pixel.png';
        fetch('https://cdn.example.invalid/data.json').catch(() => undefined);
        // Both reports normally arrive at once; this only ends the wait if one never comes.
        setTimeout(() => resolve(seen.sort()), hangMs);
      }),
    HANG_MS,
  );
  assert.deepEqual(refused, ['connect-src', 'img-src']);
  console.log(`CSP test: reported ${JSON.stringify(rec.foreign)}, reached the network layer ${JSON.stringify(rec.aborted)}`);
  assert.deepEqual(rec.aborted, [], 'the refused requests never reached the network');
  // The engine still answers after the refusals.
  assert.ok((await page.evaluate(() => window.sqlOptimEnv.tasks())).ok);
  await context.close();
});
