// "Sign in with Hugging Face" on a static Space (README front matter `hf_oauth: true`, scope inference-api): the Space
// puts its OAuth app in `window.huggingface.variables`; the page runs the authorization-code flow with PKCE (no client
// secret) by plain redirects and one token request, as @huggingface/hub's oauthLoginUrl / oauthHandleRedirectIfPresent do.
// The token is then the key for the Hugging Face router, calls billed to the person's own account.

/** The Space's OAuth app, as a static Space exposes it to the page. */
export interface SpaceOAuth {
  clientId: string;
  scopes: string;
  /** https://huggingface.co; its OpenID configuration names the authorize and token endpoints */
  providerUrl: string;
}

import { fetchOnly } from './origins.ts';

/** The scope that lets a token call Inference Providers through the router. */
export const INFERENCE_SCOPE = 'inference-api';

/** The Space's OAuth app from `window.huggingface.variables`, or null off a Space (or a Space without hf_oauth). */
export function spaceOAuth(variables: unknown): SpaceOAuth | null {
  if (typeof variables !== 'object' || variables === null) return null;
  const v = variables as Record<string, unknown>;
  const clientId = typeof v.OAUTH_CLIENT_ID === 'string' ? v.OAUTH_CLIENT_ID.trim() : '';
  if (!clientId) return null;
  const scopes = typeof v.OAUTH_SCOPES === 'string' && v.OAUTH_SCOPES.trim() ? v.OAUTH_SCOPES.trim() : 'openid profile';
  const providerUrl = typeof v.OPENID_PROVIDER_URL === 'string' && v.OPENID_PROVIDER_URL ? v.OPENID_PROVIDER_URL : 'https://huggingface.co';
  return { clientId, scopes, providerUrl: providerUrl.replace(/\/+$/, '') };
}

/** The variables a static Space injected into this page, if any. */
export function pageSpaceOAuth(): SpaceOAuth | null {
  const w = globalThis as { huggingface?: { variables?: unknown } };
  return spaceOAuth(w.huggingface?.variables);
}

/** The scopes to ask for: the Space's, which must include inference-api for the router. */
export function hasInferenceScope(o: SpaceOAuth): boolean {
  return o.scopes.split(/\s+/).includes(INFERENCE_SCOPE);
}

/** What survives the round trip to huggingface.co, in sessionStorage (this tab only): not a key, a one-time proof. */
interface Pending {
  verifier: string;
  nonce: string;
  redirectUri: string;
}
const PENDING_KEY = 'sql-optim-env:hf-oauth-pending';

/** A signed-in session: the token (the router key), when it runs out, and who it is, when the id token says. */
export interface HfSession {
  token: string;
  expiresAt: number;
  user: string | null;
}

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The PKCE S256 challenge of a verifier. */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** A random verifier (43 characters, the least PKCE allows, from 32 random bytes). */
export function randomVerifier(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Where to come back to: this page without its query or fragment (any URL of the Space is allowed). */
export function redirectUriOf(here: URL): string {
  return here.origin + here.pathname;
}

interface OpenIdConfig {
  authorization_endpoint: string;
  token_endpoint: string;
}

async function openIdConfig(o: SpaceOAuth, doFetch: typeof fetch): Promise<OpenIdConfig> {
  const res = await doFetch(`${o.providerUrl}/.well-known/openid-configuration`, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`the sign-in service answered HTTP ${res.status}`);
  const c = (await res.json()) as Partial<OpenIdConfig>;
  if (typeof c.authorization_endpoint !== 'string' || typeof c.token_endpoint !== 'string')
    throw new Error('the sign-in service did not name its endpoints');
  return c as OpenIdConfig;
}

/** The authorize URL for a prepared sign-in. Pure. */
export async function authorizeUrl(endpoint: string, o: SpaceOAuth, p: Pending): Promise<string> {
  const params = new URLSearchParams({
    client_id: o.clientId,
    scope: o.scopes,
    response_type: 'code',
    redirect_uri: p.redirectUri,
    state: JSON.stringify({ nonce: p.nonce }),
    code_challenge: await pkceChallenge(p.verifier),
    code_challenge_method: 'S256',
  });
  return `${endpoint}?${params}`;
}

/** A fetch that calls only the sign-in provider's origin (huggingface.co). */
function providerOnly(o: SpaceOAuth, inner: typeof fetch): typeof fetch {
  return fetchOnly(new URL(o.providerUrl).origin, inner);
}

/** Prepares a sign-in and returns the URL to send the person to (the caller navigates). */
export async function beginSignIn(o: SpaceOAuth, here: URL, storage: Storage, inner: typeof fetch = fetch): Promise<string> {
  const config = await openIdConfig(o, providerOnly(o, inner));
  const pending: Pending = { verifier: randomVerifier(), nonce: crypto.randomUUID(), redirectUri: redirectUriOf(here) };
  storage.setItem(PENDING_KEY, JSON.stringify(pending));
  return authorizeUrl(config.authorization_endpoint, o, pending);
}

/** What the page's URL says after the round trip. Pure. */
export type Returned = { kind: 'none' } | { kind: 'error'; message: string } | { kind: 'code'; code: string; nonce: string | null };

export function readReturn(here: URL): Returned {
  const q = here.searchParams;
  if (q.has('error')) return { kind: 'error', message: `${q.get('error')}: ${q.get('error_description') ?? 'no description'}` };
  const code = q.get('code');
  if (!code || !q.has('state')) return { kind: 'none' };
  let nonce: string | null = null;
  try {
    const s = JSON.parse(q.get('state') ?? '') as { nonce?: unknown };
    nonce = typeof s.nonce === 'string' ? s.nonce : null;
  } catch {
    // a state we did not write: refused below
  }
  return { kind: 'code', code, nonce };
}

/** The URL without the sign-in's query parameters (what the address bar should show afterwards). Pure. */
export function withoutReturn(here: URL): string {
  const u = new URL(here.href);
  for (const k of ['code', 'state', 'error', 'error_description']) u.searchParams.delete(k);
  return u.pathname + u.search + u.hash;
}

/** The user name in an id token's payload (display only: the token itself is never shown), or null. */
export function userOfIdToken(idToken: unknown): string | null {
  if (typeof idToken !== 'string') return null;
  try {
    const payload = idToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(payload)) as { preferred_username?: unknown; name?: unknown };
    const name = claims.preferred_username ?? claims.name;
    return typeof name === 'string' ? name : null;
  } catch {
    return null;
  }
}

/**
 * Finishes a sign-in when the page came back from huggingface.co: checks the state, exchanges the code for a token.
 * Resolves null when this page load is not a return from sign-in; throws with a message on a failed sign-in.
 */
export async function finishSignIn(o: SpaceOAuth, here: URL, storage: Storage, inner: typeof fetch = fetch): Promise<HfSession | null> {
  const doFetch = providerOnly(o, inner);
  const back = readReturn(here);
  if (back.kind === 'none') return null;
  const saved = storage.getItem(PENDING_KEY);
  storage.removeItem(PENDING_KEY);
  if (back.kind === 'error') throw new Error(`sign-in was not completed (${back.message})`);
  // A reload of the returned URL, or a code meant for another tab: nothing to finish.
  if (!saved) return null;
  const pending = JSON.parse(saved) as Pending;
  if (back.nonce !== pending.nonce) throw new Error('sign-in answered for another attempt; please sign in again');
  const config = await openIdConfig(o, doFetch);
  const res = await doFetch(config.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: back.code,
      redirect_uri: pending.redirectUri,
      code_verifier: pending.verifier,
      client_id: o.clientId,
    }).toString(),
  });
  // The body is not quoted: a token endpoint's error text is no business of the page.
  if (!res.ok) throw new Error(`the token exchange failed (HTTP ${res.status}); please sign in again`);
  const t = (await res.json()) as { access_token?: unknown; expires_in?: unknown; id_token?: unknown };
  if (typeof t.access_token !== 'string') throw new Error('the sign-in gave no access token; please sign in again');
  const ttl = typeof t.expires_in === 'number' ? t.expires_in : 8 * 3600;
  return { token: t.access_token, expiresAt: Date.now() + ttl * 1000, user: userOfIdToken(t.id_token) };
}
