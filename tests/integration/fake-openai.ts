// A local OpenAI-compatible chat-completions server for tests (node:http, port 0): it answers scripted replies in the
// real wire format, plain JSON or SSE as the request asks, and records every request. Reusable by the page's e2e tests.
import { type IncomingHttpHeaders, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer, used by the next request. */
export type Scripted =
  /** a chat completion with this content (streamed when the request says `stream: true`) */
  | { reply: string; finish_reason?: string }
  /** an HTTP error with this JSON body */
  | { status: number; body: unknown; headers?: Record<string, string> }
  /** never answer */
  | { hang: true }
  /** drop the connection without an answer (a kept-alive socket closed under the request) */
  | { reset: true }
  /** start a streamed answer with this content, then go silent */
  | { stall: string };

export interface RecordedRequest {
  /** Date.now() when the request arrived */
  at: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** the raw body, to check that a secret is not in it */
  raw: string;
  body: Record<string, unknown>;
}

export interface FakeOpenAI {
  /** base URL, ending in /v1 */
  url: string;
  requests: RecordedRequest[];
  /** queue answers for the next requests, in order */
  script(...answers: Scripted[]): void;
  /** scripted answers not yet used */
  pending(): number;
  /** drop answers a failed test left, so one failure stays one failure */
  clear(): void;
  close(): Promise<void>;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'authorization, content-type',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
};

/** Starts the server on a free port of 127.0.0.1. */
export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const queue: Scripted[] = [];
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      if (req.method === 'OPTIONS') return void res.writeHead(204, CORS).end();
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw);
      } catch {
        // recorded as sent; answered below
      }
      requests.push({ at: Date.now(), method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, body });
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions')
        return json(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
      const next = queue.shift();
      // 418: an unscripted request is a test bug, and the client does not retry it
      if (!next) return json(res, 418, { error: { message: 'the fake server has no scripted reply left' } });
      answer(res, next, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...answers) => void queue.push(...answers),
    pending: () => queue.length,
    clear: () => void queue.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...CORS, ...headers }).end(JSON.stringify(body));
}

function answer(res: ServerResponse, a: Scripted, body: Record<string, unknown>): void {
  if ('hang' in a) return;
  if ('reset' in a) return void res.socket?.destroy();
  if ('status' in a) return json(res, a.status, a.body, a.headers);
  const model = String(body.model ?? '');
  if ('stall' in a) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', ...CORS });
    res.write(sse(chunk(model, { role: 'assistant', content: a.stall }, null)));
    return;
  }
  const finish = a.finish_reason ?? 'stop';
  if (body.stream !== true)
    return json(res, 200, {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: a.reply }, finish_reason: finish }],
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    });
  // Streamed as OpenAI does: a role chunk, content deltas, a finish chunk, then [DONE]; written in small byte slices
  // so that lines (and multi-byte characters) arrive split across reads.
  const pieces = a.reply.match(/[\s\S]{1,40}/g) ?? [];
  const text =
    sse(chunk(model, { role: 'assistant', content: '' }, null)) +
    pieces.map((p) => sse(chunk(model, { content: p }, null))).join('') +
    sse(chunk(model, {}, finish)) +
    'data: [DONE]\n\n';
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', ...CORS });
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  const writeSome = () => {
    if (at >= bytes.length) return void res.end();
    res.write(bytes.subarray(at, at + 50));
    at += 50;
    setImmediate(writeSome);
  };
  writeSome();
}

function chunk(model: string, delta: Record<string, unknown>, finish: string | null) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
}

function sse(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}
