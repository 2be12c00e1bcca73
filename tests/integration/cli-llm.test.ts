// `eval --policy llm` as a researcher runs it, against a local OpenAI-compatible server speaking the real wire format:
// inference.py's lines, trajectories in TRL's prompt/completion format, a fatal error that stops the run, no key leaked.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from './fake-openai.ts';

const BIN = fileURLToPath(new URL('../../bin/sql-optim-env.mjs', import.meta.url));
const KEY = 'hf_CLIkeyThatMustNeverLeak9876543210';
const MODEL = 'fake-org/cli-model';
const TASK = 'task_1_basic_antipatterns';
const ACTION = {
  suggestions: [{ issue_type: 'select_star', line: '1', severity: 'low | medium', description: 'every column', fix: 'name them' }],
  optimized_query: `SELECT id, customer_id, product_id, status, total, created_at FROM orders
WHERE customer_id = 5000 AND created_at >= DATE '2024-01-01' AND created_at < DATE '2025-01-01'`,
  summary: 'select star',
  estimated_improvement: 3,
  approved: false,
};

let server: FakeOpenAI;
beforeAll(async () => void (server = await startFakeOpenAI()));
afterAll(async () => server?.close());

/** Runs the CLI with the model's configuration in the environment, as inference.py reads it; resolves even on exit ≠ 0. */
function evalLlm(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, API_BASE_URL: server.url, MODEL_NAME: MODEL, HF_TOKEN: KEY };
  return new Promise((resolve) =>
    execFile(process.execPath, [BIN, 'eval', '--policy', 'llm', ...args], { env, maxBuffer: 64 * 2 ** 20 }, (e, stdout, stderr) =>
      resolve({ code: e ? Number(e.code) : 0, stdout, stderr }),
    ),
  );
}

const filesOf = (dir: string) => readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));

it('two attempts: fenced JSON with loose types is coerced and spent; an unreadable reply (twice) submits nothing', async () => {
  server.script(
    { reply: `Here is my answer:\n\`\`\`json\n${JSON.stringify(ACTION)}\n\`\`\`` },
    { reply: 'I think the query is fine.' },
    { reply: 'Still no JSON, sorry.' },
  );
  const dir = mkdtempSync(join(tmpdir(), 'eval-llm-'));
  const r = await evalLlm('--task', TASK, '--steps', '2', '--out', dir);
  expect(r.code).toBe(0);
  const lines = r.stdout.split('\n');
  expect(lines[0]).toBe(`[START] task=${TASK} env=sql-optim-env model=${MODEL}`);
  expect(lines[1]).toMatch(/^\[STEP\] step=1 action=suggestions=1,rewrite=yes,approved=false reward=0\.\d\d done=false error=null$/);
  expect(lines[2]).toMatch(/^\[STEP\] step=2 action=none reward=0\.00 done=true error=UNREADABLE: /);
  expect(lines[3]).toMatch(/^\[END\] success=\w+ steps=2 score=0\.\d\d rewards=0\.\d\d,0\.00$/);
  expect(r.stdout).toContain(`scoreboard of policy ${MODEL}`);

  const traj = readFileSync(join(dir, 'trajectories.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(traj.map((t) => [t.step, t.prompt[0].role, t.prompt.at(-1).role, t.completion.length, t.action === null])).toEqual([
    [1, 'system', 'user', 1, false],
    [2, 'system', 'user', 1, true],
  ]);
  expect(traj[0].coercions).toEqual(expect.arrayContaining(['suggestions[0].line: "1" → 1']));
  expect(traj[0].reward).toBeGreaterThan(0);
  // The second attempt's prompt carries the first step's feedback; its retry shows the bad reply and the reason.
  expect(traj[1].prompt.map((m: { role: string }) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
  expect(traj[1].prompt[1].content).toContain('### Step 1');
  expect(traj[1].error).toMatch(/^UNREADABLE: /);

  const replay = JSON.parse(readFileSync(join(dir, 'replay.json'), 'utf8'));
  expect(replay.policy.name).toBe(MODEL);
  expect(replay.policy.details).toContain(new URL(server.url).host);
  for (const text of [r.stdout, r.stderr, ...filesOf(dir)]) expect(text).not.toContain(KEY);
  expect(server.requests.every((q) => q.headers.authorization === `Bearer ${KEY}` && !q.raw.includes(KEY))).toBe(true);
});

it('a wrong key stops the whole run after the first attempt and says so; exit 1, no replay, no key anywhere', async () => {
  server.clear();
  server.script({ status: 401, body: { error: { message: `Invalid credentials: ${KEY}` } } });
  const dir = mkdtempSync(join(tmpdir(), 'eval-llm-'));
  const r = await evalLlm('--task', TASK, '--task', 'task_2_correlated_subqueries', '--out', dir);
  expect(r.code).toBe(1);
  expect(r.stdout.split('\n').filter((l) => l.startsWith('[START]'))).toHaveLength(1);
  expect(r.stdout).toMatch(/^\[STEP\] step=1 action=none reward=0\.00 done=true error=BAD_KEY: /m);
  expect(r.stderr).toMatch(/stopping: BAD_KEY: /);
  expect(readdirSync(dir)).toEqual(['trajectories.jsonl']);
  for (const text of [r.stdout, r.stderr, ...filesOf(dir)]) expect(text).not.toContain(KEY);
  expect(server.pending()).toBe(0);
});

it('without MODEL_NAME it is a usage error before any data is generated', async () => {
  const r = await new Promise<{ code: number; stderr: string }>((resolve) =>
    execFile(process.execPath, [BIN, 'eval', '--policy', 'llm'], { env: { ...process.env, MODEL_NAME: '' } }, (e, _o, stderr) =>
      resolve({ code: e ? Number(e.code) : 0, stderr }),
    ),
  );
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/MODEL_NAME/);
});
