// The sources and presets of the Agent panel, and the check of the form before Start.
import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENT_ORIGINS } from './origins.ts';
import { HF_ROUTER, LOCAL_PRESETS, type SourceForm, presetOf, resolveSource } from './sources.ts';

const PAGE = { sources: ["'self'", ...DEFAULT_AGENT_ORIGINS], self: 'http://localhost:5173' };
const form = (f: Partial<SourceForm>): SourceForm => ({ kind: 'endpoint', baseUrl: HF_ROUTER, model: 'm', key: '', ...f });

describe('presets', () => {
  it('are the local servers at their default ports, each under /v1, each allowed by the default CSP', () => {
    expect(LOCAL_PRESETS.map((p) => [p.label, p.baseUrl])).toEqual([
      ['Ollama', 'http://localhost:11434/v1'],
      ['llama.cpp server', 'http://localhost:8080/v1'],
      ['LM Studio', 'http://localhost:1234/v1'],
      ['vLLM', 'http://localhost:8000/v1'],
    ]);
    for (const p of LOCAL_PRESETS) expect(resolveSource(form({ kind: 'local', baseUrl: p.baseUrl }), PAGE).ok).toBe(true);
  });

  it('are recognised from a typed base URL', () => {
    expect(presetOf('http://localhost:1234/v1/')?.id).toBe('lm-studio');
    expect(presetOf('http://localhost:1235/v1')).toBeNull();
  });
});

describe('resolveSource', () => {
  it('gives the client configuration, the one origin it may call, and the host that names it', () => {
    expect(resolveSource(form({ baseUrl: 'http://127.0.0.1:9000/v1/', model: ' qwen ', key: ' sk-local ' }), PAGE)).toEqual({
      ok: true,
      source: {
        config: { baseUrl: 'http://127.0.0.1:9000/v1', model: 'qwen', apiKey: 'sk-local' },
        origin: 'http://127.0.0.1:9000',
        host: '127.0.0.1:9000',
      },
    });
  });

  it('always uses the router when signed in with Hugging Face, whatever the base URL field holds', () => {
    const r = resolveSource(form({ kind: 'hf', baseUrl: 'http://localhost:1/v1', key: 'hf_token' }), PAGE);
    expect(r.ok && r.source.config.baseUrl).toBe(HF_ROUTER);
  });

  it('needs no key for a local server, one for a remote endpoint, and a sign-in for Hugging Face', () => {
    expect(resolveSource(form({ kind: 'local', baseUrl: 'http://localhost:11434/v1' }), PAGE).ok).toBe(true);
    expect(resolveSource(form({}), PAGE)).toEqual({ ok: false, problems: ['enter the API key for this endpoint (it stays in this tab)'] });
    expect(resolveSource(form({ kind: 'hf' }), PAGE)).toEqual({ ok: false, problems: ['sign in with Hugging Face first'] });
  });

  it('lists every problem at once', () => {
    expect(resolveSource(form({ kind: 'local', baseUrl: 'http://localhost:11434/v1?x=1', model: ' ' }), PAGE)).toEqual({
      ok: false,
      problems: [
        'name the model the server has loaded (e.g. qwen2.5-coder:7b)',
        'the base URL must not have a query (?…) or fragment (#…); put a key in the key field',
      ],
    });
  });
});
