// Configuration from environment variables, as the original's inference.py reads them, with errors that say what to set.
import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL, llmConfigFromEnv } from './llm-policy.ts';

const fails = (env: Record<string, string | undefined>) => {
  try {
    llmConfigFromEnv(env);
  } catch (e) {
    return [(e as { code?: string }).code, (e as Error).message];
  }
  throw new Error('expected llmConfigFromEnv to fail');
};

describe('llmConfigFromEnv', () => {
  it('defaults to the Hugging Face router and reads HF_TOKEN before API_KEY', () => {
    expect(llmConfigFromEnv({ MODEL_NAME: 'Qwen/Qwen2.5-72B-Instruct', HF_TOKEN: 'hf_a', API_KEY: 'b' })).toEqual({
      baseUrl: DEFAULT_BASE_URL,
      model: 'Qwen/Qwen2.5-72B-Instruct',
      apiKey: 'hf_a',
    });
    expect(llmConfigFromEnv({ MODEL_NAME: 'm', API_KEY: 'b', HF_TOKEN: '' }).apiKey).toBe('b');
  });

  it('needs no key for a server on localhost', () => {
    expect(llmConfigFromEnv({ MODEL_NAME: 'llama', API_BASE_URL: 'http://localhost:8080/v1' })).toEqual({
      baseUrl: 'http://localhost:8080/v1',
      model: 'llama',
      apiKey: undefined,
    });
    expect(llmConfigFromEnv({ MODEL_NAME: 'llama', API_BASE_URL: 'http://127.0.0.1:11434/v1' }).apiKey).toBeUndefined();
  });

  it('says what to set when MODEL_NAME or the key is missing, or the URL is not one', () => {
    expect(fails({ HF_TOKEN: 'hf_a' })).toEqual([
      'CONFIG',
      `MODEL_NAME is not set: name the model to call at ${DEFAULT_BASE_URL} (e.g. MODEL_NAME=Qwen/Qwen2.5-72B-Instruct)`,
    ]);
    expect(fails({ MODEL_NAME: 'm', HF_TOKEN: '  ' })).toEqual([
      'CONFIG',
      `no API key: set HF_TOKEN (a Hugging Face token, https://huggingface.co/settings/tokens) or API_KEY for ${DEFAULT_BASE_URL}; ` +
        'a key is optional only for a server on localhost',
    ]);
    expect(fails({ MODEL_NAME: 'm', API_BASE_URL: 'router.huggingface.co/v1' })).toEqual([
      'CONFIG',
      `API_BASE_URL is not a URL: "router.huggingface.co/v1" (e.g. ${DEFAULT_BASE_URL})`,
    ]);
  });
});
