// What an agent's failed model call means for the person watching, from the client's LlmError code: a short title, what
// to do, whether the run stops (the code's `fatal` flag) and the client's own (already redacted) message as detail.
import { LLM_ERROR_CODES, type LlmErrorCode, llmErrorCodeOf } from '../../agent/errors.ts';
import { LOCAL_PRESETS } from './sources.ts';

export interface Explained {
  code: LlmErrorCode | null;
  /** "Wrong key", "Rate limit", … */
  title: string;
  /** what to do about it, in a sentence or two */
  advice: string;
  /** the message the client gave, without its code prefix */
  detail: string;
  /** the run cannot go on (the code's fatal flag); otherwise only this step is skipped */
  fatal: boolean;
}

/** What the advice may name: the endpoint's host and origin, the model, and the page's own origin. */
export interface ExplainContext {
  host: string;
  origin: string;
  model: string;
  pageOrigin: string;
}

function cors(c: ExplainContext): string {
  const local = LOCAL_PRESETS.map((p) => `${p.label}: ${p.cors}`).join('; ');
  return (
    `Check that the server runs at ${c.origin} and that the base URL is right. The server must allow calls from this page ` +
    `(CORS, origin ${c.pageOrigin}, with the Authorization header). ${local}.`
  );
}

const ADVICE: Record<LlmErrorCode, { title: string; advice: (c: ExplainContext) => string }> = {
  CONFIG: { title: 'Configuration', advice: () => 'Fix the source settings and press Start again.' },
  BAD_KEY: {
    title: 'Wrong key',
    advice: (c) =>
      `${c.host} refused the key. Check it (a Hugging Face token needs the “Make calls to Inference Providers” permission; ` +
      'after signing in, sign in again if the session ran out).',
  },
  NO_MODEL: {
    title: 'No such model',
    advice: (c) =>
      `${c.host} has no model “${c.model}”. Check the model name, and that the base URL ends where /chat/completions follows (often /v1).`,
  },
  UNREACHABLE: { title: 'Endpoint unreachable or blocked', advice: cors },
  STOPPED: { title: 'Stopped', advice: () => 'You stopped the run; the episode stays as it is and you can go on with it.' },
  RATE_LIMITED: {
    title: 'Rate limit',
    advice: (c) =>
      `${c.host} kept refusing with HTTP 429 after waiting and retrying; this step was skipped. Wait a minute, or use fewer steps.`,
  },
  SERVER_ERROR: { title: 'Server error', advice: (c) => `${c.host} failed after the retries; this step was skipped.` },
  TIMEOUT: {
    title: 'No answer in time',
    advice: (c) => `${c.host} did not answer in time (it may be loading the model); this step was skipped.`,
  },
  REPLY_TOO_LONG: {
    title: 'Reply too long',
    advice: () =>
      'The model’s answer was cut off at its token limit, so this step was skipped. A model that answers more briefly may do better.',
  },
  CONTEXT_TOO_LONG: {
    title: 'Context too long',
    advice: (c) =>
      `The prompt does not fit ${c.model}’s context window; this step was skipped. Pick a model with a longer context (8k tokens or more).`,
  },
  HTTP_ERROR: { title: 'HTTP error', advice: (c) => `${c.host} answered with an error; this step was skipped.` },
  BAD_RESPONSE: {
    title: 'Not a chat completion',
    advice: (c) => `${c.host} answered something that is not a chat completion; this step was skipped.`,
  },
  UNREADABLE: {
    title: 'Unreadable reply',
    advice: () => 'The model’s reply held no usable action, also after one retry; this step was skipped.',
  },
};

/** Explains a refusal reason (`CODE: message`) or any other failure text. */
export function explainReason(reason: string, c: ExplainContext): Explained {
  const code = llmErrorCodeOf(reason);
  if (!code) return { code: null, title: 'Agent failed', advice: 'The run stopped on an unexpected error.', detail: reason, fatal: true };
  const a = ADVICE[code];
  return { code, title: a.title, advice: a.advice(c), detail: reason.slice(code.length + 2), fatal: LLM_ERROR_CODES[code].fatal };
}
