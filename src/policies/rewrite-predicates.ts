// Rewrite rules for predicates that hide a column from DuckDB's scan filters and zone maps: a column cast to text, a
// date function compared to a constant, an anchored regex. Each replaces the predicate by one on the bare column that
// gives the same verdict, and only where the column's type is known from the schema.
import { type Edit, type RewriteRule, type RuleInput, filtering, hasOrAround, swappable } from './rewrite-context.ts';
import { type ColumnRef, type Token, closing, columnAt, isIntegerType, isWord, stringValue } from './sql-text.ts';

/** `CAST(col AS VARCHAR)` or `col::VARCHAR` at i: the column and the index after the cast. */
function textCastAt(t: Token[], i: number): { col: ColumnRef; next: number } | null {
  const textType = (tok: Token | undefined) => isWord(tok, 'varchar', 'text', 'string');
  if (isWord(t[i], 'cast') && t[i + 1]?.kind === 'open') {
    const col = columnAt(t, i + 2);
    if (!col || !isWord(t[col.next], 'as') || !textType(t[col.next + 1]) || t[col.next + 2]?.kind !== 'close') return null;
    return { col, next: col.next + 3 };
  }
  const col = columnAt(t, i);
  if (!col || t[col.next]?.text !== '::' || !textType(t[col.next + 1])) return null;
  return { col, next: col.next + 2 };
}

/** The text an integer is cast to: no sign but a minus, no leading zero, not "-0". */
const CANONICAL_INTEGER = /^(0|-?[1-9][0-9]*)$/;

export const integerTextCompare: RewriteRule = {
  name: 'integer_text_compare',
  issue: 'non_sargable_predicate',
  does: "CAST(int_col AS VARCHAR) = '123' becomes int_col = 123 (the cast text of an integer is canonical)",
  edits({ t, types }: RuleInput): Edit[] {
    const out: Edit[] = [];
    for (let i = 0; i < t.length; i++) {
      const cast = textCastAt(t, i);
      if (!cast || t[cast.next]?.text !== '=' || !isIntegerType(types.typeOf(cast.col))) continue;
      const lit = stringValue(t[cast.next + 1]);
      if (lit === null || !CANONICAL_INTEGER.test(lit) || !swappable(t, i, cast.next + 2)) continue;
      out.push({ start: t[i].start, end: t[cast.next + 1].end, text: `${cast.col.text} = ${lit}` });
      i = cast.next + 1;
    }
    return out;
  },
};

export const integerTextJoin: RewriteRule = {
  name: 'integer_text_join',
  issue: 'string_join_key',
  does: 'CAST(a AS VARCHAR) = CAST(b AS VARCHAR) on integer columns becomes a = b (equal integers have equal text)',
  edits({ t, types }: RuleInput): Edit[] {
    const out: Edit[] = [];
    for (let i = 0; i < t.length; i++) {
      const a = textCastAt(t, i);
      if (!a || t[a.next]?.text !== '=') continue;
      const b = textCastAt(t, a.next + 1);
      if (!b || !isIntegerType(types.typeOf(a.col)) || !isIntegerType(types.typeOf(b.col)) || !swappable(t, i, b.next)) continue;
      out.push({ start: t[i].start, end: t[b.next - 1].end, text: `${a.col.text} = ${b.col.text}` });
      i = b.next - 1;
    }
    return out;
  },
};

// ---- dates: a function of a DATE column compared to a constant becomes a half-open DATE range --------------------

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const iso = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** A calendar date from 'YYYY-MM-DD' (years 1000–9998, so a year later still has four digits), or null. */
function parseDay(s: string | null): Date | null {
  const m = s === null ? null : /^([1-9][0-9]{3})-([0-9]{2})-([0-9]{2})$/.exec(s);
  if (!m || Number(m[1]) > 9998) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return iso(d) === s ? d : null;
}

const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const addMonths = (d: Date, n: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));

/** The half-open range [from, to) of a DATE column, parenthesised when an OR around it would otherwise split it. */
function rangeEdit(t: Token[], i: number, j: number, col: ColumnRef, from: Date, to: Date): Edit {
  const range = `${col.text} >= DATE '${iso(from)}' AND ${col.text} < DATE '${iso(to)}'`;
  return { start: t[i].start, end: t[j - 1].end, text: hasOrAround(t, i) ? `(${range})` : range };
}

/** A date column as the argument at i, followed by the token kind `then` expects; null otherwise. */
function dateColumnAt(input: RuleInput, i: number): ColumnRef | null {
  const col = columnAt(input.t, i);
  return col && input.types.typeOf(col) === 'DATE' ? col : null;
}

/** `name(` at i, with the index of its closing parenthesis. */
function call(t: Token[], i: number, ...names: string[]): number {
  return isWord(t[i], ...names) && t[i + 1]?.kind === 'open' ? closing(t, i + 1) : -1;
}

type Unit = 'year' | 'quarter' | 'month' | 'day';
interface Period {
  col: ColumnRef;
  unit: Unit;
  /** the constant as 'YYYY-MM-DD', the first day of the period it names */
  first: string | null;
  /** index after the constant */
  next: number;
}

/** `year(d) = N`, `date_part('year', d) = N` or `extract(year FROM d) = N`. */
function yearOf(input: RuleInput, i: number): Period | null {
  const { t } = input;
  let close = call(t, i, 'year');
  let at = i + 2;
  if (close < 0 && (close = call(t, i, 'date_part', 'datepart')) > 0)
    at = stringValue(t[i + 2])?.toLowerCase() === 'year' && t[i + 3]?.kind === 'comma' ? i + 4 : -1;
  else if (close < 0 && (close = call(t, i, 'extract')) > 0) at = isWord(t[i + 2], 'year') && isWord(t[i + 3], 'from') ? i + 4 : -1;
  const col = close > 0 && at > 0 ? dateColumnAt(input, at) : null;
  const year = t[close + 2];
  if (!col || col.next !== close || t[close + 1]?.text !== '=' || year?.kind !== 'number' || !/^[0-9]{4}$/.test(year.text)) return null;
  return { col, unit: 'year', first: `${year.text}-01-01`, next: close + 3 };
}

/** `strftime(d, '%Y-%m') = '2024-03'` (also '%Y' and '%Y-%m-%d'). */
function strftimeOf(input: RuleInput, i: number): Period | null {
  const { t } = input;
  const close = call(t, i, 'strftime');
  const col = close > 0 ? dateColumnAt(input, i + 2) : null;
  if (!col || t[col.next]?.kind !== 'comma' || col.next + 2 !== close || t[close + 1]?.text !== '=') return null;
  const formats: Record<string, [Unit, string]> = { '%Y': ['year', '-01-01'], '%Y-%m': ['month', '-01'], '%Y-%m-%d': ['day', ''] };
  const f = formats[stringValue(t[col.next + 1]) ?? ''];
  const text = stringValue(t[close + 2]);
  return f && text !== null ? { col, unit: f[0], first: text + f[1], next: close + 3 } : null;
}

/** `date_trunc('month', d) = DATE '2024-03-01'` (also year, quarter, day). */
function truncOf(input: RuleInput, i: number): Period | null {
  const { t } = input;
  const close = call(t, i, 'date_trunc', 'datetrunc');
  const col = close > 0 && t[i + 3]?.kind === 'comma' ? dateColumnAt(input, i + 4) : null;
  const unit = stringValue(t[i + 2])?.toLowerCase() ?? '';
  if (!col || col.next !== close || !['year', 'quarter', 'month', 'day'].includes(unit)) return null;
  if (t[close + 1]?.text !== '=' || !isWord(t[close + 2], 'date')) return null;
  return { col, unit: unit as Unit, first: stringValue(t[close + 3]), next: close + 4 };
}

export const datePeriodRange: RewriteRule = {
  name: 'date_period_range',
  issue: 'non_sargable_predicate',
  does: "year(d) = 2024, strftime(d, '%Y-%m') = '2024-03' or date_trunc('month', d) = DATE '…' become a half-open DATE range",
  edits(input: RuleInput): Edit[] {
    const out: Edit[] = [];
    for (let i = 0; i < input.t.length; i++) {
      const p = yearOf(input, i) ?? strftimeOf(input, i) ?? truncOf(input, i);
      const from = parseDay(p?.first ?? null);
      if (!p || !from || !filtering(input.t, i, p.next)) continue;
      // The constant must be a period's first day, as the function prints it; any other constant matches no row.
      const months = { year: 12, quarter: 3, month: 1, day: 0 }[p.unit];
      if (months > 0 && (from.getUTCDate() !== 1 || from.getUTCMonth() % months !== 0)) continue;
      out.push(rangeEdit(input.t, i, p.next, p.col, from, months ? addMonths(from, months) : addDays(from, 1)));
      i = p.next - 1;
    }
    return out;
  },
};

/** A constant integer expression (`7`, `14 - 1`, `-3`) between i and j, or null. */
function constantInt(t: Token[], i: number, j: number): number | null {
  const text = t
    .slice(i, j)
    .map((x) => x.text)
    .join(' ');
  if (!/^-? ?[0-9]+( [+-] [0-9]+)*$/.test(text)) return null;
  return text.split(' ').reduce((acc, x, k, xs) => (/[0-9]/.test(x) ? acc + (xs[k - 1] === '-' ? -1 : 1) * Number(x) : acc), 0);
}

export const dateDiffRange: RewriteRule = {
  name: 'date_diff_range',
  issue: 'non_sargable_predicate',
  does: "date_diff('day', d, DATE 'x') BETWEEN a AND b becomes d BETWEEN DATE 'x' - b AND DATE 'x' - a as DATE constants",
  edits(input: RuleInput): Edit[] {
    const { t } = input;
    const out: Edit[] = [];
    for (let i = 0; i < t.length; i++) {
      const close = call(t, i, 'date_diff', 'datediff');
      if (close < 0 || !['day', 'days'].includes(stringValue(t[i + 2])?.toLowerCase() ?? '') || t[i + 3]?.kind !== 'comma') continue;
      // date_diff('day', a, b) is b - a in days: the column may be either argument.
      let col = dateColumnAt(input, i + 4);
      let sign = -1;
      let dayAt = col && t[col.next]?.kind === 'comma' && col.next + 3 === close ? col.next + 1 : -1;
      if (!col && isWord(t[i + 4], 'date') && t[i + 6]?.kind === 'comma' && (col = dateColumnAt(input, i + 7)) && col.next === close)
        [dayAt, sign] = [i + 4, 1];
      const day = dayAt > 0 && isWord(t[dayAt], 'date') ? parseDay(stringValue(t[dayAt + 1])) : null;
      if (!col || !day || !isWord(t[close + 1], 'between')) continue;
      const and = t.findIndex((x, k) => k > close + 1 && x.depth === t[i].depth && isWord(x, 'and'));
      let end = and + 1;
      while (end < t.length && (t[end].kind === 'number' || ['+', '-'].includes(t[end].text))) end++;
      const [lo, hi] = [constantInt(t, close + 2, and), constantInt(t, and + 1, end)];
      if (and < 0 || lo === null || hi === null || !filtering(t, i, end)) continue;
      // lo <= sign·(d − day) <= hi: for sign −1 (column first) d runs from day − hi to day − lo.
      const [a, b] = sign < 0 ? [addDays(day, -hi), addDays(day, -lo)] : [addDays(day, lo), addDays(day, hi)];
      out.push({ start: t[i].start, end: t[end - 1].end, text: `${col.text} BETWEEN DATE '${iso(a)}' AND DATE '${iso(b)}'` });
      i = end - 1;
    }
    return out;
  },
};

/** Characters that make a regex more than a literal (RE2 syntax). */
const REGEX_META = /[\\.+*?()[\]{}|^$]/;

export const anchoredRegexEquality: RewriteRule = {
  name: 'anchored_regex_equality',
  issue: 'leading_wildcard_like',
  does: "regexp_matches(s, '^abc$') or regexp_full_match(s, 'abc') without metacharacters becomes s = 'abc'",
  edits(input: RuleInput): Edit[] {
    const { t, types } = input;
    const out: Edit[] = [];
    for (let i = 0; i < t.length; i++) {
      const close = call(t, i, 'regexp_matches', 'regexp_full_match');
      const col = close > 0 ? columnAt(t, i + 2) : null;
      if (!col || t[col.next]?.kind !== 'comma' || col.next + 2 !== close || types.typeOf(col) !== 'VARCHAR') continue;
      const pattern = stringValue(t[col.next + 1]);
      // RE2's ^ and $ (without the m flag) anchor at the ends of the whole text, so '^abc$' matches 'abc' only.
      const literal = t[i].low === 'regexp_matches' ? /^\^(.*)\$$/s.exec(pattern ?? '')?.[1] : pattern;
      if (literal === undefined || literal === null || REGEX_META.test(literal) || literal.includes("'") || !swappable(t, i, close + 1))
        continue;
      out.push({ start: t[i].start, end: t[close].end, text: `${col.text} = '${literal}'` });
      i = close;
    }
    return out;
  },
};
