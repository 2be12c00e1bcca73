// The standalone viewer file: a template page (built once, see viewer-build.ts) with one replay embedded as inert JSON.
import type { Replay } from './format.ts';
import { EMBED_ID } from './embedded.ts';

/** The empty data element the template carries; embedding fills it. */
export const EMBED_SLOT = `<script type="application/json" id="${EMBED_ID}"></script>`;

/**
 * JSON that is safe inside an HTML <script> element: every `<` becomes \u003c, so no `</script>` or `<!--` in a
 * replay's text can end the element or start markup. JSON.parse reads it back unchanged.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The template with `replay` in its data element. Throws when the template is not a viewer template. */
export function embedReplay(template: string, replay: Replay): string {
  const at = template.indexOf(EMBED_SLOT);
  if (at < 0 || template.indexOf(EMBED_SLOT, at + 1) >= 0)
    throw new Error('not a replay viewer template (it must hold exactly one empty replay slot)');
  // Slicing, not String.replace: a replacement string would give `$&` and friends in the replay a meaning.
  const open = EMBED_SLOT.slice(0, -'</script>'.length);
  return template.slice(0, at) + open + scriptSafeJson(replay) + '</script>' + template.slice(at + EMBED_SLOT.length);
}

/** The replay text inside a standalone viewer file (so the app can import an exported .html), or null. */
export function extractEmbedded(html: string): string | null {
  const open = `<script type="application/json" id="${EMBED_ID}">`;
  const at = html.indexOf(open);
  if (at < 0) return null;
  const end = html.indexOf('</script>', at + open.length);
  if (end < 0) return null;
  const text = html.slice(at + open.length, end);
  return text.trim() ? text : null;
}
