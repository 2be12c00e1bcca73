// The client's pure parts and its error vocabulary: how an HTTP failure reads, Retry-After, the schema sent as response_format.
import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../env/types.ts';
import { actionResponseSchema, retryAfterMs } from './client.ts';
import { LLM_ERROR_CODES, classify, llmErrorCodeOf, serverMessage } from './errors.ts';

const URL_ = 'https://router.huggingface.co/v1/chat/completions';
const codeOf = (status: number, body: unknown) => classify({ status, text: JSON.stringify(body) }, URL_, 'm').code;

describe('classify', () => {
  it('maps each failure to its code', () => {
    expect(codeOf(401, { error: 'Invalid credentials' })).toBe('BAD_KEY');
    expect(codeOf(403, {})).toBe('BAD_KEY');
    expect(codeOf(404, { error: 'Not Found' })).toBe('NO_MODEL');
    expect(codeOf(400, { error: "The requested model 'x' is not supported by any provider you have enabled." })).toBe('NO_MODEL');
    expect(codeOf(400, { error: 'Model x is not a chat model.' })).toBe('NO_MODEL');
    expect(codeOf(400, { error: { message: 'maximum context length is 8192 tokens', code: 'context_length_exceeded' } })).toBe(
      'CONTEXT_TOO_LONG',
    );
    // TGI's wording
    expect(codeOf(422, { error: 'Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096' })).toBe('CONTEXT_TOO_LONG');
    expect(codeOf(429, {})).toBe('RATE_LIMITED');
    expect(codeOf(502, {})).toBe('SERVER_ERROR');
    expect(codeOf(402, { error: 'You have exceeded your monthly included credits' })).toBe('HTTP_ERROR');
  });

  it('never quotes the server on a refused key (some echo part of it)', () => {
    expect(classify({ status: 401, text: '{"error": "bad key sk-abc…xyz"}' }, URL_, 'm').message).not.toContain('sk-abc');
  });
});

describe('serverMessage', () => {
  it('reads the usual error bodies and bounds the text', () => {
    expect(serverMessage('{"error": {"message": "a"}}')).toBe('a');
    expect(serverMessage('{"error": "b"}')).toBe('b');
    expect(serverMessage('{"message": "c"}')).toBe('c');
    expect(serverMessage('{"detail": [{"loc": ["body"], "msg": "d"}]}')).toBe('[{"loc":["body"],"msg":"d"}]');
    expect(serverMessage('<html>\n  <body>Bad   gateway</body></html>')).toBe('<html> <body>Bad gateway</body></html>');
    expect(serverMessage('x'.repeat(1000))).toHaveLength(301);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(' 0.5 ')).toBe(500);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(new Date(Date.now() - 5000).toUTCString())).toBe(0);
  });
});

describe('actionResponseSchema', () => {
  it('is the Action input schema with severities as an enum and no $schema key', () => {
    const s = actionResponseSchema() as {
      $schema?: string;
      required: string[];
      properties: Record<string, { items?: { properties: Record<string, unknown> } }>;
    };
    expect(s.$schema).toBeUndefined();
    expect(s.required).toEqual(['optimized_query']);
    expect(s.properties.suggestions.items?.properties.severity).toEqual({ type: 'string', enum: [...SEVERITIES] });
  });
});

describe('llmErrorCodeOf', () => {
  it('reads the code a refusal starts with, and whether it is fatal', () => {
    expect(llmErrorCodeOf('BAD_KEY: https://x/v1/chat/completions refused the API key (HTTP 401).')).toBe('BAD_KEY');
    expect(LLM_ERROR_CODES[llmErrorCodeOf('TIMEOUT: no answer within 120 s')!].fatal).toBe(false);
    expect(llmErrorCodeOf('SQL_ERROR: not ours')).toBeNull();
    expect(llmErrorCodeOf('no code here')).toBeNull();
  });
});
