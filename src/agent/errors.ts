// The ways a model call fails, each with a code and a message a person can act on; server texts are quoted only after
// the API key (and anything shaped like a token) is blanked out.

/** Every way a model call fails, what it means, and whether retrying the next step can help (`fatal`: it cannot). */
export const LLM_ERROR_CODES = {
  CONFIG: { fatal: true, what: 'MODEL_NAME, the API key or the base URL is missing or malformed' },
  BAD_KEY: { fatal: true, what: 'the endpoint refused the API key (HTTP 401/403)' },
  NO_MODEL: { fatal: true, what: 'the endpoint has no such model (HTTP 404, or 400 naming the model)' },
  UNREACHABLE: { fatal: true, what: 'the endpoint could not be reached (network, DNS, CORS or the page’s CSP)' },
  STOPPED: { fatal: true, what: 'the caller stopped the request (Stop)' },
  RATE_LIMITED: { fatal: false, what: 'HTTP 429 after every allowed retry' },
  SERVER_ERROR: { fatal: false, what: 'HTTP 5xx after every allowed retry' },
  TIMEOUT: { fatal: false, what: 'no answer (or no streamed token) within the per-request timeout' },
  REPLY_TOO_LONG: { fatal: false, what: 'the reply was cut at max_tokens (finish_reason "length")' },
  CONTEXT_TOO_LONG: { fatal: false, what: 'the prompt does not fit the model’s context window' },
  HTTP_ERROR: { fatal: false, what: 'any other HTTP error' },
  BAD_RESPONSE: { fatal: false, what: 'the endpoint answered something that is not a chat completion' },
  UNREADABLE: { fatal: false, what: 'the model’s reply held no readable action, also after one retry' },
} as const;
export type LlmErrorCode = keyof typeof LLM_ERROR_CODES;

/** A failed model call. Its message never contains the API key (every server text is redacted before use). */
export class LlmError extends Error {
  constructor(
    readonly code: LlmErrorCode,
    message: string,
    /** the partial reply, when the model was cut off (REPLY_TOO_LONG) */
    readonly partial?: string,
  ) {
    super(message);
    this.name = `LlmError:${code}`;
  }
}

/** How much of a server's error text a message quotes. */
const QUOTE = 300;

/** The server's own message out of the usual error bodies ({error: {message}}, {error: "…"}, {message}, {detail}). */
export function serverMessage(text: string): string {
  let msg = text;
  try {
    const j = JSON.parse(text) as Record<string, unknown>;
    const err = j.error as Record<string, unknown> | string | undefined;
    const detail = j.detail;
    const picked =
      (typeof err === 'object' && err !== null ? err.message : err) ??
      j.message ??
      (typeof detail === 'string' ? detail : detail === undefined ? undefined : JSON.stringify(detail));
    if (typeof picked === 'string') msg = picked;
  } catch {
    // not JSON: an HTML page of a proxy, plain text
  }
  msg = msg.replace(/\s+/g, ' ').trim();
  return msg.length > QUOTE ? `${msg.slice(0, QUOTE)}…` : msg;
}

/** An HTTP failure as an LlmError a person can act on. */
export function classify(e: { status: number; text: string }, url: string, model: string): LlmError {
  const said = serverMessage(e.text);
  const quoted = said ? ` (the server said: ${said})` : '';
  if (e.status === 401 || e.status === 403)
    // The server's words are left out: some echo part of the key.
    return new LlmError(
      'BAD_KEY',
      `${url} refused the API key (HTTP ${e.status}). Check HF_TOKEN or API_KEY (a Hugging Face token needs the "Make calls to Inference Providers" permission)`,
    );
  if (e.status === 429) return new LlmError('RATE_LIMITED', `${url} kept answering 429 (rate limit) after the allowed retries${quoted}`);
  if (
    /context_length_exceeded|context length|context window|maximum context|too many tokens|prompt is too long|must be <= \d+/i.test(e.text)
  )
    return new LlmError('CONTEXT_TOO_LONG', `the prompt is longer than ${model}'s context window${quoted}`);
  if (
    e.status === 404 ||
    (e.status === 400 && /model/i.test(said) && /not (supported|found|exist|a chat model)|does not exist|unknown|invalid/i.test(said))
  )
    return new LlmError(
      'NO_MODEL',
      `${url} has no model "${model}" (HTTP ${e.status})${quoted}. Check MODEL_NAME, and that the base URL ends where /chat/completions follows (often /v1)`,
    );
  if (e.status >= 500) return new LlmError('SERVER_ERROR', `${url} failed with HTTP ${e.status} after the allowed retries${quoted}`);
  return new LlmError('HTTP_ERROR', `${url} answered HTTP ${e.status}${quoted}`);
}

/** A fetch that threw without an answer: offline, wrong host, refused, or blocked by CORS / the page's CSP. */
export function unreachable(url: string, e: unknown): LlmError {
  const cause = e instanceof Error ? ((e.cause as { code?: string } | undefined)?.code ?? e.message) : String(e);
  return new LlmError(
    'UNREACHABLE',
    `could not reach ${url} (${cause}). Check API_BASE_URL and that the server runs; from the page, the endpoint must allow ` +
      'this origin (CORS: Access-Control-Allow-Origin, and Authorization in Access-Control-Allow-Headers) and the page’s ' +
      'Content-Security-Policy connect-src must list it',
  );
}

/** Replaces the key, and anything shaped like a token, in server text before it reaches a message. */
export function redactor(key: string | undefined): (s: string) => string {
  return (s) => {
    let out = key ? s.split(key).join('***') : s;
    out = out.replace(/\b(hf_|sk-)[A-Za-z0-9_-]{8,}/g, '$1***');
    return out;
  };
}

/** The code a refusal's reason starts with (`BAD_KEY: …`), or null; a runner stops early when its entry is fatal. */
export function llmErrorCodeOf(reason: string): LlmErrorCode | null {
  const code = /^([A-Z_]+): /.exec(reason)?.[1];
  return code && Object.hasOwn(LLM_ERROR_CODES, code) ? (code as LlmErrorCode) : null;
}
