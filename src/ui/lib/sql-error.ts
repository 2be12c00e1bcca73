// Finds where a DuckDB error points: its "LINE n:" block and the caret under the offending token.

/** A 1-based position in the rewrite, and the message without DuckDB's quoted source line. */
export interface ErrorLocation {
  line: number;
  column: number;
  message: string;
}

const LINE_RE = /^LINE (\d+):( ?)(.*)$/m;

/** The location an error message names, or null when it names none. */
export function locateError(message: string): ErrorLocation | null {
  const m = LINE_RE.exec(message);
  if (!m) return null;
  const line = Number(m[1]);
  // DuckDB prints the source after "LINE n: " and a caret line padded to the same prefix.
  const prefix = `LINE ${m[1]}:${m[2]}`.length;
  const after = message.slice(m.index + m[0].length + 1).split('\n')[0] ?? '';
  const caret = after.indexOf('^');
  const column = caret >= prefix ? caret - prefix + 1 : 1;
  const text = message
    .split('\n')
    .filter((l) => !/^LINE \d+:/.test(l) && !/^\s*\^\s*$/.test(l))
    .join('\n')
    .trim();
  return { line, column, message: text || message };
}
