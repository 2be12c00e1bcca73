// Rewrite rules that reshape a query: explicit joins, one pass for several scalar aggregates, no sort that nobody
// reads, count(*) FILTER for a conditional sum. Each fires only on the exact shape whose equivalence it states;
// anything else in the way leaves the query as it is.
import type { Edit, RewriteRule, RuleInput } from './rewrite-context.ts';
import { KEYWORDS, type Token, closing, columnAt, find, isWord, items, opening, statementEnd, text } from './sql-text.ts';

/** Scalar functions and order-insensitive aggregates: what may read a subquery whose ORDER BY is dropped. */
const ORDER_BLIND = new Set(
  'count sum min max avg coalesce nullif abs round floor ceil lower upper length year month day date_trunc'.split(' '),
);
const AGGREGATES = new Set(['count', 'sum', 'min', 'max', 'avg']);
const called = (t: Token[], k: number) => t[k].kind === 'word' && t[k + 1]?.kind === 'open' && !KEYWORDS.has(t[k].low);

export const dropSubquerySort: RewriteRule = {
  name: 'drop_subquery_sort',
  issue: 'unnecessary_sort',
  does: 'an ORDER BY (without LIMIT) in a FROM subquery that an aggregate consumes is removed: nothing reads that order',
  edits({ t }: RuleInput): Edit[] {
    const out: Edit[] = [];
    t.forEach((open, i) => {
      if (open.kind !== 'open' || !isWord(t[i - 1], 'from', 'join') || !isWord(t[i + 1], 'select')) return;
      const close = closing(t, i);
      const d = open.depth;
      const order = find(t, i + 1, close, d + 1, 'order');
      if (close < 0 || order < 0 || !isWord(t[order + 1], 'by') || find(t, order, close, d + 1, 'limit', 'offset', 'fetch') >= 0) return;
      // The query reading the subquery: it must aggregate, with order-blind functions only, and take no first rows.
      const [from, to] = [opening(t, i) + 1, opening(t, i) >= 0 ? closing(t, opening(t, i)) : t.length];
      const outer = t.map((_, k) => k).filter((k) => k >= from && k < to && (k < i || k > close));
      if (outer.some((k) => t[k].depth === d && isWord(t[k], 'limit', 'offset', 'fetch', 'qualify', 'over'))) return;
      if (outer.some((k) => called(t, k) && !ORDER_BLIND.has(t[k].low))) return;
      const aggregates = outer.some((k) => (t[k].depth === d && isWord(t[k], 'group')) || (called(t, k) && AGGREGATES.has(t[k].low)));
      if (aggregates) out.push({ start: t[order - 1].end, end: t[close - 1].end, text: '' });
    });
    return out;
  },
};

export const conditionalCount: RewriteRule = {
  name: 'conditional_count',
  issue: 'conditional_aggregate',
  does: 'sum(CASE WHEN c THEN 1 ELSE 0 END) in a GROUP BY becomes count(*) FILTER (WHERE c) (a group is never empty)',
  edits({ sql, t }: RuleInput): Edit[] {
    const out: Edit[] = [];
    t.forEach((tok, i) => {
      if (!isWord(tok, 'sum') || t[i + 1]?.kind !== 'open' || !isWord(t[i + 2], 'case') || !isWord(t[i + 3], 'when')) return;
      const close = closing(t, i + 1);
      const d = tok.depth + 1;
      const then = find(t, i + 4, close, d, 'case', 'when', 'then', 'else', 'end');
      const tail = t.slice(then, close).map((x) => x.low);
      // Inside a window FILTER is several times slower in DuckDB 1.4, and a frame can be empty: keep OVER as it is.
      if (!isWord(t[then], 'then') || tail.join(' ') !== 'then 1 else 0 end' || isWord(t[close + 1], 'over', 'filter')) return;
      if (!groupedScope(t, i)) return;
      out.push({ start: tok.start, end: t[close].end, text: `count(*) FILTER (WHERE ${sql.slice(t[i + 4].start, t[then - 1].end)})` });
    });
    return out;
  },
};

/** The SELECT that token i belongs to groups by plain keys (no ROLLUP, CUBE, GROUPING SETS, (), ALL): no group is empty. */
function groupedScope(t: Token[], i: number): boolean {
  const d = t[i].depth;
  let select = -1;
  for (let k = i; k >= 0 && t[k].depth >= d; k--) if (t[k].depth === d && isWord(t[k], 'select')) select = k;
  for (let k = i; select >= 0 && k < t.length && t[k].depth >= d; k++) {
    if (t[k].depth !== d) continue;
    if (isWord(t[k], 'union', 'except', 'intersect')) return false;
    if (isWord(t[k], 'group') && isWord(t[k + 1], 'by'))
      return !isWord(t[k + 2], 'all', 'rollup', 'cube', 'grouping') && t[k + 2]?.kind !== 'open';
  }
  return false;
}

export const explicitJoin: RewriteRule = {
  name: 'explicit_join',
  issue: 'implicit_cross_join',
  does: 'FROM a x, b y WHERE x.k = y.k AND … becomes FROM a x JOIN b y ON x.k = y.k WHERE … (an inner join either way)',
  edits({ sql, t }: RuleInput): Edit[] {
    const end = statementEnd(t);
    if (t.some((x) => x.depth === 0 && isWord(x, 'union', 'except', 'intersect'))) return [];
    const from = find(t, 0, end, 0, 'from');
    const rel = (k: number) => {
      if (t[k]?.kind !== 'word' || KEYWORDS.has(t[k].low) || t[k + 1]?.kind === 'open' || t[k + 1]?.kind === 'dot') return null;
      const asAt = isWord(t[k + 1], 'as') ? k + 2 : k + 1;
      const alias = t[asAt]?.kind === 'word' && !KEYWORDS.has(t[asAt].low) ? t[asAt].low : null;
      return { name: alias ?? t[k].low, from: k, next: alias ? asAt + 1 : k + 1 };
    };
    const a = from >= 0 ? rel(from + 1) : null;
    const b = a && t[a.next]?.kind === 'comma' ? rel(a.next + 1) : null;
    if (!a || !b || a.name === b.name || !isWord(t[b.next], 'where')) return [];
    const where = b.next;
    let whereEnd = find(t, where + 1, end, 0, 'group', 'order', 'limit', 'having', 'qualify', 'window', 'offset');
    if (whereEnd < 0) whereEnd = end;
    // Split at the top-level ANDs only when no OR, NOT or BETWEEN at that level could regroup the conjuncts.
    if (find(t, where + 1, whereEnd, 0, 'or', 'between', 'not', 'case') >= 0) return [];
    const conjuncts: [number, number][] = [];
    let start = where + 1;
    for (let k = where + 1; k <= whereEnd; k++)
      if (k === whereEnd || (t[k].depth === 0 && isWord(t[k], 'and'))) {
        conjuncts.push([start, k]);
        start = k + 1;
      }
    const joins = (c: [number, number]) => {
      const l = columnAt(t, c[0]);
      const r = l && t[l.next]?.text === '=' ? columnAt(t, l.next + 1) : null;
      const sides = new Set([l?.qualifier, r?.qualifier]);
      return !!r && r.next === c[1] && sides.has(a.name) && sides.has(b.name);
    };
    const on = conjuncts.filter(joins);
    if (!on.length) return [];
    const rest = conjuncts.filter((c) => !joins(c)).map((c) => text(sql, t, c[0], c[1]));
    const joined = `\nJOIN ${text(sql, t, b.from, b.next)} ON ${on.map((c) => text(sql, t, c[0], c[1])).join(' AND ')}`;
    const filter = rest.length ? `\nWHERE ${rest.join('\n  AND ')}` : '';
    return [{ start: t[a.next - 1].end, end: t[whereEnd - 1].end, text: joined + filter }];
  },
};

export const mergeScalarAggregates: RewriteRule = {
  name: 'merge_scalar_aggregates',
  issue: 'repeated_scan',
  does: 'SELECT (SELECT agg1 FROM X) AS a, (SELECT agg2 FROM X) AS b … over the same X becomes SELECT agg1 AS a, agg2 AS b FROM X',
  edits({ sql, t }: RuleInput): Edit[] {
    const end = statementEnd(t);
    if (!isWord(t[0], 'select') || find(t, 0, end, 0, 'from', 'where', 'group', 'union', 'except', 'intersect') >= 0) return [];
    const parts: { agg: string; alias: string; body: string; bodyText: string }[] = [];
    for (const [s, e] of items(t, 1, end, 0)) {
      const close = t[s].kind === 'open' && isWord(t[s + 1], 'select') ? closing(t, s) : -1;
      const alias = isWord(t[close + 1], 'as') ? close + 2 : close + 1;
      if (close < 0 || alias + 1 !== e || t[alias]?.kind !== 'word' || KEYWORDS.has(t[alias].low)) return [];
      // One aggregate of the rows of X, nothing that makes X return other than one row.
      const aggClose = AGGREGATES.has(t[s + 2]?.low) && t[s + 3]?.kind === 'open' ? closing(t, s + 3) : -1;
      if (aggClose < 0 || !isWord(t[aggClose + 1], 'from')) return [];
      if (find(t, aggClose, close, 1, 'group', 'having', 'qualify', 'limit', 'offset', 'order', 'union', 'except', 'intersect') >= 0)
        return [];
      if (t.slice(s + 2, aggClose).some((x) => isWord(x, 'select', 'over'))) return [];
      const bodyText = t
        .slice(aggClose + 1, close)
        .map((x) => (x.kind === 'word' ? x.low : x.text))
        .join(' ');
      parts.push({ agg: text(sql, t, s + 2, aggClose + 1), alias: t[alias].text, body: text(sql, t, aggClose + 1, close), bodyText });
    }
    if (parts.length < 2 || parts.some((p) => p.bodyText !== parts[0].bodyText)) return [];
    const list = parts.map((p) => `${p.agg} AS ${p.alias}`).join(',\n       ');
    return [{ start: t[0].start, end: t[end - 1].end, text: `SELECT ${list}\n${parts[0].body}` }];
  },
};
