// What a rewrite rule may assume about where a match sits: whether a comparison can be swapped for another in place,
// and whether a predicate only filters rows (where NULL and false mean the same). Shared by the rule files.
import { type ColumnTypes, type Token, isWord } from './sql-text.ts';

/** One replacement in the query text. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** What a rule sees: the query, its tokens and what is known of its column types. */
export interface RuleInput {
  sql: string;
  t: Token[];
  types: ColumnTypes;
}

/** A rewrite rule: the issue it fixes, what it does (one line, shown in summaries and help) and its edits. */
export interface RewriteRule {
  name: string;
  issue: string;
  does: string;
  edits(input: RuleInput): Edit[];
}

// Tokens that bind more loosely than a comparison on either side of one: a comparison between them can be swapped for
// another comparison without parentheses.
const LOOSE_BEFORE = new Set(['where', 'and', 'or', 'on', 'having', 'qualify', 'when', 'then', 'else', 'not', 'select']);
const LOOSE_AFTER = new Set([
  'and',
  'or',
  'then',
  'else',
  'end',
  'when',
  'group',
  'order',
  'limit',
  'having',
  'qualify',
  'window',
  'union',
  'except',
  'intersect',
  'offset',
  'where',
  'as',
  'from',
  'join',
  'left',
  'right',
  'inner',
  'full',
  'cross',
]);

const edge = (tok: Token | undefined, words: Set<string>) =>
  !tok || tok.kind === 'comma' || tok.kind === 'semi' || (tok.kind === 'word' && words.has(tok.low));

/** The AND before `i` belongs to a BETWEEN (`x BETWEEN a AND <here>`), whose bound would swallow what follows. */
function betweenPending(t: Token[], i: number): boolean {
  const d = t[i].depth;
  let pending = 0;
  for (let j = clauseStart(t, i); j < i - 1; j++) {
    if (t[j].depth !== d) continue;
    if (isWord(t[j], 'between')) pending++;
    else if (isWord(t[j], 'and') && pending > 0) pending--;
  }
  return pending > 0 && isWord(t[i - 1], 'and');
}

/** Index of the first token of the clause `i` is in (after its keyword), at i's depth. */
function clauseStart(t: Token[], i: number): number {
  const d = t[i].depth;
  for (let j = i - 1; j >= 0; j--) {
    if (t[j].depth < d) return j + 1;
    if (t[j].depth === d && isWord(t[j], 'select', 'where', 'on', 'having', 'qualify', 'from', 'by')) return j + 1;
  }
  return 0;
}

/** Tokens i..j-1 form a comparison that another comparison can replace as text (same value, NULL included). */
export function swappable(t: Token[], i: number, j: number): boolean {
  const before = t[i - 1];
  const okBefore = !before || before.kind === 'open' || edge(before, LOOSE_BEFORE);
  const after = t[j];
  const okAfter = !after || after.kind === 'close' || edge(after, LOOSE_AFTER);
  return okBefore && okAfter && !betweenPending(t, i);
}

/**
 * Tokens i..j-1 form a predicate that only filters rows: a conjunct or disjunct of a WHERE, ON, HAVING or QUALIFY at
 * the same depth, under no NOT or CASE. There a NULL and a false verdict drop the row alike, so a replacement needs
 * the same verdict only on rows where the original's is true or false.
 */
export function filtering(t: Token[], i: number, j: number): boolean {
  const before = t[i - 1];
  if (!swappable(t, i, j) || !isWord(before, 'where', 'on', 'having', 'qualify', 'and', 'or')) return false;
  const d = t[i].depth;
  for (let k = i - 1; k >= 0; k--) {
    if (t[k].depth < d) return false; // inside parentheses: the group may sit under a NOT
    if (t[k].depth > d) continue;
    if (isWord(t[k], 'where', 'on', 'having', 'qualify')) return true;
    if (isWord(t[k], 'select', 'from', 'case', 'when', 'then', 'else', 'end')) return false;
  }
  return false;
}

/** The clause has an OR at this depth: a range replacing one predicate then needs parentheses. */
export function hasOrAround(t: Token[], i: number): boolean {
  const d = t[i].depth;
  const ends = (tok: Token) =>
    tok.depth < d || (tok.depth === d && isWord(tok, 'group', 'order', 'limit', 'having', 'qualify', 'window', 'union', 'join', 'where'));
  for (let k = i; k < t.length && !ends(t[k]); k++) if (t[k].depth === d && isWord(t[k], 'or')) return true;
  for (let k = i - 1; k >= 0 && !ends(t[k]) && !isWord(t[k], 'where', 'on'); k--) if (t[k].depth === d && isWord(t[k], 'or')) return true;
  return false;
}
