// Which origins the Agent panel may call. The built page's Content-Security-Policy (connect-src) is the one list: the
// build writes it (vite.config.ts: the defaults plus AGENT_ORIGINS), the panel reads it back to check an endpoint
// before Start, and the panel's fetch refuses every origin but the one the person chose.

/**
 * What every build allows besides 'self': the Hugging Face router (models on the person's own account), huggingface.co
 * (only for "Sign in with Hugging Face" on a Space: discovery and the token exchange), and servers on this machine.
 */
export const DEFAULT_AGENT_ORIGINS: readonly string[] = [
  'https://router.huggingface.co',
  'https://huggingface.co',
  'http://localhost:*',
  'http://127.0.0.1:*',
];

/** The build variable that adds origins (space- or comma-separated), e.g. AGENT_ORIGINS="https://api.openai.com". */
export const ORIGINS_VARIABLE = 'AGENT_ORIGINS';

// A CSP host source without path: scheme, host (optionally "*." for subdomains), optional port or ":*". Nothing that
// could end the directive (";", quotes, spaces) gets through, so an origin list cannot widen another directive.
const SOURCE = /^(https?):\/\/(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?$/i;

/** The origins of a build variable, each checked; throws naming the first entry that is not an origin. */
export function parseOriginList(text: string | undefined): string[] {
  const entries = (text ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((e) => e.replace(/\/$/, ''));
  for (const e of entries)
    if (!SOURCE.test(e))
      throw new Error(
        `${ORIGINS_VARIABLE}: ${JSON.stringify(e)} is not an origin; write scheme://host with an optional :port or :*, ` +
          'no path (e.g. https://api.openai.com or http://192.168.1.20:8080)',
      );
  return entries.map((e) => e.toLowerCase());
}

/** The defaults plus the variable's origins, without repeats, in that order. */
export function agentOrigins(extra: string | undefined): string[] {
  return [...new Set([...DEFAULT_AGENT_ORIGINS, ...parseOriginList(extra)])];
}

/** The page's HTML with `origins` added to its CSP's connect-src; throws unless it holds `connect-src 'self'` once. */
export function withAgentOrigins(html: string, origins: readonly string[]): string {
  const marker = "connect-src 'self'";
  const at = html.indexOf(marker);
  if (at < 0 || html.indexOf(marker, at + 1) >= 0)
    throw new Error(`index.html must hold "${marker}" exactly once (in its Content-Security-Policy meta tag)`);
  return html.slice(0, at) + [marker, ...origins].join(' ') + html.slice(at + marker.length);
}

/** The connect-src sources of a CSP text ('self' included); an empty list when there is no such directive. */
export function connectSources(csp: string): string[] {
  for (const directive of csp.split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name?.toLowerCase() === 'connect-src') return sources;
  }
  return [];
}

/** The connect-src of the page's own CSP meta tag (empty in a page without one, such as a unit test). */
export function pageConnectSources(doc: Document | undefined = globalThis.document): string[] {
  const meta = doc?.querySelector('meta[http-equiv="Content-Security-Policy"]');
  return connectSources(meta?.getAttribute('content') ?? '');
}

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** Whether `url` matches one CSP source (CSP Level 3 host-source rules, restricted to what SOURCE accepts). */
function matches(url: URL, source: string, self: string): boolean {
  if (source === "'self'") return url.origin === self;
  const m = SOURCE.exec(source);
  if (!m) return false;
  const [, rawScheme, wildcard, host, port] = m;
  const scheme = `${rawScheme.toLowerCase()}:`;
  // An http: source also allows the https: upgrade of the same host (and its default port); never the other way round.
  const upgraded = scheme === 'http:' && url.protocol === 'https:';
  if (url.protocol !== scheme && !upgraded) return false;
  const h = host.toLowerCase();
  if (wildcard ? !url.hostname.endsWith(`.${h}`) : url.hostname !== h) return false;
  if (port === '*') return true;
  const urlPort = url.port || DEFAULT_PORT[url.protocol];
  if (port) return urlPort === port;
  return urlPort === DEFAULT_PORT[scheme] || (upgraded && urlPort === DEFAULT_PORT['https:']);
}

/** Whether the page's connect-src lets it call `url`. */
export function allowedBy(url: URL, sources: readonly string[], self: string): boolean {
  return sources.some((s) => matches(url, s, self));
}

/** The chosen endpoint, checked before Start: a plain http(s) URL, no credentials or query in it, allowed by the CSP. */
export type EndpointCheck = { ok: true; url: URL; origin: string } | { ok: false; message: string };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a URL names this machine (where a key is optional and http is fine). */
export function isLocal(url: URL): boolean {
  return LOCAL_HOSTS.has(url.hostname);
}

/** Whether a URL text names this machine; false for text that is not a URL. */
export function isLocalUrl(text: string): boolean {
  try {
    return isLocal(new URL(text.trim()));
  } catch {
    return false;
  }
}

/** Checks a base URL against the page's CSP sources; `self` is the page's origin. */
export function checkEndpoint(baseUrl: string, sources: readonly string[], self: string): EndpointCheck {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return { ok: false, message: `"${baseUrl.trim()}" is not a URL; a base URL looks like http://localhost:11434/v1` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, message: `the base URL must start with http:// or https:// (got ${url.protocol})` };
  // The key goes in the key field: a URL is shown, logged and stored in ways a key must not be.
  if (url.username || url.password)
    return { ok: false, message: 'the base URL must not hold a user name or password; put the key in the key field' };
  if (url.search || url.hash)
    return { ok: false, message: 'the base URL must not have a query (?…) or fragment (#…); put a key in the key field' };
  if (self.startsWith('https:') && url.protocol === 'http:' && !isLocal(url))
    return { ok: false, message: `this page is served over https, so the browser blocks plain http to ${url.host}; use https` };
  if (!allowedBy(url, sources, self)) {
    const allowed = sources.filter((s) => s !== "'self'").join(', ') || 'none';
    return {
      ok: false,
      message:
        `this page may call only these agent origins: ${allowed}. ${url.origin} is not one of them: build the page with ` +
        `${ORIGINS_VARIABLE}="${url.origin}" (see docs/agent.md)`,
    };
  }
  return { ok: true, url, origin: url.origin };
}

/** A fetch that calls only `origin` and refuses anything else before a request is made (a redirect included). */
export function fetchOnly(origin: string, inner: typeof fetch): typeof fetch {
  return (input, init) => {
    const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    let target: string;
    try {
      target = new URL(raw).origin;
    } catch {
      return Promise.reject(new TypeError(`refused: ${raw} is not an absolute URL`));
    }
    if (target !== origin) return Promise.reject(new TypeError(`refused: the agent may call only ${origin}, not ${target}`));
    // A redirect to another origin would escape the check; the chat API never redirects.
    return inner(input, { ...init, redirect: 'error' });
  };
}
