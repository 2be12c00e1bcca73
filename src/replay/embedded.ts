// Where a standalone viewer file keeps its replay: a <script type="application/json"> element, read as text, never run.

/** The id of the data element (the viewer reads it; the exporter fills it). */
export const EMBED_ID = 'sql-optim-env-replay';

/** The embedded replay text of this page, or null when the page carries none (the hosted viewer). */
export function readEmbedded(doc: Document): string | null {
  const text = doc.getElementById(EMBED_ID)?.textContent ?? '';
  return text.trim() ? text : null;
}
