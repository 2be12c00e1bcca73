// A chat-completions client for any OpenAI-compatible endpoint (Hugging Face router, OpenAI, vLLM, llama.cpp, Ollama):
// plain `fetch`, so the page and Node run the same code. Failures are LlmError values with a code a person can act on.
import { jsonSchema } from '../env/json-schema.ts';
import { Action, SEVERITIES } from '../env/types.ts';
import { LlmError, classify, redactor, serverMessage, unreachable } from './errors.ts';

export type ChatRole = 'system' | 'user' | 'assistant';
export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface ClientConfig {
  /** e.g. https://router.huggingface.co/v1 (the client appends /chat/completions) */
  baseUrl: string;
  model: string;
  /** sent only as `Authorization: Bearer …`; omitted when empty (local servers) */
  apiKey?: string;
  temperature?: number;
  maxTokens?: number;
  /** ask for SSE streaming (`stream: true`) */
  stream?: boolean;
  /** per request; while streaming, the longest silence between chunks */
  timeoutMs?: number;
  /** retries after HTTP 429 or 5xx before failing */
  maxRetries?: number;
  /** send `response_format: json_schema` (default true; turned off for the session when the endpoint refuses it) */
  structuredOutput?: boolean;
  /** for tests and proxies; the global fetch otherwise */
  fetch?: typeof fetch;
}

export interface Completion {
  content: string;
  finishReason: string | null;
  /** whether this request carried response_format */
  structured: boolean;
}

export interface ChatClient {
  complete(messages: ChatMessage[], signal?: AbortSignal): Promise<Completion>;
}

// The original's inference.py used temperature 0 and 2000 tokens; a rewrite plus five issues fits in that.
const DEFAULTS = { temperature: 0, maxTokens: 2000, timeoutMs: 120_000, maxRetries: 3 };
/** Longest wait between retries; a Retry-After beyond it fails at once instead of stalling an episode for minutes. */
const MAX_BACKOFF_MS = 60_000;

/** The Action JSON Schema as sent in response_format: the one schema, severities as an enum for guided decoding. */
export function actionResponseSchema(): Record<string, unknown> {
  const { $schema: _drop, ...schema } = jsonSchema(Action, 'input') as { $schema?: string; properties: Record<string, unknown> };
  const suggestions = schema.properties.suggestions as { items: { properties: Record<string, unknown> } };
  suggestions.items.properties.severity = { type: 'string', enum: [...SEVERITIES] };
  return schema;
}

/** A client bound to one endpoint and model; it remembers for its lifetime whether the endpoint takes response_format. */
export function createChatClient(config: ClientConfig): ChatClient {
  const cfg = { ...DEFAULTS, ...config };
  const url = `${cfg.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const redact = redactor(cfg.apiKey);
  const doFetch = cfg.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  let structured = cfg.structuredOutput ?? true;

  async function once(messages: ChatMessage[], signal: AbortSignal | undefined): Promise<Completion> {
    const body: Record<string, unknown> = {
      model: cfg.model,
      messages,
      temperature: cfg.temperature,
      max_tokens: cfg.maxTokens,
      ...(cfg.stream ? { stream: true } : {}),
      ...(structured ? { response_format: { type: 'json_schema', json_schema: { name: 'action', schema: actionResponseSchema() } } } : {}),
    };
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (cfg.apiKey) headers.Authorization = `Bearer ${cfg.apiKey}`;
    const guard = deadline(cfg.timeoutMs, signal);
    try {
      let res: Response;
      try {
        res = await doFetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: guard.signal });
      } catch (e) {
        throw guard.explain() ?? unreachable(url, e);
      }
      if (!res.ok) throw new HttpFailure(res.status, redact(await res.text().catch(() => '')), res.headers.get('retry-after'));
      const reply = cfg.stream ? await readStream(res, guard, redact) : await readPlain(res, guard, redact);
      if (reply.finishReason === 'length')
        throw new LlmError(
          'REPLY_TOO_LONG',
          `the reply was cut off at max_tokens (${cfg.maxTokens}); raise max_tokens or ask for a shorter answer`,
          reply.content,
        );
      return { ...reply, structured: 'response_format' in body };
    } finally {
      guard.clear();
    }
  }

  return {
    async complete(messages, signal) {
      let retries = 0;
      let reconnected = false;
      for (;;) {
        try {
          return await once(messages, signal);
        } catch (e) {
          // A kept-alive connection the server closed while this process was busy (seen as ECONNRESET after a long
          // synchronous step): one fresh connection settles it; a server that is really gone fails again at once.
          if (e instanceof LlmError && e.code === 'UNREACHABLE' && !reconnected) {
            reconnected = true;
            continue;
          }
          if (!(e instanceof HttpFailure)) throw e;
          if (structured && refusesResponseFormat(e)) {
            structured = false; // remembered: every later request of this client goes without it
            continue;
          }
          const wait = retryWait(e, retries++, cfg.maxRetries);
          if (wait === null) throw classify(e, url, cfg.model);
          await sleep(wait, signal);
        }
      }
    },
  };
}

/** A non-2xx answer, before it is classified. */
class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly text: string,
    readonly retryAfter: string | null,
  ) {
    super(`HTTP ${status}`);
  }
}

function refusesResponseFormat(e: HttpFailure): boolean {
  return (e.status === 400 || e.status === 422) && /response_format|json_schema|structured output|guided/i.test(e.text);
}

/** How long to wait before retrying a 429 or 5xx, or null when it is not retried (or retries are spent). */
function retryWait(e: HttpFailure, attempt: number, maxRetries: number): number | null {
  if (e.status !== 429 && !(e.status >= 500 && e.status <= 504)) return null;
  if (attempt >= maxRetries) return null;
  const asked = retryAfterMs(e.retryAfter);
  if (asked !== null) return asked <= MAX_BACKOFF_MS ? asked : null;
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt);
}

/** Retry-After in seconds or as an HTTP date. */
export function retryAfterMs(value: string | null): number | null {
  if (!value) return null;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** A per-request timer plus the caller's Stop, as one signal that also says which of the two fired. */
function deadline(ms: number, outer: AbortSignal | undefined) {
  const ctl = new AbortController();
  let why: 'timeout' | 'stopped' | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    why ??= 'stopped';
    ctl.abort();
  };
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      why ??= 'timeout';
      ctl.abort();
    }, ms);
  };
  if (outer?.aborted) stop();
  outer?.addEventListener('abort', stop);
  arm();
  return {
    signal: ctl.signal,
    /** restart the silence timer (a streamed chunk arrived) */
    arm,
    clear() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', stop);
    },
    /** the LlmError for an abort we caused, or null for any other failure */
    explain(): LlmError | null {
      if (why === 'stopped') return new LlmError('STOPPED', 'stopped before the model answered');
      if (why === 'timeout')
        return new LlmError(
          'TIMEOUT',
          `no answer within ${Math.round(ms / 1000)} s; the endpoint may be overloaded or still loading the model: try again or raise the timeout`,
        );
      return null;
    },
  };
}

type Guard = ReturnType<typeof deadline>;

async function readPlain(res: Response, guard: Guard, redact: (s: string) => string): Promise<Omit<Completion, 'structured'>> {
  let text: string;
  try {
    text = await res.text();
  } catch {
    throw guard.explain() ?? new LlmError('BAD_RESPONSE', 'the connection broke while the answer was read');
  }
  let j: { choices?: { message?: { content?: unknown }; finish_reason?: string | null }[] };
  try {
    j = JSON.parse(text);
  } catch {
    throw new LlmError('BAD_RESPONSE', `the endpoint answered something that is not JSON: ${serverMessage(redact(text))}`);
  }
  const choice = j.choices?.[0];
  const content = choice?.message?.content;
  if (typeof content !== 'string' && content !== null)
    throw new LlmError('BAD_RESPONSE', `the answer has no choices[0].message.content: ${serverMessage(redact(text))}`);
  return { content: content ?? '', finishReason: choice?.finish_reason ?? null };
}

/** Server-sent events: `data: {chunk}` lines, content in choices[0].delta.content, ended by `data: [DONE]`. */
async function readStream(res: Response, guard: Guard, redact: (s: string) => string): Promise<Omit<Completion, 'structured'>> {
  if (!res.body) throw new LlmError('BAD_RESPONSE', 'the streamed answer has no body');
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const out = { content: '', finishReason: null as string | null };
  let buffered = '';
  const take = (line: string): boolean => {
    const m = /^data:\s?(.*)$/.exec(line.replace(/\r$/, ''));
    if (!m) return false; // comments (":"), event names, blank separators
    if (m[1].trim() === '[DONE]') return true;
    let chunk: { choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[]; error?: unknown };
    try {
      chunk = JSON.parse(m[1]);
    } catch {
      throw new LlmError('BAD_RESPONSE', `a streamed chunk is not JSON: ${serverMessage(redact(m[1]))}`);
    }
    if (chunk.error) throw new LlmError('HTTP_ERROR', `the stream reported an error: ${serverMessage(redact(JSON.stringify(chunk)))}`);
    const choice = chunk.choices?.[0];
    out.content += choice?.delta?.content ?? '';
    out.finishReason = choice?.finish_reason ?? out.finishReason;
    return false;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      guard.arm();
      buffered += decoder.decode(value, { stream: true });
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      if (lines.some(take)) break;
    }
    if (buffered) take(buffered);
  } catch (e) {
    if (e instanceof LlmError) throw e;
    throw guard.explain() ?? new LlmError('BAD_RESPONSE', 'the connection broke in the middle of the streamed answer');
  } finally {
    reader.cancel().catch(() => {});
  }
  return out;
}

/** Waits, unless the caller stops first. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const stopped = () => {
      clearTimeout(t);
      reject(new LlmError('STOPPED', 'stopped while waiting to retry'));
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', stopped);
      resolve();
    }, ms);
    if (signal?.aborted) stopped();
    else signal?.addEventListener('abort', stopped, { once: true });
  });
}
