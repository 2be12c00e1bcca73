// Rewrite rules that restate a filter so it acts early: an OR across two columns as UNION ALL of two disjoint branches
// (each pushed into its scan), a join used only to filter as a semi-join, a filter applied after an aggregate as a
// semi-join before it.
import type { Edit, RewriteRule, RuleInput } from './rewrite-context.ts';
import { KEYWORDS, type Token, closing, columnAt, find, isWord, items, statementEnd, text } from './sql-text.ts';

/** `table [AS] alias` at i: the name columns are qualified by, and the index after it. */
function relationAt(t: Token[], i: number): { name: string; next: number } | null {
  if (t[i]?.kind !== 'word' || KEYWORDS.has(t[i].low) || t[i + 1]?.kind === 'open' || t[i + 1]?.kind === 'dot') return null;
  const at = isWord(t[i + 1], 'as') ? i + 2 : i + 1;
  const alias = t[at]?.kind === 'word' && !KEYWORDS.has(t[at].low);
  return { name: alias ? t[at].low : t[i].low, next: alias ? at + 1 : i + 1 };
}

/** `col op constant` between i and j (constant: a number, a string, or DATE 'x'): the column's name, or null. */
function columnVsConstant(t: Token[], i: number, j: number): string | null {
  const col = columnAt(t, i);
  if (!col || !['=', '<', '<=', '>', '>='].includes(t[col.next]?.text)) return null;
  const k = col.next + 1;
  const constant =
    t[k]?.kind === 'number' || t[k]?.kind === 'string' ? k + 1 : isWord(t[k], 'date') && t[k + 1]?.kind === 'string' ? k + 2 : -1;
  return constant === j ? col.name : null;
}

export const orToUnionAll: RewriteRule = {
  name: 'or_to_union_all',
  issue: 'or_across_columns',
  does: 'WHERE a = x OR b = y becomes two branches, WHERE a = x UNION ALL WHERE b = y AND (a = x) IS NOT TRUE: each prunes',
  edits({ sql, t }: RuleInput): Edit[] {
    const end = statementEnd(t);
    const from = find(t, 0, end, 0, 'from');
    if (!isWord(t[0], 'select') || from < 0 || isWord(t[1], 'distinct', 'all')) return [];
    // Row by row only: bare columns, so no aggregate or window sees the rows of one branch alone.
    if (items(t, 1, from, 0).some(([s, e]) => !(t[s].text === '*' && e === s + 1) && columnAt(t, s)?.next !== e)) return [];
    const rel = relationAt(t, from + 1);
    if (!rel || !isWord(t[rel.next], 'where')) return [];
    const or = find(t, rel.next + 1, end, 0, 'or');
    if (or < 0 || find(t, rel.next + 1, end, 0, 'and', 'or', 'not', 'between', 'group', 'order', 'limit') !== or) return [];
    if (find(t, or + 1, end, 0, 'and', 'or', 'not', 'between', 'group', 'order', 'limit', 'having', 'qualify') >= 0) return [];
    const [a, b] = [columnVsConstant(t, rel.next + 1, or), columnVsConstant(t, or + 1, end)];
    if (!a || !b || a === b) return [];
    const head = text(sql, t, 0, rel.next);
    const [p1, p2] = [text(sql, t, rel.next + 1, or), text(sql, t, or + 1, end)];
    // A row passes the OR when p1 is true, or else when p2 is: the branches are disjoint and keep duplicates.
    const body = `${head}\nWHERE ${p1}\nUNION ALL\n${head}\nWHERE ${p2}\n  AND (${p1}) IS NOT TRUE`;
    return [{ start: t[0].start, end: t[end - 1].end, text: body }];
  },
};

export const distinctSemiJoin: RewriteRule = {
  name: 'distinct_semi_join',
  issue: 'distinct_hides_fanout',
  does: 'SELECT DISTINCT a.… FROM A a JOIN B b ON b.k = a.k WHERE <b only> becomes … FROM A a WHERE a.k IN (SELECT b.k …)',
  edits({ sql, t }: RuleInput): Edit[] {
    const end = statementEnd(t);
    const from = find(t, 0, end, 0, 'from');
    if (!isWord(t[0], 'select') || !isWord(t[1], 'distinct') || isWord(t[2], 'on') || from < 0) return [];
    const a = relationAt(t, from + 1);
    const joinAt = a && isWord(t[a.next], 'inner') ? a.next + 1 : (a?.next ?? -1);
    const b = a && isWord(t[joinAt], 'join') ? relationAt(t, joinAt + 1) : null;
    if (!a || !b || a.name === b.name || !isWord(t[b.next], 'on')) return [];
    // Every output column is of the kept side a.
    if (items(t, 2, from, 0).some(([s, e]) => columnAt(t, s)?.next !== e || columnAt(t, s)?.qualifier !== a.name)) return [];
    // ON is one equality of a column of a and a column of b.
    const l = columnAt(t, b.next + 1);
    const r = l && t[l.next]?.text === '=' ? columnAt(t, l.next + 1) : null;
    const where = r ? r.next : -1;
    if (!l || !r || (where < end && !isWord(t[where], 'where'))) return [];
    const [keep, probe] =
      l.qualifier === a.name && r.qualifier === b.name ? [l, r] : r.qualifier === a.name && l.qualifier === b.name ? [r, l] : [];
    if (!keep || !probe) return [];
    // The filter reads b's columns and constants only: it moves into the subquery unchanged.
    for (let k = where + 1; k < end; k++) {
      const x = t[k];
      if (x.kind !== 'word' || KEYWORDS.has(x.low) || t[k - 1]?.kind === 'dot' || t[k + 1]?.kind === 'open') continue;
      if (x.low !== b.name || t[k + 1]?.kind !== 'dot') return [];
    }
    if (
      find(t, where, end, 0, 'group', 'order', 'limit', 'having', 'qualify', 'union', 'join') >= 0 ||
      t.some((x) => isWord(x, 'select') && x !== t[0])
    )
      return [];
    const filter = where < end ? ` ${text(sql, t, where, end)}` : '';
    const probed = `SELECT ${probe.text} FROM ${text(sql, t, joinAt + 1, b.next)}${filter}`;
    const body = `${text(sql, t, 0, a.next)}\nWHERE ${keep.text} IN (${probed})`;
    return [{ start: t[0].start, end: t[end - 1].end, text: body }];
  },
};

/** How many times the query from `from` on reads relation `name` (after FROM, JOIN or a comma). */
const uses = (t: Token[], from: number, name: string) =>
  t.filter((x, k) => k >= from && x.low === name && (isWord(t[k - 1], 'from', 'join') || t[k - 1]?.kind === 'comma')).length;

export const semiJoinBeforeAggregate: RewriteRule = {
  name: 'semi_join_before_aggregate',
  issue: 'no_pre_filter',
  does:
    'WITH s AS (SELECT g, … FROM T GROUP BY g) … FROM s JOIN U u ON u.k = s.g WHERE <u only> filters T by ' +
    'g IN (SELECT u.k FROM U u WHERE …) before grouping: the filter drops whole groups, never part of one',
  edits({ sql, t }: RuleInput): Edit[] {
    const end = statementEnd(t);
    // One CTE: WITH name AS (SELECT … FROM T GROUP BY g), then the main query.
    if (!isWord(t[0], 'with') || t[1]?.kind !== 'word' || !isWord(t[2], 'as') || t[3]?.kind !== 'open' || !isWord(t[4], 'select'))
      return [];
    const cte = t[1].low;
    const close = closing(t, 3);
    const from = find(t, 5, close, 1, 'from');
    const group = find(t, 5, close, 1, 'group');
    if (close < 0 || from < 0 || !isWord(t[close + 1], 'select') || group !== from + 2 || !isWord(t[group + 1], 'by')) return [];
    const key = columnAt(t, group + 2);
    if (!key || key.next !== close || t.slice(4, close).some((x) => isWord(x, 'over', 'select') && x !== t[4])) return [];
    if (!items(t, 5, from, 1).some(([s, e]) => columnAt(t, s)?.next === e && columnAt(t, s)?.name === key.name)) return [];
    // Main: SELECT … FROM name s JOIN U u ON u.k = s.g WHERE <columns of u and constants>.
    const main = close + 1;
    const mainFrom = find(t, main, end, 0, 'from');
    const s = relationAt(t, mainFrom + 1);
    const join = s && isWord(t[s.next], 'inner') ? s.next + 1 : (s?.next ?? -1);
    const u = t[mainFrom + 1]?.low === cte && isWord(t[join], 'join') ? relationAt(t, join + 1) : null;
    if (!s || !u || !isWord(t[u.next], 'on') || uses(t, main, cte) !== 1) return [];
    const l = columnAt(t, u.next + 1);
    const r = l && t[l.next]?.text === '=' ? columnAt(t, l.next + 1) : null;
    const [probe, grouped] = l?.qualifier === u.name ? [l, r] : [r, l];
    if (!probe || !grouped || probe.qualifier !== u.name || grouped.qualifier !== s.name || grouped.name !== key.name) return [];
    const where = r!.next;
    if (!isWord(t[where], 'where') || find(t, where, end, 0, 'group', 'order', 'limit', 'having', 'qualify', 'union', 'join') >= 0)
      return [];
    for (let k = where + 1; k < end; k++) {
      const x = t[k];
      if (isWord(x, 'select')) return [];
      if (x.kind !== 'word' || KEYWORDS.has(x.low) || t[k - 1]?.kind === 'dot' || t[k + 1]?.kind === 'open') continue;
      if (x.low !== u.name || t[k + 1]?.kind !== 'dot') return [];
    }
    const conds = text(sql, t, where + 1, end);
    const multiline = t.slice(where + 1, end).some((x) => x.text.includes('\n')); // a string or name spanning lines
    const picked = `SELECT ${probe.text} FROM ${text(sql, t, join + 1, u.next)} WHERE ${multiline ? conds : conds.replace(/\n/g, ' ')}`;
    return [{ start: t[group - 1].end, end: t[group - 1].end, text: `\n    WHERE ${key.text} IN (${picked})` }];
  },
};
