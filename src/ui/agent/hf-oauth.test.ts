// "Sign in with Hugging Face": the Space's variables, the PKCE challenge, the authorize URL, and reading the return.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  authorizeUrl,
  hasInferenceScope,
  pkceChallenge,
  randomVerifier,
  readReturn,
  spaceOAuth,
  userOfIdToken,
  withoutReturn,
} from './hf-oauth.ts';

describe('spaceOAuth', () => {
  it('is null off a Space, or on a Space without hf_oauth', () => {
    expect(spaceOAuth(undefined)).toBeNull();
    expect(spaceOAuth({ SPACE_ID: 'me/app' })).toBeNull();
  });
  it("reads the Space's OAuth app", () => {
    const o = spaceOAuth({
      OAUTH_CLIENT_ID: 'cid',
      OAUTH_SCOPES: 'openid profile inference-api',
      OPENID_PROVIDER_URL: 'https://huggingface.co/',
    });
    expect(o).toEqual({ clientId: 'cid', scopes: 'openid profile inference-api', providerUrl: 'https://huggingface.co' });
    expect(hasInferenceScope(o!)).toBe(true);
    expect(hasInferenceScope(spaceOAuth({ OAUTH_CLIENT_ID: 'cid' })!)).toBe(false);
  });
});

const VERIFIER = 'dBjftJeZ4CVP-mJ92IqIDB6UUJWFvz9n_T4Q_3_FtK4';

describe('PKCE', () => {
  it('computes S256 as base64url(sha256(verifier)), as Node computes it', async () => {
    for (const v of [VERIFIER, randomVerifier()]) expect(await pkceChallenge(v)).toBe(createHash('sha256').update(v).digest('base64url'));
  });
  it('makes verifiers of 43 URL-safe characters', () => {
    expect(randomVerifier()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('the round trip', () => {
  const o = { clientId: 'cid', scopes: 'openid profile inference-api', providerUrl: 'https://huggingface.co' };

  it('asks for a code with the S256 challenge, the scopes and a nonce in the state', async () => {
    const url = new URL(
      await authorizeUrl('https://huggingface.co/oauth/authorize', o, {
        verifier: VERIFIER,
        nonce: 'n1',
        redirectUri: 'https://me-app.hf.space/',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://huggingface.co/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'cid',
      scope: 'openid profile inference-api',
      response_type: 'code',
      redirect_uri: 'https://me-app.hf.space/',
      state: '{"nonce":"n1"}',
      code_challenge: 'h8y5OiYernHdG9pWEoIdBycKgWIO4KJt0VR4KWX3SOo',
      code_challenge_method: 'S256',
    });
  });

  it('reads the code and nonce, or the error, from the returned URL, and tidies the URL afterwards', () => {
    const back = new URL('https://me-app.hf.space/?hard_deadline_ms=9000&code=c1&state=%7B%22nonce%22%3A%22n1%22%7D#replay=x');
    expect(readReturn(back)).toEqual({ kind: 'code', code: 'c1', nonce: 'n1' });
    expect(withoutReturn(back)).toBe('/?hard_deadline_ms=9000#replay=x');
    expect(readReturn(new URL('https://me-app.hf.space/?error=access_denied&error_description=no'))).toEqual({
      kind: 'error',
      message: 'access_denied: no',
    });
    expect(readReturn(new URL('https://me-app.hf.space/?code=c1'))).toEqual({ kind: 'none' });
  });

  it("shows the user's name from the id token, never more", () => {
    const payload = btoa(JSON.stringify({ preferred_username: 'ada', sub: '1' })).replace(/=+$/, '');
    expect(userOfIdToken(`h.${payload}.s`)).toBe('ada');
    expect(userOfIdToken('garbage')).toBeNull();
    expect(userOfIdToken(undefined)).toBeNull();
  });
});
