// Embedding a replay in the standalone viewer: inert inside its <script> element, read back unchanged.
import { describe, expect, it } from 'vitest';
import { EMBED_SLOT, embedReplay, extractEmbedded, scriptSafeJson } from './standalone.ts';
import { makeReplay, parseReplay } from './format.ts';

const TEMPLATE = `<html><body>${EMBED_SLOT}<script type="module">run()</script></body></html>`;
const replay = makeReplay({
  version: '0.1.0',
  engine: 'test',
  dataset: { seed: 42, scale: 1 },
  policy: '</script><script>alert(1)</script><!-- $& $1 $$',
  details: '\u2028 line separators and "quotes"',
  episodes: [],
  now: new Date(0),
});

describe('standalone embedding', () => {
  it('writes no "<" inside the data, so nothing can close the element or open a comment', () => {
    const json = scriptSafeJson(replay);
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual(replay);
  });

  it('fills the one slot and reads the same replay back, replacement patterns and all', () => {
    const html = embedReplay(TEMPLATE, replay);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html.endsWith('<script type="module">run()</script></body></html>')).toBe(true);
    expect(JSON.parse(extractEmbedded(html)!)).toEqual(replay);
    expect(() => parseReplay(extractEmbedded(html)!)).toThrow(/replay.episodes must have at least 1 entry/); // still validated on the way in
  });

  it('refuses a page that is not a viewer template', () => {
    expect(() => embedReplay('<html></html>', replay)).toThrow(/not a replay viewer template/);
    expect(() => embedReplay(TEMPLATE + EMBED_SLOT, replay)).toThrow(/exactly one/);
    expect(extractEmbedded(TEMPLATE)).toBeNull();
    expect(extractEmbedded('<html><body>hello</body></html>')).toBeNull();
  });
});
