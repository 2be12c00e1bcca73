// Share links: a replay compressed (deflate-raw, the platform's CompressionStream) and base64url-encoded in the URL fragment.
import { type Replay, ReplayError, parseReplay } from './format.ts';

export const LINK_KEY = 'replay';
/**
 * Longest fragment we hand out. Browsers accept far longer URLs, but chat apps, mail clients and QR codes cut long
 * links silently; past this size a file is the honest way to share.
 */
export const MAX_LINK_CHARS = 60_000;

async function pipe(data: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([data as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new ReplayError('the link is damaged (it holds characters a replay link never has)');
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** The fragment (without '#') that carries `replay`; throws ReplayError when it would be too long for a link. */
export async function encodeLink(replay: Replay): Promise<string> {
  const packed = toBase64Url(await pipe(new TextEncoder().encode(JSON.stringify(replay)), new CompressionStream('deflate-raw')));
  const fragment = `${LINK_KEY}=${packed}`;
  if (fragment.length > MAX_LINK_CHARS)
    throw new ReplayError(
      `this replay is ${Math.ceil(fragment.length / 1024)} KB even compressed; links hold at most ${MAX_LINK_CHARS / 1000} KB. Export it as a file instead.`,
    );
  return fragment;
}

/** The replay in a fragment like 'replay=…' (a leading '#' is fine), or null when the fragment carries none. */
export async function decodeLink(fragment: string): Promise<Replay | null> {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const packed = params.get(LINK_KEY);
  if (packed === null) return null;
  let text: string;
  try {
    text = new TextDecoder().decode(await pipe(fromBase64Url(packed), new DecompressionStream('deflate-raw')));
  } catch (e) {
    if (e instanceof ReplayError) throw e;
    throw new ReplayError('the link is damaged or cut short (its replay does not decompress); ask for the link again or for the file');
  }
  return parseReplay(text);
}
