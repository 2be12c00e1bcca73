// Where the Agent panel's model runs: the Hugging Face router on the person's own account (signed in on a Space), any
// OpenAI-compatible endpoint with a key, or a server on this machine (no key). Presets, and the form's check before Start.
import { DEFAULT_BASE_URL } from '../../agent/llm-policy.ts';
import type { ClientConfig } from '../../agent/client.ts';
import { checkEndpoint, isLocal } from './origins.ts';
import { endpointHost } from './redact.ts';

export type SourceKind = 'hf' | 'endpoint' | 'local';

export const HF_ROUTER = DEFAULT_BASE_URL;

export interface LocalPreset {
  id: string;
  label: string;
  baseUrl: string;
  /** how to let this page call it (CORS), shown beside the preset and in the "unreachable" message */
  cors: string;
}

/** The usual local servers at their default ports; each speaks the OpenAI chat API under /v1. */
export const LOCAL_PRESETS: readonly LocalPreset[] = [
  { id: 'ollama', label: 'Ollama', baseUrl: 'http://localhost:11434/v1', cors: 'start it with OLLAMA_ORIGINS set to this page’s origin' },
  {
    id: 'llama.cpp',
    label: 'llama.cpp server',
    baseUrl: 'http://localhost:8080/v1',
    cors: 'llama-server answers cross-origin requests by default',
  },
  { id: 'lm-studio', label: 'LM Studio', baseUrl: 'http://localhost:1234/v1', cors: 'turn on “Enable CORS” in its server settings' },
  { id: 'vllm', label: 'vLLM', baseUrl: 'http://localhost:8000/v1', cors: 'start it with --allowed-origins naming this page’s origin' },
];

/** Model names offered as suggestions (any name can be typed). */
export const MODEL_SUGGESTIONS: Readonly<Record<SourceKind, readonly string[]>> = {
  hf: ['Qwen/Qwen2.5-72B-Instruct', 'Qwen/Qwen2.5-Coder-32B-Instruct', 'meta-llama/Llama-3.3-70B-Instruct', 'deepseek-ai/DeepSeek-V3'],
  endpoint: ['Qwen/Qwen2.5-72B-Instruct', 'gpt-4o-mini', 'gpt-4.1'],
  local: ['qwen2.5-coder:7b', 'llama3.1:8b', 'qwen2.5:14b'],
};

/** The preset a base URL is, or null. */
export function presetOf(baseUrl: string): LocalPreset | null {
  const u = baseUrl.trim().replace(/\/+$/, '');
  return LOCAL_PRESETS.find((p) => p.baseUrl === u) ?? null;
}

/** What the form holds when Start is pressed. */
export interface SourceForm {
  kind: SourceKind;
  baseUrl: string;
  model: string;
  /** the key of an endpoint, or the token of the Hugging Face sign-in */
  key: string;
}

/** Where the page runs: its CSP's connect-src and its origin. */
export interface PageContext {
  sources: readonly string[];
  self: string;
}

/** A source ready to run: the client's configuration, the one origin it may call, and the host that names it. */
export interface ResolvedSource {
  config: Pick<ClientConfig, 'baseUrl' | 'model' | 'apiKey'>;
  origin: string;
  host: string;
}

export type SourceCheck = { ok: true; source: ResolvedSource } | { ok: false; problems: string[] };

/** Checks the form; every problem is listed, each saying what to do. */
export function resolveSource(form: SourceForm, page: PageContext): SourceCheck {
  const problems: string[] = [];
  const baseUrl = form.kind === 'hf' ? HF_ROUTER : form.baseUrl.trim();
  const model = form.model.trim();
  const key = form.key.trim();
  if (!model) problems.push(form.kind === 'local' ? 'name the model the server has loaded (e.g. qwen2.5-coder:7b)' : 'name a model');
  const endpoint = checkEndpoint(baseUrl, page.sources, page.self);
  if (!endpoint.ok) problems.push(endpoint.message);
  if (form.kind === 'hf' && !key) problems.push('sign in with Hugging Face first');
  if (form.kind === 'endpoint' && !key && !(endpoint.ok && isLocal(endpoint.url)))
    problems.push('enter the API key for this endpoint (it stays in this tab)');
  if (problems.length || !endpoint.ok) return { ok: false, problems };
  return {
    ok: true,
    source: {
      config: { baseUrl: endpoint.url.href.replace(/\/+$/, ''), model, apiKey: key || undefined },
      origin: endpoint.origin,
      host: endpointHost(baseUrl),
    },
  };
}
