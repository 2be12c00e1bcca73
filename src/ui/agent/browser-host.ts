// The Agent panel's host in the browser: this tab's sessionStorage, the page's own CSP and origin, the Space's OAuth app.
import type { AgentHost } from '../state/agent.svelte.ts';
import type { Session } from '../state/session.svelte.ts';
import { pageSpaceOAuth } from './hf-oauth.ts';
import { pageConnectSources } from './origins.ts';

/** The host of the page's Agent panel. */
export function browserAgentHost(session: Session): AgentHost {
  let storage: Storage | null = null;
  try {
    storage = globalThis.sessionStorage ?? null;
  } catch {
    // storage refused (a sandboxed frame): keys then live in memory only, and sign-in is not offered
  }
  return {
    session,
    storage,
    page: { sources: pageConnectSources(), self: location.origin },
    oauth: storage ? pageSpaceOAuth() : null,
    fetch: (input, init) => fetch(input, init),
    location: () => new URL(location.href),
    navigate: (url) => location.assign(url),
    replaceUrl: (url) => history.replaceState(history.state, '', url),
  };
}
