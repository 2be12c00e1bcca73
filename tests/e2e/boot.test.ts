// The page's start-up path: DuckDB's 35 MB wasm is fetched once per visit, at navigation (the head's preload, taken by
// the page's compile), and every DuckDB instance of the worker (visible, judged, edge cases) is made from that module.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { newContext, openApp, startHarness, type Harness } from './harness.ts';

let h: Harness;
before(async () => (h = await startHarness()));
after(async () => h?.close());

test('the wasm is requested once, by the preload, for all three DuckDB instances', async () => {
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  // The judged and edge-case instances are loaded after ready: only once their data is there have all three loaded.
  await page.getByTestId('hidden-data').and(page.locator('[data-state="ready"]')).waitFor();
  const wasm = rec.requests.filter((u) => /\.wasm(\?|$)/.test(u));
  assert.equal(wasm.length, 1, `wasm requests: ${JSON.stringify(wasm)}`);
  assert.match(wasm[0], /duckdb-eh-[\w-]+\.wasm$/);
  const preloaded = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => e.name.endsWith('.wasm'))
      .map((e) => (e as PerformanceResourceTiming).initiatorType),
  );
  assert.deepEqual(preloaded, ['link'], 'the page took the preloaded response');
  const info = await page.evaluate(() => window.sqlOptimEnv.ready());
  assert.equal(info.ok && info.result.bundle, 'eh');
  assert.deepEqual(rec.problems, []);
  await context.close();
});
