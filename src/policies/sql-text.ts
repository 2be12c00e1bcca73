// SQL as tokens for the rule policy: strings and comments are opaque, every token knows its parenthesis depth, and column
// types come from the observation's schema text. Enough to rewrite by rule without mistaking a string for SQL.

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'op' | 'open' | 'close' | 'comma' | 'semi' | 'dot';

export interface Token {
  kind: TokenKind;
  text: string;
  /** lower-case text, for keyword tests */
  low: string;
  start: number;
  end: number;
  /** parentheses around the token; an open or close parenthesis has the depth outside it */
  depth: number;
}

const OPS = ['::', '<=', '>=', '<>', '!=', '||', '->', '=', '<', '>', '+', '-', '*', '/', '%', '~', '!', '^', '&', '|', '@', '?', ':'];

/** Tokens of `sql` without whitespace and comments. Unterminated strings or comments run to the end. */
export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let depth = 0;
  let i = 0;
  const push = (kind: TokenKind, end: number, d = depth) => {
    const text = sql.slice(i, end);
    out.push({ kind, text, low: text.toLowerCase(), start: i, end, depth: d });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i];
    const rest = sql.slice(i);
    if (/\s/.test(c)) i++;
    else if (rest.startsWith('--')) i = lineEnd(sql, i);
    else if (rest.startsWith('/*')) i = sql.includes('*/', i + 2) ? sql.indexOf('*/', i + 2) + 2 : sql.length;
    else if (c === "'" || c === '"') push(c === "'" ? 'string' : 'quoted', quoteEnd(sql, i));
    else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? '')))
      push('number', i + /^[0-9.]+(e[+-]?[0-9]+)?/i.exec(rest)![0].length);
    else if (/[A-Za-z_]/.test(c)) push('word', i + /^[A-Za-z_][A-Za-z0-9_$]*/.exec(rest)![0].length);
    else if (c === '(') push('open', i + 1, depth++);
    else if (c === ')') push('close', i + 1, --depth);
    else if (c === ',') push('comma', i + 1);
    else if (c === ';') push('semi', i + 1);
    else if (c === '.') push('dot', i + 1);
    else push('op', i + (OPS.find((o) => rest.startsWith(o))?.length ?? 1));
  }
  return out;
}

function lineEnd(sql: string, i: number): number {
  const n = sql.indexOf('\n', i);
  return n < 0 ? sql.length : n;
}

/** End of a quoted string or identifier starting at i; a doubled quote is part of it. */
function quoteEnd(sql: string, i: number): number {
  const q = sql[i];
  let j = i + 1;
  while (j < sql.length) {
    if (sql[j] === q && sql[j + 1] === q) j += 2;
    else if (sql[j] === q) return j + 1;
    else j++;
  }
  return sql.length;
}

/** Index of the parenthesis closing the one opened at `open`, or -1. */
export function closing(t: Token[], open: number): number {
  for (let j = open + 1; j < t.length; j++) if (t[j].kind === 'close' && t[j].depth === t[open].depth) return j;
  return -1;
}

/** Index of the parenthesis opening the scope `i` is in, or -1 at the top level. */
export function opening(t: Token[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if (t[j].kind === 'open' && t[j].depth < t[i].depth) return j;
  return -1;
}

/** The value of a plain string literal token, or null for anything else. */
export function stringValue(tok: Token | undefined): string | null {
  return tok?.kind === 'string' && tok.text.endsWith("'") && tok.text.length >= 2 ? tok.text.slice(1, -1).replace(/''/g, "'") : null;
}

export const isWord = (tok: Token | undefined, ...words: string[]) => tok?.kind === 'word' && words.includes(tok.low);

/** A column reference at i: `name` or `qualifier.name`, with the index after it. */
export interface ColumnRef {
  qualifier: string | null;
  name: string;
  text: string;
  next: number;
}

export function columnAt(t: Token[], i: number): ColumnRef | null {
  if (t[i]?.kind !== 'word' || KEYWORDS.has(t[i].low)) return null;
  if (t[i + 1]?.kind === 'dot' && t[i + 2]?.kind === 'word')
    return { qualifier: t[i].low, name: t[i + 2].low, text: `${t[i].text}.${t[i + 2].text}`, next: i + 3 };
  if (t[i + 1]?.kind === 'open' || t[i - 1]?.kind === 'dot') return null; // a function call, or the tail of a.b
  return { qualifier: null, name: t[i].low, text: t[i].text, next: i + 1 };
}

/** Words that never name a column or an alias. */
export const KEYWORDS = new Set(
  (
    'select from where and or not on join left right inner outer full cross natural using group by order having qualify ' +
    'window limit offset union except intersect all distinct as case when then else end between in is null like ilike ' +
    'exists with recursive lateral asc desc nulls first last over partition rows range filter interval date timestamp cast ' +
    'true false semi anti asof positional values'
  ).split(' '),
);

/** Table → column → type, read from schema_info lines `name (N rows): col TYPE, col TYPE(10,2), …`. */
export type Schema = Map<string, Map<string, string>>;

export function parseSchema(schemaInfo: string): Schema {
  const schema: Schema = new Map();
  for (const line of schemaInfo.split('\n')) {
    const m = /^\s*(\w+)\s*(?:\([^)]*\))?\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const cols = new Map<string, string>();
    for (const c of m[2].split(/,(?![^(]*\))/)) {
      const cm = /^\s*(\w+)\s+(.+?)\s*$/.exec(c);
      if (cm) cols.set(cm[1].toLowerCase(), cm[2].toUpperCase());
    }
    schema.set(m[1].toLowerCase(), cols);
  }
  return schema;
}

const INTEGER = /^(U?(TINY|SMALL|BIG|HUGE)INT|U?INTEGER|INT[1248]?)$/;
export const isIntegerType = (type: string | null) => type !== null && INTEGER.test(type);

/**
 * Types of the columns a query names, as far as they can be known from its text: a qualified name through its alias
 * to a base table; a bare name only when every relation of the query is a base table (no CTE, subquery or table
 * function could define it otherwise) and every base table that has the column gives it the same type.
 */
export class ColumnTypes {
  private readonly aliases = new Map<string, Set<string>>();
  private readonly tables = new Set<string>();
  private derived = false;
  /** names of CTEs and subquery aliases: a column qualified by one is not a base table's */
  private readonly shadowed = new Set<string>();

  constructor(
    private readonly schema: Schema,
    t: Token[],
  ) {
    // `FROM (…) [AS] alias`: the parenthesis before the alias opened right after FROM, JOIN or a comma.
    const relationClose = (k: number) => {
      if (t[k]?.kind !== 'close') return false;
      let open = k - 1;
      while (open >= 0 && !(t[open].kind === 'open' && t[open].depth === t[k].depth)) open--;
      return isWord(t[open - 1], 'from', 'join', 'lateral') || t[open - 1]?.kind === 'comma';
    };
    t.forEach((tok, i) => {
      const cte = isWord(t[i + 1], 'as') && t[i + 2]?.kind === 'open';
      const subqueryAlias = relationClose(i - 1) || (isWord(t[i - 1], 'as') && relationClose(i - 2));
      if (tok.kind === 'word' && !KEYWORDS.has(tok.low) && (cte || subqueryAlias)) this.shadowed.add(tok.low);
    });
    t.forEach((tok, i) => {
      const prev = t[i - 1];
      if (isWord(tok, 'with')) this.derived = true;
      if (tok.kind === 'open' && (isWord(prev, 'from', 'join', 'lateral') || (prev?.kind === 'comma' && isWord(t[i + 1], 'select'))))
        this.derived = true;
      if (tok.kind !== 'word' || !(isWord(prev, 'from', 'join') || prev?.kind === 'comma')) return;
      if (isWord(t[opening(t, i) - 1], 'extract', 'trim', 'substring', 'overlay', 'position')) return; // FROM inside a call
      if (!schema.has(tok.low) || this.shadowed.has(tok.low)) {
        if (!isWord(prev, 'from', 'join')) return;
        this.derived = true; // a CTE, a view we do not know, or a table function
        return;
      }
      this.tables.add(tok.low);
      this.bind(tok.low, tok.low);
      const a = isWord(t[i + 1], 'as') ? t[i + 2] : t[i + 1];
      if (a?.kind === 'word' && !KEYWORDS.has(a.low)) this.bind(a.low, tok.low);
    });
  }

  private bind(alias: string, table: string) {
    if (!this.aliases.has(alias)) this.aliases.set(alias, new Set());
    this.aliases.get(alias)!.add(table);
  }

  /** The column's type, or null when the text does not settle it. */
  typeOf(ref: ColumnRef): string | null {
    if (ref.qualifier !== null && this.shadowed.has(ref.qualifier)) return null;
    const tables = ref.qualifier === null ? (this.derived ? [] : [...this.tables]) : [...(this.aliases.get(ref.qualifier) ?? [])];
    const types = new Set(tables.map((tb) => this.schema.get(tb)?.get(ref.name)).filter((x) => x !== undefined));
    if (ref.qualifier !== null && tables.some((tb) => !this.schema.get(tb)?.has(ref.name))) return null;
    return types.size === 1 ? [...types][0] : null;
  }
}

/** Index ranges [from, to) of the items of a list between i and j, split at commas of depth `depth`. */
export function items(t: Token[], i: number, j: number, depth: number): [number, number][] {
  const out: [number, number][] = [];
  let from = i;
  for (let k = i; k < j; k++)
    if (t[k].kind === 'comma' && t[k].depth === depth) {
      out.push([from, k]);
      from = k + 1;
    }
  return from < j ? [...out, [from, j]] : out;
}

/** First index in [i, j) of a word at `depth` among `words`, or -1. */
export function find(t: Token[], i: number, j: number, depth: number, ...words: string[]): number {
  for (let k = i; k < j; k++) if (t[k].depth === depth && isWord(t[k], ...words)) return k;
  return -1;
}

/** The text from token i to token j - 1, with the indentation of its continuation lines removed (none inside a string). */
export function text(sql: string, t: Token[], i: number, j: number): string {
  const raw = sql.slice(t[i].start, t[j - 1].end);
  return t.slice(i, j).some((x) => x.text.includes('\n')) ? raw : raw.replace(/\n[ \t]+/g, '\n');
}

/** End of the statement: before a trailing semicolon. */
export const statementEnd = (t: Token[]) => (t.at(-1)?.kind === 'semi' ? t.length - 1 : t.length);

/** Applies edits (positions in `sql`), last first; an edit overlapping one already applied is dropped. */
export function applyEdits(sql: string, edits: { start: number; end: number; text: string }[]): string {
  let out = sql;
  let bound = Infinity;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    if (e.end > bound) continue;
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    bound = e.start;
  }
  return out;
}
