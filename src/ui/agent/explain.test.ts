// What a person reads when the agent's model call fails: the title per LlmError code, whether the run stops, the advice.
import { describe, expect, it } from 'vitest';
import { LLM_ERROR_CODES } from '../../agent/errors.ts';
import { explainReason } from './explain.ts';

const CTX = { host: '127.0.0.1:9000', origin: 'http://127.0.0.1:9000', model: 'qwen', pageOrigin: 'http://localhost:5173' };

describe('explainReason', () => {
  it('names every client error code, and stops the run exactly on the fatal ones', () => {
    for (const code of Object.keys(LLM_ERROR_CODES) as (keyof typeof LLM_ERROR_CODES)[]) {
      const e = explainReason(`${code}: what the client said`, CTX);
      expect(e.code).toBe(code);
      expect(e.fatal).toBe(LLM_ERROR_CODES[code].fatal);
      expect(e.detail).toBe('what the client said');
      expect(e.title.length).toBeGreaterThan(3);
    }
  });

  it('says "wrong key", "no such model", "rate limit", "reply too long" and "context too long" in words', () => {
    const title = (code: string) => explainReason(`${code}: x`, CTX).title;
    expect(['BAD_KEY', 'NO_MODEL', 'RATE_LIMITED', 'REPLY_TOO_LONG', 'CONTEXT_TOO_LONG', 'UNREADABLE'].map(title)).toEqual([
      'Wrong key',
      'No such model',
      'Rate limit',
      'Reply too long',
      'Context too long',
      'Unreadable reply',
    ]);
    expect(explainReason('NO_MODEL: x', CTX).advice).toBe(
      '127.0.0.1:9000 has no model “qwen”. Check the model name, and that the base URL ends where /chat/completions follows (often /v1).',
    );
  });

  it('tells what to do when the endpoint cannot be reached: the server, its CORS setting per local server', () => {
    const e = explainReason('UNREACHABLE: could not reach http://127.0.0.1:9000/v1/chat/completions (Failed to fetch)', CTX);
    expect(e).toMatchObject({ title: 'Endpoint unreachable or blocked', fatal: true });
    expect(e.advice).toMatch(/^Check that the server runs at http:\/\/127\.0\.0\.1:9000 and that the base URL is right\./);
    expect(e.advice).toContain('(CORS, origin http://localhost:5173, with the Authorization header)');
    expect(e.advice).toContain('Ollama: start it with OLLAMA_ORIGINS set to this page’s origin');
  });

  it('treats a failure without a code as fatal, quoting it', () => {
    expect(explainReason('boom', CTX)).toEqual({
      code: null,
      title: 'Agent failed',
      advice: 'The run stopped on an unexpected error.',
      detail: 'boom',
      fatal: true,
    });
  });
});
