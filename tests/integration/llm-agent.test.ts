// The LLM policy against a local OpenAI-compatible server speaking the real wire format, driving the real environment:
// every kind of reply and failure ends as specified, the loop never throws, and the API key never leaks.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Environment } from '../../src/env/environment.ts';
import type { StepResult } from '../../src/env/types.ts';
import type { Decision, Policy, PolicyStep } from '../../src/policies/policy.ts';
import { createLlmPolicy, type LlmConfig } from '../../src/agent/llm-policy.ts';
import { type AgentStepRecord, agentTrajectoryLine } from '../../src/agent/trajectory.ts';
import { makeEnv, ok } from './fixtures.ts';
import { type FakeOpenAI, type Scripted, startFakeOpenAI } from './fake-openai.ts';

const TASK = 'task_1_basic_antipatterns';
const KEY = 'hf_FAKEkeyThatMustNeverLeak0123456789';
const MODEL = 'fake-org/fake-model';
const FIX = `SELECT id, customer_id, product_id, status, total, created_at FROM orders
WHERE customer_id = 5000 AND created_at >= DATE '2024-01-01' AND created_at < DATE '2025-01-01'`;
/** correct but incomplete (one issue of three), so the first step cannot end the episode */
const WELL_FORMED = {
  suggestions: [{ issue_type: 'select_star', line: 1, severity: 'low', description: 'every column is read', fix: 'name the columns' }],
  optimized_query: FIX,
  summary: 'select_star on orders',
  estimated_improvement: '3x',
  approved: false,
};
/** a generous cap on a reply that does arrive; it only catches a hang of the fake server */
const HONEST_TIMEOUT_MS = 60_000;

let env: Environment;
let server: FakeOpenAI;
/** everything the test saw that could carry the key: swept at the end */
const seen: string[] = [];

beforeAll(async () => {
  [env, server] = await Promise.all([makeEnv(), startFakeOpenAI()]);
});
beforeEach(() => server.clear());
afterAll(async () => {
  await server?.close();
});

function policy(extra: Partial<LlmConfig> = {}): Policy {
  return createLlmPolicy({ baseUrl: server.url, model: MODEL, apiKey: KEY, timeoutMs: HONEST_TIMEOUT_MS, ...extra });
}

/** A trajectory record that keeps the whole StepResult, so tests can read the observation too. */
type Step = AgentStepRecord & { result: StepResult | null };

/** A tiny episode loop: a null action submits nothing and spends the attempt. */
async function run(p: Policy, steps: number, opts: { signal?: AbortSignal } = {}) {
  let obs = ok(env.reset({ task_id: TASK }));
  const history: PolicyStep[] = [];
  const records: Step[] = [];
  for (let step = 1; step <= steps; step++) {
    const decision: Decision = await p.act(obs, history, opts.signal);
    let result = null;
    if (decision.action) {
      result = ok(env.step(decision.action));
      history.push({ observation: obs, action: decision.action, result });
      obs = result.observation;
    }
    const record: Step = { task_id: TASK, episode: 0, step, model: p.name, decision, result };
    records.push(record);
    seen.push(JSON.stringify(decision), agentTrajectoryLine(record));
    if (result?.done) break;
  }
  return records;
}

/** One act on the real first observation, for the failure cases. */
async function failure(script: Scripted[], extra: Partial<LlmConfig> = {}, signal?: AbortSignal) {
  server.script(...script);
  const [record] = await run(policy(extra), 1, { signal });
  expect(server.pending()).toBe(0);
  const d = record.decision;
  if (d.action !== null) throw new Error(`expected no action, got ${JSON.stringify(d.action)}`);
  return d;
}

const messagesOf = (i: number) => server.requests[i].body.messages as { role: string; content: string }[];

describe('replies that carry an action', () => {
  it('two steps: well-formed JSON, then prose with wrong types; the second prompt carries the first step’s feedback', async () => {
    const first = server.requests.length;
    const prose =
      'Sure! Here is my improved answer:\n' +
      JSON.stringify({
        ...WELL_FORMED,
        suggestions: [
          { issue_type: 'non_sargable_cast', line: '3', severity: 'critical | high', description: 'cast', fix: 'compare numbers' },
          { issue_type: 'made_up_type', line: 4, severity: 'low' },
        ],
        estimated_improvement: 4,
        approved: 'false',
      }) +
      '\nLet me know if you need more.';
    server.script(
      { status: 400, body: { error: { message: "response_format 'json_schema' is not supported by this provider" } } },
      { reply: JSON.stringify(WELL_FORMED) },
      { reply: prose },
    );

    const records = await run(policy(), 2);

    expect(records.map((r) => r.decision.action !== null)).toEqual([true, true]);
    const [one, two] = records;
    expect(one.decision.action).toEqual(WELL_FORMED);
    expect(one.decision.trace?.coercions).toEqual([]);
    expect(one.result?.observation.last_execution?.results_match).toBe(true);
    expect(two.decision.trace?.coercions).toEqual([
      'read the JSON object out of the prose around it',
      'suggestions[0].line: "3" → 3',
      'suggestions[0].severity: "critical | high" → "critical"',
      'approved: "false" → false',
      'estimated_improvement: 4 → "4x"',
    ]);
    // the unknown issue type is kept and graded, not dropped
    expect(two.decision.action?.suggestions.map((s) => s.issue_type)).toEqual(['non_sargable_cast', 'made_up_type']);
    expect(two.result).not.toBeNull();

    // response_format was refused once, then left out for the rest of the session
    const sent = server.requests.slice(first);
    expect(sent).toHaveLength(3);
    expect(sent[0].body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'action' } });
    expect(sent.slice(1).map((r) => 'response_format' in r.body)).toEqual([false, false]);
    expect(sent.map((r) => [r.body.model, r.body.temperature, r.body.max_tokens, r.body.stream])).toEqual(
      Array(3).fill([MODEL, 0, 2000, undefined]),
    );

    // the key travels in the Authorization header only
    for (const r of sent) {
      expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(r.raw).not.toContain(KEY);
    }

    // the second prompt: the first step's action, its measured outcome and its reward
    const prompt = messagesOf(first + 2)[1].content;
    const r1 = one.result!;
    expect(prompt).toContain('Your earlier steps:\n\n### Step 1\nYou sent: issues select_star@1 low; estimate "3x"; approved false');
    expect(prompt).toContain(FIX);
    expect(prompt).toMatch(/- speed: \d+\.\d\d× \(95% interval \d+\.\d\d–\d+\.\d\d×, \d+ pairs\); original [\d.]+ ms, rewrite [\d.]+ ms/);
    expect(prompt).toContain('- same result on the visible data: yes (rows: original 12, rewrite 12); on the hidden data: yes');
    expect(prompt).toMatch(/- plan of your rewrite, hottest operators: \w+/);
    expect(prompt).toContain(`- reward ${r1.reward.score.toFixed(2)} (each part 0–1: speed`);
    for (const f of r1.reward.feedback) expect(prompt).toContain(`- feedback: ${f.slice(0, 100)}`);
    expect(prompt).toContain('step 2 of 3');
    expect(prompt).not.toMatch(/\bnull\b|undefined|NaN/);

    // the trace holds exactly what was sent and received; the trajectory line is TRL's prompt-completion
    expect(two.decision.trace?.messages).toEqual(messagesOf(first + 2));
    expect(two.decision.trace?.raw).toBe(prose);
    const line = JSON.parse(agentTrajectoryLine(two));
    expect(line).toMatchObject({
      prompt: messagesOf(first + 2),
      completion: [{ role: 'assistant', content: prose }],
      task_id: TASK,
      episode: 0,
      step: 2,
      model: MODEL,
      action: two.decision.action,
      error: null,
      coercions: two.decision.trace?.coercions,
      reward: two.result?.reward.score,
      reward_breakdown: two.result?.reward.breakdown,
    });
  });

  it('streaming: fenced JSON, then a reply that cannot be read even after the retry → no action, with the reason', async () => {
    const first = server.requests.length;
    const wrong = { ...WELL_FORMED, optimized_query: FIX.replace('2025-01-01', '2024-07-01'), summary: 'naïve — half a year' };
    server.script(
      { reply: `Here you go:\n\`\`\`json\n${JSON.stringify(wrong, null, 2)}\n\`\`\`` },
      { reply: 'I would rewrite the query with a range on created_at.' },
      { reply: 'Sorry: the range on created_at, as said.' },
    );

    const [one, two] = await run(policy({ stream: true }), 2);

    expect(server.requests.slice(first).map((r) => r.body.stream)).toEqual([true, true, true]);
    expect(one.decision.action).toEqual(wrong); // multi-byte characters survived byte-split SSE chunks
    expect(one.decision.trace?.coercions).toEqual(['read the JSON object inside a ``` fence']);
    expect(one.result?.observation.last_execution?.results_match).toBe(false);

    expect(two.decision.action).toBeNull();
    expect(two.result).toBeNull();
    const reason = two.decision.action === null ? two.decision.reason : '';
    expect(reason).toBe('UNREADABLE: the reply holds no JSON object (it begins: "Sorry: the range on created_at, as said.")');
    // the retry: the bad reply as the assistant's turn, then the reason
    const retry = messagesOf(first + 2);
    expect(retry.slice(2)).toEqual([
      { role: 'assistant', content: 'I would rewrite the query with a range on created_at.' },
      {
        role: 'user',
        content:
          'Your reply could not be read: the reply holds no JSON object (it begins: "I would rewrite the query with a range on created_at."). ' +
          'Answer with the JSON object only.',
      },
    ]);
    expect(retry[1].content).toContain('- same result on the visible data: no');
    expect(retry[1].content).toMatch(/- rows only in the original \(\d+ of \d+ shown\): \(/);
    expect(two.decision.trace?.messages).toEqual(retry);
    expect(JSON.parse(agentTrajectoryLine(two))).toMatchObject({ action: null, error: reason, reward: null });
  });

  it('429 then success: waits as Retry-After says, then acts', async () => {
    const first = server.requests.length;
    server.script(
      { status: 429, body: { error: { message: 'Rate limit reached' } }, headers: { 'Retry-After': '1' } },
      { reply: JSON.stringify(WELL_FORMED) },
    );
    const [one] = await run(policy(), 1);
    expect(one.decision.action).toEqual(WELL_FORMED);
    expect(one.result).not.toBeNull();
    const [a, b] = server.requests.slice(first);
    // a lower bound only: a slower machine waits longer, never shorter
    expect(b.at - a.at).toBeGreaterThanOrEqual(950);
  });
});

describe('failures end in no action with a reason that says what to do', () => {
  const code = (d: { reason: string }) => d.reason.split(':')[0];

  it('401 with the key echoed back → BAD_KEY, and the echo is not repeated', async () => {
    const d = await failure([{ status: 401, body: { error: { message: `Invalid credentials: Bearer ${KEY}` } } }]);
    expect(d.reason).toBe(
      `BAD_KEY: ${server.url}/chat/completions refused the API key (HTTP 401). Check HF_TOKEN or API_KEY ` +
        '(a Hugging Face token needs the "Make calls to Inference Providers" permission)',
    );
  });

  it('404 → NO_MODEL, quoting the server with the key blanked out', async () => {
    const d = await failure([{ status: 404, body: { error: { message: `model not found for token ${KEY}` } } }]);
    expect(d.reason).toBe(
      `NO_MODEL: ${server.url}/chat/completions has no model "${MODEL}" (HTTP 404) (the server said: model not found for token ***). ` +
        'Check MODEL_NAME, and that the base URL ends where /chat/completions follows (often /v1)',
    );
  });

  it('400 naming the model (the Hugging Face router’s words) → NO_MODEL', async () => {
    const msg = `The requested model '${MODEL}' is not supported by any provider you have enabled.`;
    expect(code(await failure([{ status: 400, body: { error: msg } }]))).toBe('NO_MODEL');
  });

  it('400 context_length_exceeded → CONTEXT_TOO_LONG', async () => {
    const body = { error: { message: "This model's maximum context length is 4096 tokens.", code: 'context_length_exceeded' } };
    expect((await failure([{ status: 400, body }])).reason).toBe(
      `CONTEXT_TOO_LONG: the prompt is longer than ${MODEL}'s context window (the server said: This model's maximum context length is 4096 tokens.)`,
    );
  });

  it('finish_reason "length" → REPLY_TOO_LONG, the partial reply kept in the trace', async () => {
    const d = await failure([{ reply: '{"suggestions": [', finish_reason: 'length' }], { maxTokens: 50 });
    expect(d.reason).toBe('REPLY_TOO_LONG: the reply was cut off at max_tokens (50); raise max_tokens or ask for a shorter answer');
    expect(d.trace?.raw).toBe('{"suggestions": [');
  });

  it('429 every time → RATE_LIMITED after the allowed retries', async () => {
    const limited = { status: 429, body: { error: { message: 'Rate limit reached' } }, headers: { 'Retry-After': '0' } };
    const d = await failure([limited, limited], { maxRetries: 1 });
    expect(d.reason).toBe(
      `RATE_LIMITED: ${server.url}/chat/completions kept answering 429 (rate limit) after the allowed retries (the server said: Rate limit reached)`,
    );
  });

  it('5xx → SERVER_ERROR', async () => {
    expect(code(await failure([{ status: 503, body: 'overloaded' }], { maxRetries: 0 }))).toBe('SERVER_ERROR');
  });

  it('a hang → TIMEOUT; a stream that goes silent → TIMEOUT', async () => {
    const hang = await failure([{ hang: true }], { timeoutMs: 1_500 });
    expect(hang.reason).toBe(
      'TIMEOUT: no answer within 2 s; the endpoint may be overloaded or still loading the model: try again or raise the timeout',
    );
    expect(code(await failure([{ stall: '{"optimized_query": ' }], { timeoutMs: 1_500, stream: true }))).toBe('TIMEOUT');
  });

  it('Stop (the outer signal) ends a hanging request → STOPPED', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 300);
    expect((await failure([{ hang: true }], {}, stop.signal)).reason).toBe('STOPPED: stopped before the model answered');
  });

  it('nothing listening → UNREACHABLE, saying what to check', async () => {
    const gone = await startFakeOpenAI();
    await gone.close();
    const [record] = await run(policy({ baseUrl: gone.url }), 1);
    const d = record.decision;
    expect(d.action).toBeNull();
    expect(d.action === null && d.reason).toMatch(
      new RegExp(`^UNREACHABLE: could not reach ${gone.url}/chat/completions \\(ECONNREFUSED\\)\\. Check API_BASE_URL .*CORS`),
    );
  });

  it('a connection dropped before the answer is retried once on a fresh connection', async () => {
    const first = server.requests.length;
    server.script({ reset: true }, { reply: JSON.stringify({ ...WELL_FORMED, optimized_query: 'SELECT 2' }) });
    const d = await policy().act(ok(env.reset({ task_id: TASK })), []);
    expect([d.action?.optimized_query, server.requests.length - first]).toEqual(['SELECT 2', 2]);
  });

  it('a local server needs no key: no Authorization header is sent', async () => {
    server.script({ reply: JSON.stringify({ ...WELL_FORMED, optimized_query: 'SELECT 1' }) });
    const p = createLlmPolicy({ baseUrl: server.url, model: MODEL, timeoutMs: HONEST_TIMEOUT_MS });
    const d = await p.act(ok(env.reset({ task_id: TASK })), []);
    expect(d.action?.optimized_query).toBe('SELECT 1');
    expect(server.requests.at(-1)?.headers.authorization).toBeUndefined();
  });
});

it('the API key appears in no decision, reason, trace or trajectory line', () => {
  expect(seen.length).toBeGreaterThan(15);
  for (const s of seen) expect(s).not.toContain(KEY);
  // nor in any request body the server received
  for (const r of server.requests) expect(r.raw).not.toContain(KEY);
});
