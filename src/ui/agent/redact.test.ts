// Keys out of what the panel shows and exports: endpoints named by host only, every given key and token shape blanked.
import { describe, expect, it } from 'vitest';
import { endpointHost, redactSecrets } from './redact.ts';

describe('endpointHost', () => {
  it('keeps host and port, drops path, query and credentials', () => {
    expect(endpointHost('https://router.huggingface.co/v1')).toBe('router.huggingface.co');
    expect(endpointHost('http://127.0.0.1:8080/v1?key=abc')).toBe('127.0.0.1:8080');
    expect(endpointHost('https://me:sk-secret@api.example.com/v1')).toBe('api.example.com');
    expect(endpointHost('nonsense')).toBe('an invalid URL');
  });
});

describe('redactSecrets', () => {
  it('blanks each key the person gave, wherever it appears', () => {
    expect(redactSecrets('refused key my-local-key-123 (my-local-key-123)', ['my-local-key-123', undefined])).toBe('refused key *** (***)');
  });

  it('blanks Hugging Face and OpenAI token shapes even when not given', () => {
    expect(redactSecrets('token hf_abcdefghijklmnop and sk-proj-ABCDEFGH12345678 here', [])).toBe('token hf_*** and sk-*** here');
  });

  it('ignores empty and too short "keys", which would shred the text', () => {
    expect(redactSecrets('a reply about SQL', ['', '  ', 'a', null])).toBe('a reply about SQL');
  });
});
