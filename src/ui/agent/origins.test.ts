// The agent origin list: what a build adds to the CSP, how a URL is matched against connect-src, the checks before
// Start, and the fetch that calls only the chosen origin.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_AGENT_ORIGINS,
  agentOrigins,
  allowedBy,
  checkEndpoint,
  connectSources,
  fetchOnly,
  parseOriginList,
  withAgentOrigins,
} from './origins.ts';

const SELF = 'https://user-space.hf.space';
const SOURCES = ["'self'", ...DEFAULT_AGENT_ORIGINS];
const allowed = (url: string, sources: readonly string[] = SOURCES) => allowedBy(new URL(url), sources, SELF);

describe('the build list', () => {
  it('adds AGENT_ORIGINS to the defaults, without repeats, lower-cased and without a trailing slash', () => {
    expect(agentOrigins(undefined)).toEqual(DEFAULT_AGENT_ORIGINS);
    expect(agentOrigins(' https://API.openai.com/,http://10.0.0.5:8080  https://router.huggingface.co')).toEqual([
      ...DEFAULT_AGENT_ORIGINS,
      'https://api.openai.com',
      'http://10.0.0.5:8080',
    ]);
  });

  it('refuses anything that is not an origin, so a variable cannot widen another directive', () => {
    for (const bad of [
      'api.openai.com',
      'https://a.com/v1',
      "https://a.com;script-src 'unsafe-inline'",
      "'unsafe-inline'",
      'ftp://a.com',
      '*',
    ])
      expect(() => parseOriginList(bad)).toThrow(/^AGENT_ORIGINS: .* is not an origin; write scheme:\/\/host/);
  });

  it("writes the origins after connect-src 'self' in the page's CSP, and only there", () => {
    const html = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src 'self'; img-src 'self'" />`;
    expect(withAgentOrigins(html, ['https://router.huggingface.co', 'http://localhost:*'])).toBe(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src 'self' https://router.huggingface.co http://localhost:*; img-src 'self'" />`,
    );
    expect(() => withAgentOrigins('<p>no policy</p>', [])).toThrow(`index.html must hold "connect-src 'self'" exactly once`);
  });

  it('reads connect-src back out of a CSP text', () => {
    expect(connectSources("default-src 'none'; connect-src 'self' http://localhost:*; img-src 'self'")).toEqual([
      "'self'",
      'http://localhost:*',
    ]);
    expect(connectSources("default-src 'none'")).toEqual([]);
  });
});

describe('matching a URL against connect-src', () => {
  it('allows the router, localhost and 127.0.0.1 on any port, and the page itself', () => {
    expect(allowed('https://router.huggingface.co/v1/chat/completions')).toBe(true);
    expect(allowed('http://localhost:11434/v1')).toBe(true);
    expect(allowed('http://127.0.0.1:39123/v1')).toBe(true);
    expect(allowed(`${SELF}/v1`)).toBe(true);
  });

  it('refuses other hosts, other ports than listed, and a downgrade from https to http', () => {
    expect(allowed('https://api.openai.com/v1')).toBe(false);
    expect(allowed('https://evil.router.huggingface.co/v1')).toBe(false);
    expect(allowed('http://router.huggingface.co/v1')).toBe(false);
    expect(allowed('https://router.huggingface.co:8443/v1')).toBe(false);
    expect(allowed('http://192.168.1.2:8080/v1')).toBe(false);
    expect(allowed('http://localhost:8080/v1', ['http://localhost:1234'])).toBe(false);
  });

  it('follows CSP for default ports, the https upgrade of an http source, and *. subdomains', () => {
    expect(allowed('https://api.example.com/v1', ['https://api.example.com:443'])).toBe(true);
    expect(allowed('https://api.example.com/v1', ['http://api.example.com'])).toBe(true);
    expect(allowed('https://x.openai.azure.com/v1', ['https://*.openai.azure.com'])).toBe(true);
    expect(allowed('https://openai.azure.com/v1', ['https://*.openai.azure.com'])).toBe(false);
  });
});

describe('checking the endpoint before Start', () => {
  const check = (url: string, self = SELF) => checkEndpoint(url, SOURCES, self);

  it('accepts an allowed base URL and names its origin', () => {
    const r = check(' http://localhost:11434/v1 ');
    expect(r.ok && r.origin).toBe('http://localhost:11434');
  });

  it('says what is wrong, and how to add an origin to the build', () => {
    expect(check('localhost:11434/v1')).toEqual({
      ok: false,
      message: 'the base URL must start with http:// or https:// (got localhost:)',
    });
    expect(check('not a url')).toEqual({ ok: false, message: '"not a url" is not a URL; a base URL looks like http://localhost:11434/v1' });
    expect(check('https://api.openai.com/v1')).toEqual({
      ok: false,
      message:
        'this page may call only these agent origins: https://router.huggingface.co, https://huggingface.co, http://localhost:*, ' +
        'http://127.0.0.1:*. https://api.openai.com is not one of them: build the page with AGENT_ORIGINS="https://api.openai.com" ' +
        '(see docs/agent.md)',
    });
  });

  it('refuses a key in the URL (credentials or a query), and plain http to another machine from an https page', () => {
    expect(check('https://me:sk-secret@router.huggingface.co/v1')).toEqual({
      ok: false,
      message: 'the base URL must not hold a user name or password; put the key in the key field',
    });
    expect(check('https://router.huggingface.co/v1?key=sk-secret')).toEqual({
      ok: false,
      message: 'the base URL must not have a query (?…) or fragment (#…); put a key in the key field',
    });
    expect(checkEndpoint('http://10.0.0.5:8080/v1', [...SOURCES, 'http://10.0.0.5:8080'], SELF)).toEqual({
      ok: false,
      message: 'this page is served over https, so the browser blocks plain http to 10.0.0.5:8080; use https',
    });
    expect(checkEndpoint('http://10.0.0.5:8080/v1', [...SOURCES, 'http://10.0.0.5:8080'], 'http://localhost:5173').ok).toBe(true);
  });
});

describe('the fetch that calls only the chosen origin', () => {
  const seen: string[] = [];
  const inner = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(`${String(input)} redirect=${init?.redirect}`);
    return new Response('{}');
  }) as typeof fetch;
  const only = fetchOnly('http://127.0.0.1:4000', inner);

  it('passes requests to that origin on, refusing redirects', async () => {
    await only('http://127.0.0.1:4000/v1/chat/completions', { method: 'POST' });
    expect(seen).toEqual(['http://127.0.0.1:4000/v1/chat/completions redirect=error']);
  });

  it('refuses every other origin before a request is made', async () => {
    seen.length = 0;
    await expect(only('http://127.0.0.1:4001/v1/chat/completions')).rejects.toThrow(
      'refused: the agent may call only http://127.0.0.1:4000, not http://127.0.0.1:4001',
    );
    await expect(only(new URL('https://huggingface.co/oauth/token'))).rejects.toThrow(
      'refused: the agent may call only http://127.0.0.1:4000, not https://huggingface.co',
    );
    await expect(only('/v1/chat/completions')).rejects.toThrow('refused: /v1/chat/completions is not an absolute URL');
    expect(seen).toEqual([]);
  });
});
