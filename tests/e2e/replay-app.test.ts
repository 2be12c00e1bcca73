// Replays in the app, with the engine running: export (.json, .html, link, .jsonl) is the episode the worker holds,
// lossless through import; re-run executes the replay's queries here; hostile or broken files change nothing.
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { Action, EnvState, LeaderboardRow, Observation, StepResult } from '../../src/env/types.ts';
import { instantiate, loadTasks } from '../../src/env/tasks.ts';
import { readTaskFiles } from '../../src/node/task-files.ts';
import { parseReplay, type Replay } from '../../src/replay/format.ts';
import { trajectoryLines } from '../../src/replay/trajectory.ts';
import { newContext, openApp, startHarness, TASK1, waitReady, waitSaved, type Harness, type Recorder } from './harness.ts';
import { hostileReplay, openOffline, PAYLOADS, payloadInert, refusedFiles, SAMPLE, scrubEverything } from './replay-fixtures.ts';

let h: Harness;
let context: BrowserContext;
let rec: Recorder;
let page: Page;
/** what the agent saw and did at each step, as window.sqlOptimEnv answered */
const live: { observation: Observation; action: Action; result: StepResult }[] = [];
let exported: { text: string; replay: Replay };

before(async () => {
  h = await startHarness();
  ({ context, rec } = await newContext(h));
  page = await openApp(h, context, rec);
});
after(async () => h?.close());

const ACTIONS: Action[] = [
  {
    suggestions: [{ issue_type: 'select_star', line: 1, description: 'reads every column', severity: 'low', fix: 'name the columns' }],
    optimized_query:
      "SELECT id, customer_id, product_id, status, total, created_at\nFROM orders\nWHERE CAST(customer_id AS VARCHAR) = '5000'\n  AND year(created_at) = 2024",
    summary: 'Named the columns instead of SELECT *.',
    estimated_improvement: '1.2x',
    approved: false,
  },
  {
    suggestions: [
      { issue_type: 'select_star', line: 1, description: 'reads every column', severity: 'low', fix: 'name the columns' },
      {
        issue_type: 'non_sargable_predicate',
        line: 3,
        description: 'cast on customer_id defeats zone maps',
        severity: 'high',
        fix: 'compare the bare column',
      },
    ],
    optimized_query: TASK1.rewrite,
    summary: 'Bare columns in the predicates so row groups can be skipped.',
    estimated_improvement: '5x',
    approved: true,
  },
];

async function api<T>(fn: string, arg?: unknown): Promise<T> {
  const r = await page.evaluate(
    ([f, a]) => (window.sqlOptimEnv as unknown as Record<string, (x: unknown) => Promise<unknown>>)[f as string](a),
    [fn, arg] as const,
  );
  const answer = r as { ok: boolean; result: T; error?: { message: string } };
  assert.ok(answer.ok, `${fn}: ${answer.error?.message}`);
  return answer.result;
}

async function downloadOf(testid: string, p = page): Promise<string> {
  const [d] = await Promise.all([p.waitForEvent('download'), p.getByTestId(testid).click()]);
  return (await d.path())!;
}

/** What must not change when a replay is opened, refused or re-run: the episode, the leaderboard, the draft. */
async function snapshot() {
  return {
    state: await api<EnvState>('state'),
    leaderboard: await api<LeaderboardRow[]>('leaderboard'),
    board: await page.getByTestId('leaderboard').innerText(),
    counter: await page.getByTestId('step-counter').textContent(),
  };
}

test('an agent plays two steps; Export .json is that episode, and survives import and re-export byte for byte', async () => {
  let observation = await api<Observation>('reset', { task_id: TASK1.id });
  for (const action of ACTIONS) {
    const result = await api<StepResult>('step', action);
    live.push({ observation, action, result });
    observation = result.observation;
  }
  await page.getByTestId('replay-controls').getByText('This episode: 2 steps').waitFor();
  const text = readFileSync(await downloadOf('export-json'), 'utf8');
  const replay = parseReplay(text);
  exported = { text, replay };
  const state = await api<EnvState>('state');
  const ep = replay.episodes[0];
  assert.equal(ep.task_id, TASK1.id);
  assert.equal(ep.seed, null);
  assert.deepEqual(
    ep.steps.map(({ step, action, execution, reward, done, terminated, truncated, hints_used }) => ({
      step,
      action,
      execution,
      reward,
      done,
      terminated,
      truncated,
      hints_used,
    })),
    state.history,
  );
  assert.deepEqual(
    ep.steps.map((s) => [s.terminated, s.truncated]),
    live.map((l) => [l.result.terminated, l.result.truncated]),
  );
  assert.equal(ep.original_query, live[0].observation.sql_query);
  assert.equal(replay.policy.name, 'app');

  // Import: the viewer replaces the episode on screen; every step shows its recorded figures; saved again, identical.
  await page.getByTestId('open-replay-input').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByTestId('replay-bar').waitFor();
  assert.equal(await scrubEverything(page, replay), 2);
  assert.equal(readFileSync(await downloadOf('save-replay'), 'utf8'), text);
  await page.getByTestId('close-replay').click();
  assert.equal(await page.getByTestId('step-counter').textContent(), 'step 2 of 3');
});

test('Trajectory .jsonl equals the trajectory built from what the agent saw', async () => {
  const text = readFileSync(await downloadOf('export-jsonl'), 'utf8');
  // The environment keeps the action as it parsed it; the agent's own action is compared in that form.
  const state = await api<EnvState>('state');
  const expected = trajectoryLines([live.map((l, i) => ({ ...l, action: state.history[i].action }))]);
  const lines = (s: string) =>
    s
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  assert.deepEqual(lines(text), lines(expected));
  assert.equal(lines(text).length, 2);
});

test('Export .html opens from disk offline; Share link opens the viewer without the engine', async () => {
  const path = join(tmpdir(), `exported-${process.pid}.html`);
  copyFileSync(await downloadOf('export-html'), path);
  const offline = await openOffline(h.browser, path);
  await offline.page.getByTestId('replay-viewer').waitFor();
  assert.equal(await scrubEverything(offline.page, exported.replay), 2);
  assert.deepEqual(offline.requests, [`file://${path}`]);
  assert.deepEqual(offline.problems, []);
  await offline.close();

  await page.getByTestId('share-link').click();
  const link = await page.getByTestId('share-link-url').inputValue();
  assert.ok(link.startsWith(`${h.server.url}viewer.html#replay=`));
  const viewer = await context.newPage();
  const requested: string[] = [];
  viewer.on('request', (r) => requested.push(r.url()));
  await viewer.goto(link);
  await viewer.getByTestId('replay-viewer').waitFor();
  assert.equal(await scrubEverything(viewer, exported.replay), 2);
  assert.deepEqual(
    requested.filter((u) => /duckdb|env\.worker|\.wasm/.test(u)),
    [],
  );
  await viewer.close();
});

test('broken, hostile and future files are refused (picked or dropped), and the episode and leaderboard are intact', async () => {
  const before = await snapshot();
  for (const f of refusedFiles()) {
    await page.getByTestId('open-replay-input').setInputFiles({ name: f.name, mimeType: 'application/json', buffer: Buffer.from(f.text) });
    const message = page.getByTestId('replay-message').and(page.locator('[data-level="error"]'));
    await message.waitFor();
    assert.match((await message.textContent())!, f.message, f.name);
    assert.equal(await page.getByTestId('replay-bar').count(), 0, `${f.name}: no replay opened`);
    await page.getByRole('button', { name: 'Dismiss message' }).click();
  }
  // Dropped on the page (onto the editor, which takes drops of text): refused the same way.
  const future = refusedFiles().find((f) => f.name === 'future.json')!;
  await page.getByTestId('rewrite-editor').evaluate((el, text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, future.text);
  assert.match(
    (await page.getByTestId('replay-message').textContent())!,
    /Could not open “dropped\.json”: this replay uses format version 2/,
  );

  // A valid replay full of markup opens, shows it as text, runs nothing; closing it returns to the episode.
  await page.getByTestId('rewrite-editor').evaluate((el, text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'hostile.json', { type: 'application/json' }));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, JSON.stringify(hostileReplay()));
  await page.getByTestId('replay-bar').waitFor();
  assert.equal(await page.getByTestId('replay-summary').textContent(), `${PAYLOADS.img}${PAYLOADS.script}`);
  assert.ok(await payloadInert(page));
  await page.getByTestId('close-replay').click();

  assert.deepEqual(await snapshot(), before);
  assert.ok(await payloadInert(page));
  assert.deepEqual(rec.foreign, []);
});

test('re-run on my machine times the replay here beside the recorded figures, without touching the episode', async () => {
  const before = await snapshot();
  await page.getByTestId('open-sample').click();
  await page.getByTestId('replay-bar').waitFor();
  await page.getByTestId('replay-episode-2').click(); // task 3: another task than the episode's, canonical variant
  await page.getByTestId('rerun-start').click();
  const steps = SAMPLE.episodes[2].steps.length;
  for (let s = 1; s <= steps; s++) await page.getByTestId(`rerun-here-${s}`).filter({ hasText: /×$/ }).waitFor();
  const rows = await page.getByTestId('rerun-table').locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, steps);
  for (const r of rows) assert.match(r, /\d\.\d\d×\s+\d+\.\d\d×.*identical/s);
  await page.getByTestId('close-replay').click();
  assert.deepEqual(await snapshot(), before, 're-running changed nothing of the episode');
  // The page's "last Run" is the person's, not the re-run's.
  assert.equal(await page.getByTestId('feedback').getAttribute('data-view'), 'step');
});

test('a #replay= link opens over the app after a reload, and the restored episode is there when it closes', async () => {
  await page.getByTestId('share-link').click();
  const fragment = new URL(await page.getByTestId('share-link-url').inputValue()).hash;
  await waitSaved(page, 2);
  // Only the fragment changes: the open app opens the replay at once; then a reload opens it from the link again.
  await page.goto(`${h.server.url}${fragment}`);
  await page.getByTestId('replay-bar').waitFor();
  await page.reload();
  await page.getByTestId('replay-bar').waitFor();
  await waitReady(page);
  assert.equal(await scrubEverything(page, exported.replay), 2);
  await page.getByTestId('close-replay').click();
  assert.equal(page.url(), h.server.url, 'closing forgets the link, so a reload shows the episode');
  // The restored episode arrives from the worker after the page is ready: wait for it (the deadline only catches a hang).
  await page
    .getByTestId('step-counter')
    .filter({ hasText: /^step 2 of 3$/ })
    .waitFor();
});

test('the viewer page hands its replay to the app for a re-run, and the episode is still there behind it', async () => {
  await page.goto(`${h.server.url}viewer.html?sample`);
  await page.getByTestId('rerun-in-app').click();
  await page.waitForURL(`${h.server.url}#open-replay`);
  await page.getByTestId('replay-bar').waitFor();
  await waitReady(page);
  assert.equal(await page.getByTestId('replay-task').textContent(), SAMPLE.episodes[0].task_name);
  await page.getByTestId('rerun-start').waitFor();
  await page.getByTestId('close-replay').click();
  // The page came back from the viewer: its episode is restored from the worker (the deadline only catches a hang).
  await page
    .getByTestId('step-counter')
    .filter({ hasText: /^step 2 of 3$/ })
    .waitFor();
});

test('a replay of another task variant asks before starting that variant, then re-runs against it', async () => {
  const def = loadTasks(readTaskFiles()).get(TASK1.id)!;
  const seed = [1, 2, 3, 4, 5, 6, 7, 8].find((s) => instantiate(def, s).original !== instantiate(def, null).original)!;
  const variant = instantiate(def, seed);
  const replay = structuredClone(exported.replay);
  Object.assign(replay.episodes[0], { seed, original_query: variant.original, steps: [replay.episodes[0].steps[1]] });
  replay.episodes[0].steps[0].action.optimized_query = variant.reference;
  await page
    .getByTestId('open-replay-input')
    .setInputFiles({ name: 'variant.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(replay)) });
  await page.getByTestId('rerun-start').click();
  const ask = page.getByRole('alert').filter({ hasText: `variant seed ${seed}` });
  assert.match((await ask.textContent())!, /This ends your current episode \(task_1_basic_antipatterns, step 2\)/);
  assert.equal((await api<EnvState>('state')).step_count, 2, 'nothing happens before the person agrees');
  await page.getByTestId('rerun-confirm-reset').click();
  await page.getByTestId('rerun-here-2').filter({ hasText: /×$/ }).waitFor();
  assert.match(await page.getByTestId('rerun-row-2').innerText(), /identical/);
  const state = await api<EnvState>('state');
  assert.deepEqual([state.task_id, state.seed, state.step_count], [TASK1.id, seed, 0]);
});
