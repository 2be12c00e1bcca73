// The replay viewer without the engine: the hosted viewer page (no wasm, no worker), the standalone file opened from
// disk with every request cut off, the file `eval --out` writes, share links, and hostile or broken replays.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseReplay } from '../../src/replay/format.ts';
import { MAX_LINK_CHARS } from '../../src/replay/link.ts';
import { newContext, startHarness, type Harness } from './harness.ts';
import {
  diffText,
  hostileReplay,
  hugeFile,
  openOffline,
  PAYLOADS,
  payloadInert,
  refusedFiles,
  SAMPLE,
  scrubEverything,
  standaloneFile,
} from './replay-fixtures.ts';

let h: Harness;
before(async () => (h = await startHarness()));
after(async () => h?.close());

/** What the DuckDB side of the app loads; the viewer must load none of it. */
const ENGINE = /duckdb|env\.worker|\.wasm/;

test('the viewer page opens the sample without the engine and shows every step', async (t) => {
  const { context, rec } = await newContext(h);
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(`${h.server.url}viewer.html?sample`);
  await page.getByTestId('replay-viewer').waitFor();
  const shown = Date.now() - t0;
  await diffText(page);
  t.diagnostic(`viewer page: replay shown ${shown} ms after navigation, Monaco diff ${Date.now() - t0} ms`);
  assert.equal(
    await scrubEverything(page, SAMPLE),
    SAMPLE.episodes.reduce((n, e) => n + e.steps.length, 0),
  );
  assert.deepEqual(
    rec.requests.filter((u) => ENGINE.test(u)),
    [],
    'no DuckDB wasm or environment worker',
  );
  assert.deepEqual(rec.foreign, []);
  assert.match((await page.getByTestId('rerun').textContent())!, /does not start the database/);
  await context.close();
});

test('the standalone file opens from disk with every request blocked and shows every step', async (t) => {
  const path = standaloneFile(SAMPLE, 'sample-standalone');
  const t0 = Date.now();
  const { page, requests, problems, close } = await openOffline(h.browser, path);
  await page.getByTestId('replay-viewer').waitFor();
  await diffText(page);
  t.diagnostic(
    `standalone file (${(readFileSync(path).length / 2 ** 20).toFixed(2)} MB): replay and diff shown ${Date.now() - t0} ms after navigation`,
  );
  assert.equal(
    await scrubEverything(page, SAMPLE),
    SAMPLE.episodes.reduce((n, e) => n + e.steps.length, 0),
  );
  // The diff follows the scrubber: the last step of the last episode is the one shown now.
  const last = SAMPLE.episodes.at(-1)!.steps.at(-1)!;
  assert.ok((await diffText(page)).includes(last.action.optimized_query.split('\n')[0].trim()));
  assert.deepEqual(requests, [`file://${path}`], 'nothing but the file itself was requested');
  assert.deepEqual(problems, []);
  assert.match((await page.getByTestId('rerun-note').textContent())!, /only views/);
  await close();
});

test('script payloads inside a replay stay text in the standalone file that embeds them', async () => {
  const hostile = hostileReplay();
  const { page, problems, close } = await openOffline(h.browser, standaloneFile(hostile, 'hostile'));
  await page.getByTestId('replay-viewer').waitFor();
  assert.equal(await page.getByTestId('replay-policy').textContent(), hostile.policy.name);
  assert.equal(await page.getByTestId('replay-summary').textContent(), hostile.episodes[0].steps[0].action.summary);
  assert.equal(await page.getByTestId('replay-task').textContent(), hostile.episodes[0].task_name);
  assert.ok((await page.getByTestId('reward-feedback').textContent())!.includes(PAYLOADS.img));
  assert.ok((await diffText(page)).includes(PAYLOADS.script));
  assert.ok(await payloadInert(page), 'no payload ran');
  assert.deepEqual(problems, []);
  await close();
});

test('broken and hostile files are refused with a message naming what is wrong, and the open replay stays', async () => {
  const { context } = await newContext(h);
  const page = await context.newPage();
  await page.goto(`${h.server.url}viewer.html?sample`);
  await page.getByTestId('replay-viewer').waitFor();
  await page.getByTestId('replay-episode-2').click();
  await page.getByTestId('scrub-step-3').click();
  const input = page.getByTestId('open-replay-input');
  const cases = [
    ...refusedFiles().map((f) => ({ ...f, files: { name: f.name, mimeType: 'application/json', buffer: Buffer.from(f.text) } })),
    { name: 'huge.json', files: hugeFile(), message: /“sql-optim-env-huge-\d+\.json”: the file is 21\.0 MB; replays are at most 20 MB/ },
  ];
  for (const c of cases) {
    await input.setInputFiles(c.files);
    const message = page.getByTestId('replay-message').and(page.locator('[data-level="error"]'));
    await message.waitFor();
    const text = (await message.textContent())!;
    assert.match(text, c.message, c.name);
    assert.match(text, /Nothing was changed\./, c.name);
    // The replay that was open is still open, at the same episode and step.
    assert.equal(await page.getByTestId('replay-viewer').getAttribute('data-episode'), '2', c.name);
    assert.equal(await page.getByTestId('replay-viewer').getAttribute('data-step'), '3', c.name);
    await page.getByRole('button', { name: 'Dismiss message' }).click();
  }
  assert.ok(await payloadInert(page));
  await context.close();
});

test('a share link round-trips through the viewer; a replay too large for a link says so', async () => {
  const one = structuredClone(SAMPLE);
  one.episodes = [SAMPLE.episodes[4]];
  const { context, rec } = await newContext(h);
  const page = await context.newPage();
  // The link is made by the viewer's Share link (as a person would), from a replay opened as a file.
  await page.goto(`${h.server.url}viewer.html`);
  await page
    .getByTestId('open-replay-input')
    .setInputFiles({ name: 'one.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(one)) });
  await page.getByTestId('replay-share').click();
  const link = (await page.getByTestId('replay-share-url').inputValue())!;
  assert.ok(link.startsWith(`${h.server.url}viewer.html#replay=`), link);
  assert.ok(link.length < MAX_LINK_CHARS);
  // A fresh page (nothing in memory) opens the link: every step as recorded, no engine.
  const fresh = await context.newPage();
  await fresh.goto(link);
  await fresh.getByTestId('replay-viewer').waitFor();
  assert.equal(await scrubEverything(fresh, one), one.episodes[0].steps.length);
  assert.deepEqual(
    rec.requests.filter((u) => ENGINE.test(u)),
    [],
  );
  // Saved again from there, it is the replay that went into the link, byte for byte.
  const [download] = await Promise.all([fresh.waitForEvent('download'), fresh.getByTestId('save-replay').click()]);
  assert.equal(readFileSync((await download.path())!, 'utf8'), `${JSON.stringify(one, null, 1)}\n`);

  // A link cut short is refused with a message, not a blank page.
  const cut = await context.newPage();
  await cut.goto(link.slice(0, 2000));
  assert.match((await cut.getByTestId('replay-message').textContent())!, /Could not open the link: the link is damaged or cut short/);

  // Incompressible text makes a replay too large for a link: the person is told to share the file.
  const big = structuredClone(one);
  big.episodes[0].steps[0].execution.explain_plan = randomBytes(90_000).toString('base64'); // a huge plan: texts in actions are capped
  await page
    .getByTestId('open-replay-input')
    .setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(big)) });
  await page.getByTestId('replay-share').click();
  assert.match(
    (await page.getByTestId('replay-share-error').textContent())!,
    /this replay is \d+ KB even compressed; links hold at most 60 KB\. Export it as a file instead\./,
  );
  await context.close();
});

test('eval --out writes a replay.html that opens from disk offline with every step', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sql-optim-env-eval-'));
  const bin = fileURLToPath(new URL('../../bin/sql-optim-env.mjs', import.meta.url));
  const t0 = Date.now();
  await promisify(execFile)(process.execPath, [bin, 'eval', '--policy', 'oracle', '--task', 'task_1_basic_antipatterns', '--out', dir], {
    maxBuffer: 1 << 24,
  });
  t.diagnostic(`eval --out on one task: ${Date.now() - t0} ms (viewer template cached by the build)`);
  const replay = parseReplay(readFileSync(join(dir, 'replay.json'), 'utf8'));
  const { page, requests, problems, close } = await openOffline(h.browser, join(dir, 'replay.html'));
  await page.getByTestId('replay-viewer').waitFor();
  assert.equal(await scrubEverything(page, replay), replay.episodes[0].steps.length);
  assert.deepEqual(requests, [`file://${join(dir, 'replay.html')}`]);
  assert.deepEqual(problems, []);
  await close();
});

test('the viewer page has no serious or critical axe violations, empty and with a replay', async () => {
  const axeSource: string = createRequire(import.meta.url)('axe-core').source;
  const { context } = await newContext(h);
  const page = await context.newPage();
  const audit = async () => {
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run(d: Document): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> };
        }
      ).axe;
      return (await axe.run(document)).violations;
    });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
  };
  await page.goto(`${h.server.url}viewer.html`);
  await page.getByTestId('viewer-empty').waitFor();
  assert.deepEqual(await audit(), []);
  await page.getByTestId('open-sample').click();
  await page.getByTestId('replay-viewer').waitFor();
  await diffText(page);
  assert.deepEqual(await audit(), []);
  await context.close();
});
