// The Agent panel's run (src/ui/agent/run.ts) on the real environment against a local OpenAI-compatible server: several
// tasks in turn, the phases it reports, a 429 shown as waiting, a fatal error ending the whole run, Stop mid-request.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Environment } from '../../src/env/environment.ts';
import type { LogEntry, Phase } from '../../src/ui/agent/progress.ts';
import { type AgentRunOptions, runAgent } from '../../src/ui/agent/run.ts';
import { type FakeOpenAI, startFakeOpenAI } from './fake-openai.ts';
import { makeEnv } from './fixtures.ts';

const KEY = 'sk-run-test-key-0123456789';
const FIX = `SELECT id, customer_id, product_id, status, total, created_at FROM orders
WHERE customer_id = 5000 AND created_at >= DATE '2024-01-01' AND created_at < DATE '2025-01-01'`;
const reply = (sql: string) =>
  JSON.stringify({ suggestions: [], optimized_query: sql, summary: 'a rewrite', estimated_improvement: '2x', approved: false });
const TASKS = ['task_1_basic_antipatterns', 'task_2_correlated_subqueries'];

let env: Environment;
let server: FakeOpenAI;
beforeAll(async () => {
  [env, server] = await Promise.all([makeEnv(), startFakeOpenAI()]);
});
beforeEach(() => server.clear());
afterAll(async () => {
  await server?.close();
});

/** Runs the agent with everything it reports collected. */
async function play(o: Partial<AgentRunOptions> = {}) {
  const phases: Phase[] = [];
  const log: LogEntry[] = [];
  const result = await runAgent({
    source: { config: { baseUrl: server.url, model: 'fake/model', apiKey: KEY }, origin: new URL(server.url).origin, host: 'fake' },
    tasks: TASKS,
    maxSteps: 1,
    env: { reset: (req) => env.reset(req), step: (a) => env.step(a) },
    fetch: (input, init) => fetch(input, init),
    signal: new AbortController().signal,
    pageOrigin: 'http://localhost:5173',
    onPhase: (p) => phases.push(p),
    onLog: (e) => log.push(e),
    timeoutMs: 60_000,
    ...o,
  });
  return { result, phases, log, kinds: phases.map((p) => `${p.kind}${'task_id' in p ? ` ${p.task_id}` : ''}`) };
}

describe('runAgent', () => {
  it('plays each task in turn, asking the model, then running the step, with the key sent only as the header', async () => {
    server.script({ reply: reply(FIX) }, { reply: reply('SELECT 1') });
    const { result, kinds, log } = await play();
    expect(result.failure).toBeNull();
    expect(result.stopped).toBe(false);
    expect(result.runs.map((r) => [r.task_id, r.records.length, !!r.records[0].result])).toEqual([
      [TASKS[0], 1, true],
      [TASKS[1], 1, true],
    ]);
    expect(kinds).toEqual([
      `starting ${TASKS[0]}`,
      `asking ${TASKS[0]}`,
      `step ${TASKS[0]}`,
      `starting ${TASKS[1]}`,
      `asking ${TASKS[1]}`,
      `step ${TASKS[1]}`,
    ]);
    expect(log.map((e) => [e.task_id, e.kind])).toEqual([
      [TASKS[0], 'step'],
      [TASKS[1], 'step'],
    ]);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`]);
  });

  it('shows a 429 as waiting, then asks again and goes on', async () => {
    server.script({ status: 429, body: { error: { message: 'slow down' } }, headers: { 'Retry-After': '0' } }, { reply: reply(FIX) });
    const { result, phases, kinds } = await play({ tasks: [TASKS[0]] });
    expect(kinds).toEqual([`starting ${TASKS[0]}`, `asking ${TASKS[0]}`, `waiting ${TASKS[0]}`, `asking ${TASKS[0]}`, `step ${TASKS[0]}`]);
    expect(phases.find((p) => p.kind === 'waiting')).toEqual({
      kind: 'waiting',
      task_id: TASKS[0],
      attempt: 1,
      why: 'rate limited (HTTP 429)',
      ms: 0,
    });
    expect(result.runs[0].records[0].result).not.toBeNull();
  });

  it('ends the whole run on a fatal error: no step spent, no later task started', async () => {
    server.script({ status: 401, body: { error: { message: `bad key ${KEY}` } } });
    const { result, kinds, log } = await play();
    expect(result.failure).toMatchObject({ code: 'BAD_KEY', title: 'Wrong key', fatal: true });
    expect(JSON.stringify(result.failure)).not.toContain(KEY);
    expect(result.stopped).toBe(false);
    expect(result.runs.map((r) => [r.task_id, r.records.length])).toEqual([[TASKS[0], 0]]);
    expect(kinds).toEqual([`starting ${TASKS[0]}`, `asking ${TASKS[0]}`]);
    expect(log).toEqual([]);
  });

  it('skips an unreadable reply (after its retry) with the reason, and goes on', async () => {
    server.script({ reply: 'no JSON here' }, { reply: 'still none' }, { reply: reply(FIX) });
    const { result, log } = await play({ tasks: [TASKS[0]], maxSteps: 2 });
    expect(log.map((e) => e.kind)).toEqual(['skipped', 'step']);
    expect(log[0].text).toMatch(/^Attempt 1 skipped: Unreadable reply\. /);
    expect(result.failure).toBeNull();
  });

  it('stops at once on Stop during a model call, with nothing spent and no failure', async () => {
    server.script({ hang: true });
    const stop = new AbortController();
    const started = play({ signal: stop.signal });
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 20));
    stop.abort();
    const { result } = await started;
    expect(result).toMatchObject({ stopped: true, failure: null });
    expect(result.runs.map((r) => [r.task_id, r.records.length, r.aborted])).toEqual([[TASKS[0], 0, true]]);
  });
});
