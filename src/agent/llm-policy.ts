// The LLM policy: the step's prompt to an OpenAI-compatible endpoint, the reply read leniently, one retry when it cannot
// be read. It never throws: a failed call is a refusal whose reason starts with its code (`BAD_KEY: …`).
import type { Decision, Policy, PolicyStep, PolicyTrace } from '../policies/policy.ts';
import type { Observation } from '../env/types.ts';
import { type ChatClient, type ClientConfig, createChatClient } from './client.ts';
import { LLM_ERROR_CODES, LlmError } from './errors.ts';
import { parseReply } from './parse.ts';
import { buildMessages, unreadableMessage } from './prompt.ts';

/** Everything an LLM policy needs: the endpoint, the model, the key, and the client's knobs. */
export type LlmConfig = ClientConfig;

/** The original environment's default endpoint (its inference.py). */
export const DEFAULT_BASE_URL = 'https://router.huggingface.co/v1';

/** A Policy backed by a chat model; `client` replaces the HTTP client (tests, proxies). */
export function createLlmPolicy(config: LlmConfig, client: ChatClient = createChatClient(config)): Policy {
  return {
    name: config.model,
    async act(observation: Observation, history: readonly PolicyStep[], signal?: AbortSignal): Promise<Decision> {
      const t0 = performance.now();
      const messages = buildMessages(observation, history);
      const trace: PolicyTrace = { messages, coercions: [] };
      const done = (d: Decision): Decision => {
        trace.ms = performance.now() - t0;
        return d;
      };
      try {
        for (let attempt = 0; ; attempt++) {
          trace.messages = [...messages];
          trace.raw = undefined; // the raw reply is always the answer to trace.messages, or absent
          const reply = await client.complete(messages, signal);
          trace.raw = reply.content;
          const parsed = parseReply(reply.content);
          trace.coercions = parsed.coercions;
          if (parsed.ok) return done({ action: parsed.action, trace });
          if (attempt === 1) return done({ action: null, reason: `UNREADABLE: ${parsed.reason}`, trace });
          // One retry, with the bad reply in the conversation so the model sees what went wrong.
          messages.push({ role: 'assistant', content: reply.content }, { role: 'user', content: unreadableMessage(parsed.reason) });
        }
      } catch (e) {
        if (e instanceof LlmError && e.partial !== undefined) trace.raw = e.partial;
        const reason = e instanceof LlmError ? `${e.code}: ${e.message}` : `BAD_RESPONSE: ${e instanceof Error ? e.message : String(e)}`;
        return done({ action: null, reason, fatal: e instanceof LlmError && LLM_ERROR_CODES[e.code].fatal, trace });
      }
    },
  };
}

/**
 * The configuration from environment variables, as the original's inference.py reads them: API_BASE_URL (default the
 * Hugging Face router), MODEL_NAME, and HF_TOKEN or API_KEY (optional for a server on localhost). Throws LlmError CONFIG.
 */
export function llmConfigFromEnv(env: Record<string, string | undefined>): LlmConfig {
  const baseUrl = env.API_BASE_URL?.trim() || DEFAULT_BASE_URL;
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    throw new LlmError('CONFIG', `API_BASE_URL is not a URL: ${JSON.stringify(baseUrl)} (e.g. ${DEFAULT_BASE_URL})`);
  }
  const model = env.MODEL_NAME?.trim();
  if (!model)
    throw new LlmError('CONFIG', `MODEL_NAME is not set: name the model to call at ${baseUrl} (e.g. MODEL_NAME=Qwen/Qwen2.5-72B-Instruct)`);
  const apiKey = env.HF_TOKEN?.trim() || env.API_KEY?.trim() || undefined;
  const local = ['localhost', '127.0.0.1', '[::1]', '::1'].includes(host);
  if (!apiKey && !local)
    throw new LlmError(
      'CONFIG',
      `no API key: set HF_TOKEN (a Hugging Face token, https://huggingface.co/settings/tokens) or API_KEY for ${baseUrl}; ` +
        'a key is optional only for a server on localhost',
    );
  return { baseUrl, model, apiKey };
}
