// The Agent panel in Chromium against a local OpenAI-compatible server (tests/integration/fake-openai.ts, on
// 127.0.0.1:<port>, which the built page's connect-src allows): the model plays two steps in the page's own editor and
// feedback, Stop cuts its third request, the person takes over and submits step 3, the replay names the model; the key
// is nowhere in the exports, localStorage, sessionStorage, IndexedDB or the console. And a refused key stops the run.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { Action } from '../../src/env/types.ts';
import type { Replay } from '../../src/replay/format.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../integration/fake-openai.ts';
import {
  HANG_MS,
  newContext,
  openApp,
  startHarness,
  TASK1,
  typeRewrite,
  waitReady,
  waitShown,
  type Harness,
  type Recorder,
} from './harness.ts';

const KEY = 'sk-e2e-panel-key-7f3a9c41d2';
const MODEL = 'e2e/fake-coder-7b';

let h: Harness;
let fake: FakeOpenAI;
before(async () => {
  h = await startHarness();
  fake = await startFakeOpenAI();
});
after(async () => {
  await fake?.close();
  await h?.close();
});

/** Step 1 of the model: the projection only (still slow). Step 2: the full rewrite with its issues. */
const STEP1: Action = {
  suggestions: [{ issue_type: 'select_star', line: 1, severity: 'low', description: 'reads every column', fix: 'name the columns' }],
  optimized_query:
    "SELECT id, customer_id, product_id, status, total, created_at\nFROM orders\nWHERE CAST(customer_id AS VARCHAR) = '5000'\n  AND year(created_at) = 2024",
  summary: 'select_star: named the columns.',
  estimated_improvement: '1.2x',
  approved: false,
};
const STEP2: Action = {
  suggestions: [
    { issue_type: 'non_sargable_predicate', line: 3, severity: 'high', description: 'cast on customer_id', fix: 'compare the integer' },
    { issue_type: 'non_sargable_predicate', line: 4, severity: 'medium', description: 'year() on created_at', fix: 'a date range' },
  ],
  optimized_query: TASK1.rewrite,
  summary: 'non_sargable_predicate: an integer key and a date range instead of functions on the columns.',
  estimated_improvement: '5x',
  approved: false,
};

/** The person's own step after taking over (one line: Monaco indents typed newlines). */
const PERSON_SQL = `${TASK1.rewrite.replace(/\s+/g, ' ')} ORDER BY id`;

/** A context that may reach the fake server (the harness cuts every other origin) and records every console line. */
async function agentContext(): Promise<{ context: BrowserContext; rec: Recorder; console: string[]; page: Page; origin: string }> {
  const { context, rec } = await newContext(h);
  const origin = new URL(fake.url).origin;
  // Registered after the harness's catch-all, so it takes precedence for the fake server only.
  await context.route(`${origin}/**`, (route) => route.continue());
  const lines: string[] = [];
  context.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
  // Every phase the panel shows, as it changes.
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __phases: string[] }).__phases = seen;
    new MutationObserver(() => {
      const p = document.querySelector('[data-testid=agent-phase]')?.getAttribute('data-phase');
      if (p && seen.at(-1) !== p) seen.push(p);
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  const page = await openApp(h, context, rec);
  return { context, rec, console: lines, page, origin };
}

async function fillSource(page: Page, attempts: number): Promise<void> {
  await page.getByTestId('agent-kind-endpoint').check();
  await page.getByTestId('agent-base-url').fill(fake.url);
  await page.getByTestId('agent-key').fill(KEY);
  await page.getByTestId('agent-model').fill(MODEL);
  await page.getByTestId(`agent-task-${TASK1.id}`).check();
  await page.getByTestId('agent-steps').fill(String(attempts));
}

/** Waits for a condition on this side (the fake server's requests); the deadline only catches a hang. */
async function until(cond: () => boolean): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > HANG_MS) throw new Error('hang: the condition never held');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function downloadOf(page: Page, testid: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return readFileSync((await d.path())!, 'utf8');
}

/**
 * Everything the page keeps: localStorage, sessionStorage and every IndexedDB store, as text. Evaluated from source text,
 * since the test's compiler would add helpers to a function's named locals that the page does not have.
 */
async function storedText(page: Page): Promise<{ local: string; session: string; idb: string }> {
  return page.evaluate(`(async () => {
    const request = (req) => new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const stores = [];
    for (const info of await indexedDB.databases()) {
      const db = await request(indexedDB.open(info.name));
      for (const name of db.objectStoreNames)
        stores.push({ db: info.name, store: name, all: await request(db.transaction(name).objectStore(name).getAll()) });
      db.close();
    }
    return {
      local: JSON.stringify(Object.entries({ ...localStorage })),
      session: JSON.stringify(Object.entries({ ...sessionStorage })),
      idb: JSON.stringify(stores),
    };
  })()`);
}

test('the agent plays two steps, Stop, the person takes over, the replay names the model and holds no key', async () => {
  fake.clear();
  const { context, rec, console: lines, page, origin } = await agentContext();
  assert.equal(fake.requests.length, 0, 'nothing reaches the endpoint before Start');
  // A step, an unreadable reply (and its retry), a step, then a request that never answers: the agent is "asking the
  // model" when Stop is pressed.
  fake.script(
    { reply: JSON.stringify(STEP1) },
    { reply: 'Sure! The query scans every column.' },
    { reply: 'I would rewrite the WHERE clause.' },
    { reply: JSON.stringify(STEP2) },
    { hang: true },
  );
  await fillSource(page, 4);
  await page.getByTestId('agent-start').click();

  // The steps appear in the page's own feedback and editor, one after the other.
  await waitShown(page, page.getByTestId('feedback').and(page.locator('[data-step="1"]')));
  await waitShown(page, page.getByTestId('feedback').and(page.locator('[data-step="2"]')));
  assert.equal(await page.getByTestId('step-counter').textContent(), 'step 2 of 3');
  await page.getByTestId('agent-log').locator('li[data-kind=step]').nth(1).waitFor();
  const log = await page.getByTestId('agent-log').innerText();
  assert.match(log, /Step 1: reward \d\.\d\d[\s\S]*Attempt 2 skipped: Unreadable reply\.[\s\S]*Step 2: reward \d\.\d\d/);
  assert.match((await page.getByTestId('rewrite-editor').locator('.view-lines').innerText()).replace(/\u00a0/g, ' '), /DATE '2024-01-01'/);
  // The person's controls wait while the agent drives.
  assert.equal(await page.getByTestId('submit').isDisabled(), true);

  // Stop while the model is asked for step 3.
  await page.locator('[data-testid=agent-phase][data-phase=asking]').waitFor();
  await until(() => fake.requests.length === 5);
  await page.getByTestId('agent-stop').click();
  await page.locator('[data-testid=agent-phase][data-phase=finished]').waitFor();
  assert.match(await page.getByTestId('agent-phase').innerText(), /^Stopped\./);
  const phases: string[] = await page.evaluate(() => (window as unknown as { __phases: string[] }).__phases);
  for (const p of ['starting', 'asking', 'step', 'finished']) assert.ok(phases.includes(p), `the panel showed ${p}: ${phases.join(', ')}`);
  assert.equal(await page.getByTestId('step-counter').textContent(), 'step 2 of 3', 'Stop spent no step');

  // Take over: the draft holds the agent's last action; the person edits and submits step 3 of the same episode.
  assert.equal(await page.getByTestId('submit').isDisabled(), false);
  assert.equal(await page.getByTestId('issue-list').locator('li').count(), 2, "the agent's issues are in the draft");
  await typeRewrite(page, PERSON_SQL);
  await page.getByTestId('submit').click();
  await waitShown(page, page.getByTestId('feedback').and(page.locator('[data-step="3"]')));
  await page.getByTestId('busy').waitFor({ state: 'detached' });
  const state = await page.evaluate(() => window.sqlOptimEnv.state());
  assert.ok(state.ok);
  assert.deepEqual(
    state.result.history.map((e) => e.action.optimized_query),
    [STEP1.optimized_query, STEP2.optimized_query, PERSON_SQL],
  );

  // The replay (the Replays card's usual export) is labelled with the model and the endpoint host.
  const replayText = await downloadOf(page, 'export-json');
  const replay = JSON.parse(replayText) as Replay;
  assert.equal(replay.policy.name, MODEL);
  assert.equal(
    replay.policy.details,
    `${new URL(origin).host} (LLM agent, Agent panel of the browser app); a person took over after step 2`,
  );
  assert.equal(replay.episodes[0].steps.length, 3);
  const trajectory = await downloadOf(page, 'agent-export-trajectory');
  assert.equal(trajectory.trim().split('\n').length, 3, 'one line per attempt that reached the model, the skipped one too');
  assert.equal(JSON.parse(trajectory.split('\n')[0]).model, MODEL);
  const run = JSON.parse(await downloadOf(page, 'agent-export-run')) as Replay;
  assert.equal(run.episodes[0].steps.length, 3, "the run's replay holds the person's step too");

  // The key went to the endpoint, and nowhere else.
  assert.equal(fake.requests[0].headers.authorization, `Bearer ${KEY}`);
  const stored = await storedText(page);
  for (const [where, text] of Object.entries({ replayText, trajectory, run: JSON.stringify(run), ...stored, console: lines.join('\n') }))
    assert.ok(!text.includes(KEY), `the key is not in ${where}`);
  assert.ok(stored.idb.includes(STEP2.optimized_query.slice(0, 40)), 'the IndexedDB dump did read the saved episode');
  assert.ok(
    rec.foreign.every((u) => u.startsWith(`${origin}/`)),
    `only the chosen endpoint was contacted: ${rec.foreign.join(' ')}`,
  );
  assert.deepEqual(rec.problems, []);
  await context.close();
});

test('at 390 px: a refused key stops the run with "Wrong key"; a rate limit shows as waiting first', async () => {
  fake.clear();
  const { context, rec, page } = await agentContext();
  // On a phone-sized screen the panel fits the width and its controls are reachable.
  await page.setViewportSize({ width: 390, height: 844 });
  fake.script(
    { status: 429, body: { error: { message: 'slow down' } } },
    { status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}` } } },
  );
  await fillSource(page, 2);
  await page.getByTestId('agent-start').click();
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'nothing overflows 390 px');
  const failure = page.getByTestId('agent-failure');
  await failure.waitFor();
  assert.equal(await failure.getAttribute('data-code'), 'BAD_KEY');
  assert.match(await failure.innerText(), /^Wrong key\. The run stopped\. 127\.0\.0\.1:\d+ refused the key\./);
  assert.match(await page.getByTestId('agent-phase').innerText(), /^The run stopped on an error/);
  const phases: string[] = await page.evaluate(() => (window as unknown as { __phases: string[] }).__phases);
  assert.ok(phases.includes('waiting'), `the back-off after 429 was shown: ${phases.join(', ')}`);
  // No step was spent, the person has the controls back, and the key is not on the page.
  assert.equal(await page.getByTestId('step-counter').textContent(), 'step 0 of 3');
  assert.equal(await page.getByTestId('submit').isDisabled(), false);
  assert.ok(!(await page.locator('body').innerText()).includes(KEY));
  assert.equal(fake.pending(), 0);
  assert.deepEqual(
    rec.problems.filter((p) => !/401|429/.test(p)),
    [],
  );
  await context.close();
});

/** A stand-in for huggingface.co's OAuth endpoints: discovery, authorize (redirects straight back), and a token that is
 *  given only for the verifier whose S256 challenge the authorize request carried. */
async function startFakeHub(token: string) {
  const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'content-type, accept' };
  const challenges = new Map<string, string>();
  const seen: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', origin);
      seen.push(`${req.method} ${url.pathname}`);
      if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
      if (url.pathname === '/.well-known/openid-configuration')
        return void res
          .writeHead(200, { 'Content-Type': 'application/json', ...cors })
          .end(JSON.stringify({ authorization_endpoint: `${origin}/oauth/authorize`, token_endpoint: `${origin}/oauth/token` }));
      if (url.pathname === '/oauth/authorize') {
        const q = url.searchParams;
        challenges.set('code-1', q.get('code_challenge') ?? '');
        const back = new URL(q.get('redirect_uri')!);
        back.searchParams.set('code', 'code-1');
        back.searchParams.set('state', q.get('state') ?? '');
        return void res.writeHead(302, { Location: back.href }).end();
      }
      if (url.pathname === '/oauth/token') {
        const f = new URLSearchParams(body);
        const verifier = f.get('code_verifier') ?? '';
        const ok = challenges.get(f.get('code') ?? '') === createHash('sha256').update(verifier).digest('base64url');
        if (!ok) return void res.writeHead(400, { 'Content-Type': 'application/json', ...cors }).end('{"error":"invalid_grant"}');
        const idToken = `h.${Buffer.from(JSON.stringify({ preferred_username: 'ada' })).toString('base64url')}.s`;
        return void res
          .writeHead(200, { 'Content-Type': 'application/json', ...cors })
          .end(JSON.stringify({ access_token: token, expires_in: 3600, id_token: idToken, token_type: 'bearer' }));
      }
      res.writeHead(404, cors).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, seen, close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}

test('on a Space with hf_oauth: sign in with Hugging Face, then the model is called on the router with that token', async () => {
  const TOKEN = 'hf_oauthE2eToken0123456789abcdef';
  const hub = await startFakeHub(TOKEN);
  const { context, rec } = await newContext(h);
  await context.route(`${hub.origin}/**`, (route) => route.continue());
  // The router: answered here (the harness cuts the network); what the page sent is kept.
  const routed: { auth: string | undefined; body: string }[] = [];
  await context.route('https://router.huggingface.co/**', (route) => {
    const r = route.request();
    if (r.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: CORS });
    routed.push({ auth: r.headers().authorization, body: r.postData() ?? '' });
    return route.fulfill({ status: 401, headers: { ...CORS, 'Content-Type': 'application/json' }, body: '{"error":"expired"}' });
  });
  // What a static Space splices into its page before anything else runs.
  await context.addInitScript(
    `window.huggingface = { variables: { OAUTH_CLIENT_ID: 'e2e-client', OAUTH_SCOPES: 'openid profile inference-api', OPENID_PROVIDER_URL: '${hub.origin}' } };`,
  );
  const page = await openApp(h, context, rec);
  assert.equal(await page.getByTestId('agent-kind-hf').isChecked(), true, 'a Space with OAuth offers the sign-in first');
  assert.deepEqual(hub.seen, [], 'nothing reaches the sign-in service before the click');

  await page.getByTestId('agent-signin').click();
  await page.waitForURL((u) => u.searchParams.has('code'));
  await waitReady(page);
  await page.getByTestId('agent-hf').getByText('Signed in as ada.').waitFor();
  assert.equal(new URL(page.url()).search, '', 'the code is gone from the address bar');
  assert.deepEqual(hub.seen, [
    'GET /.well-known/openid-configuration',
    'GET /oauth/authorize',
    'GET /.well-known/openid-configuration',
    'POST /oauth/token',
  ]);

  // Start: the token is the router's key; a refused one says so.
  await page.getByTestId('agent-model').fill('Qwen/Qwen2.5-72B-Instruct');
  await page.getByTestId(`agent-task-${TASK1.id}`).check();
  await page.getByTestId('agent-start').click();
  await page.getByTestId('agent-failure').and(page.locator('[data-code=BAD_KEY]')).waitFor();
  assert.equal(routed[0].auth, `Bearer ${TOKEN}`);
  assert.equal(JSON.parse(routed[0].body).model, 'Qwen/Qwen2.5-72B-Instruct');
  const stored = await storedText(page);
  for (const [where, text] of Object.entries(stored)) assert.ok(!text.includes(TOKEN), `the token is not in ${where}`);
  await context.close();
  await hub.close();
});

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'authorization, content-type',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
};
