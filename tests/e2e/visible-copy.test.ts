// The page keeps a copy of the visible tables after its first visit and attaches it on the next one instead of generating
// them; a copy whose bytes changed is refused (its checksums are not the published ones) and the tables are generated.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { HANG_MS, newContext, openApp, startHarness, TASK1, waitReady, type Harness } from './harness.ts';

let h: Harness;
before(async () => (h = await startHarness()));
after(async () => h?.close());

/** The kept copy's size in IndexedDB, 0 while there is none (src/client/visible-copy-store.ts). */
function keptBytes(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('sql-optim-env-tables', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('files');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('files').objectStore('files').get('visible');
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result instanceof Uint8Array ? get.result.length : 0);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

/** Waits until the worker has kept a copy (after the hidden data: it is made in the background). */
async function waitKept(page: Page): Promise<number> {
  const deadline = Date.now() + HANG_MS;
  for (;;) {
    const n = await keptBytes(page);
    if (n > 0) return n;
    if (Date.now() > deadline) throw new Error('no copy of the visible tables was kept');
    await page.waitForTimeout(200);
  }
}

const source = async (page: Page) => {
  const ready = await page.evaluate(() => window.sqlOptimEnv.ready());
  assert.ok(ready.ok, JSON.stringify(ready));
  return ready.ok ? ready.result.visible_source : null;
};

const execute = (page: Page) =>
  page.evaluate(({ id, sql }) => window.sqlOptimEnv.execute({ task_id: id, optimized_query: sql }), { id: TASK1.id, sql: TASK1.rewrite });

test('a second visit attaches the kept tables; a copy changed on disk is refused, the tables generated and kept again', async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  assert.equal(await source(page), 'generated');
  const kept = await waitKept(page);

  await page.reload();
  await waitReady(page);
  assert.equal(await source(page), 'copy');
  assert.equal(await page.getByTestId('visible-source').getAttribute('data-source'), 'copy');
  const ex = await execute(page);
  assert.ok(ex.ok, JSON.stringify(ex).slice(0, 300));
  if (ex.ok) assert.equal(ex.result.results_match, true);

  // Bytes changed in the middle of the stored file: DuckDB's block checksums or the tables' checksums refuse it.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('sql-optim-env-tables', 1);
        open.onsuccess = () => {
          const store = open.result.transaction('files', 'readwrite').objectStore('files');
          const get = store.get('visible');
          get.onsuccess = () => {
            const file = (get.result as Uint8Array).slice();
            for (let i = 0; i < 64; i++) file[(file.length >> 1) + i * 4096] ^= 0xff;
            const put = store.put(file, 'visible');
            put.onsuccess = () => (open.result.close(), resolve());
            put.onerror = () => reject(put.error);
          };
        };
        open.onerror = () => reject(open.error);
      }),
  );
  await page.reload();
  await waitReady(page);
  assert.match((await source(page)) ?? '', /^generated \(copy refused: /);
  const again = await execute(page);
  assert.ok(again.ok && again.result.results_match, JSON.stringify(again).slice(0, 300));
  // The refused copy is gone at once, and a good one replaces it once the hidden data is ready.
  assert.equal(await keptBytes(page), 0);
  await waitKept(page);
  await page.reload();
  await waitReady(page);
  assert.equal(await source(page), 'copy');
  assert.ok(kept > 1_000_000, `a copy of the four tables is megabytes, not ${kept} bytes`);
  assert.deepEqual(rec.problems, []);
  await context.close();
});
