// Rewrite rules about windows: a row_number top-n becomes ORDER BY … LIMIT (no window), and a correlated running
// aggregate becomes one (a window over the outer rows instead of a self-join per row).
import type { Edit, RewriteRule, RuleInput } from './rewrite-context.ts';
import { KEYWORDS, type ColumnRef, type Token, closing, columnAt, find, isWord, items, statementEnd, text } from './sql-text.ts';

export const rowNumberTopN: RewriteRule = {
  name: 'row_number_top_n',
  issue: 'global_window_sort',
  does: 'rows with row_number() OVER (ORDER BY …, id) <= n become ORDER BY …, id LIMIT n (a top-n heap instead of a full sort)',
  edits({ sql, t }: RuleInput): Edit[] {
    const end = statementEnd(t);
    const from = find(t, 0, end, 0, 'from');
    if (!isWord(t[0], 'select') || from < 0 || t[from + 1]?.kind !== 'open' || !isWord(t[from + 2], 'select')) return [];
    const close = closing(t, from + 1);
    const innerFrom = find(t, from + 3, close, 1, 'from');
    if (close < 0 || innerFrom < 0 || isWord(t[from + 3], 'distinct', 'all')) return [];
    if (
      find(t, innerFrom, close, 1, 'group', 'having', 'qualify', 'window', 'order', 'limit', 'offset', 'union', 'except', 'intersect') >= 0
    )
      return [];
    // Inner list: bare columns and exactly one row_number() OVER (ORDER BY …) AS rn.
    const cols = new Map<string, string>();
    let rn: string | null = null;
    let keys: [number, number] | null = null;
    for (const [s, e] of items(t, from + 3, innerFrom, 1)) {
      const col = columnAt(t, s);
      if (col && col.next === e && !cols.has(col.name)) cols.set(col.name, col.text);
      else if (isWord(t[s], 'row_number') && t[s + 2]?.kind === 'close' && isWord(t[s + 3], 'over') && !rn) {
        const overClose = closing(t, s + 4);
        const alias = isWord(t[overClose + 1], 'as') ? overClose + 2 : overClose + 1;
        if (!isWord(t[s + 5], 'order') || !isWord(t[s + 6], 'by') || alias + 1 !== e || t[alias]?.kind !== 'word') return [];
        if (find(t, s + 5, overClose, 2, 'rows', 'range', 'groups', 'partition') >= 0) return [];
        [rn, keys] = [t[alias].low, [s + 7, overClose]];
      } else return [];
    }
    // The order must end at an id, the key of every table here: then the first n rows are the same rows either way.
    const last = keys ? items(t, keys[0], keys[1], 2).at(-1) : null;
    const lastCol = last ? columnAt(t, last[0]) : null;
    const direction = last
      ? t.slice(lastCol?.next ?? last[0], last[1]).every((x) => isWord(x, 'asc', 'desc', 'nulls', 'first', 'last'))
      : false;
    if (!rn || !keys || lastCol?.name !== 'id' || !direction) return [];
    // Outer: SELECT <inner columns> FROM (…) [AS] x WHERE [x.]rn <= n
    const outerCols = items(t, 1, from, 0).map(([s, e]) => ({ col: columnAt(t, s), e }));
    if (outerCols.some(({ col, e }) => !col || col.next !== e || !cols.has(col.name) || col.name === rn)) return [];
    let w = isWord(t[close + 1], 'as') ? close + 2 : close + 1;
    if (t[w]?.kind === 'word' && !KEYWORDS.has(t[w].low)) w++;
    const ref = isWord(t[w], 'where') ? columnAt(t, w + 1) : null;
    const n = ref ? t[ref.next + 1] : undefined;
    if (ref?.name !== rn || !['<=', '<'].includes(t[ref.next]?.text) || n?.kind !== 'number') return [];
    if (ref.next + 2 !== end || !/^[0-9]+$/.test(n.text)) return [];
    const limit = Number(n.text) - (t[ref.next].text === '<' ? 1 : 0);
    const select = outerCols.map(({ col }) => cols.get(col!.name)).join(', ');
    const order = text(sql, t, keys[0], keys[1]);
    const body = `SELECT ${select}\n${text(sql, t, innerFrom, close)}\nORDER BY ${order}\nLIMIT ${Math.max(0, limit)}`;
    return [{ start: t[0].start, end: t[end - 1].end, text: body }];
  },
};

/**
 * `q2.k = q.k` or `q2.d <= q.d` between i and j (`q.d >= q2.d` read the other way): the inner and the outer column,
 * when both sides name the same column of the inner and the outer alias.
 */
function correlation(t: Token[], i: number, j: number, inner: string, outer: string, op: '=' | '<='): [ColumnRef, ColumnRef] | null {
  const l = columnAt(t, i);
  const r = l ? columnAt(t, l.next + 1) : null;
  if (!l || !r || r.next !== j || l.name !== r.name) return null;
  const written = t[l.next].text;
  if (l.qualifier === inner && r.qualifier === outer && written === op) return [l, r];
  return l.qualifier === outer && r.qualifier === inner && written === (op === '=' ? '=' : '>=') ? [r, l] : null;
}

export const runningAggregateWindow: RewriteRule = {
  name: 'running_aggregate_window',
  issue: 'correlated_subquery',
  does:
    '(SELECT sum(q2.x) FROM T q2 WHERE q2.k = q.k AND q2.d <= q.d) over all rows of T with their k becomes ' +
    'sum(q.x) OVER (PARTITION BY q.k ORDER BY q.d RANGE … CURRENT ROW), NULL where k or d is NULL as before',
  edits({ t }: RuleInput): Edit[] {
    const end = statementEnd(t);
    const from = find(t, 0, end, 0, 'from');
    if (!isWord(t[0], 'select') || isWord(t[1], 'distinct') || from < 0) return [];
    if (find(t, 0, end, 0, 'group', 'having', 'qualify', 'window', 'union', 'except', 'intersect', 'join') >= 0) return [];
    // Outer: FROM T q [WHERE q.k = constant]: every row of T with the outer rows' k is an outer row.
    const table = t[from + 1];
    if (table?.kind !== 'word' || KEYWORDS.has(table.low) || t[from + 2]?.kind === 'open') return [];
    const aliasAt = isWord(t[from + 2], 'as') ? from + 3 : from + 2;
    const hasAlias = t[aliasAt]?.kind === 'word' && !KEYWORDS.has(t[aliasAt].low);
    const outer = hasAlias ? t[aliasAt].low : table.low;
    let k = hasAlias ? aliasAt + 1 : from + 2;
    let fixedKey: string | null = null;
    if (isWord(t[k], 'where')) {
      const key = columnAt(t, k + 1);
      const value = key && t[key.next]?.text === '=' ? t[key.next + 1] : undefined;
      if (!key || (key.qualifier ?? outer) !== outer || (value?.kind !== 'number' && value?.kind !== 'string')) return [];
      [fixedKey, k] = [key.name, key.next + 2];
    }
    if (k < end && !isWord(t[k], 'order', 'limit')) return [];
    const out: Edit[] = [];
    for (const [s, e] of items(t, 1, from, 0)) {
      if (t[s].kind !== 'open' || !isWord(t[s + 1], 'select')) continue;
      const close = closing(t, s);
      const agg = t[s + 2];
      const argClose = ['sum', 'min', 'max', 'avg'].includes(agg?.low) && t[s + 3]?.kind === 'open' ? closing(t, s + 3) : -1;
      const x = argClose > 0 ? columnAt(t, s + 4) : null;
      if (!x || x.next !== argClose || !isWord(t[argClose + 1], 'from') || t[argClose + 2]?.low !== table.low) continue;
      const innerAt = isWord(t[argClose + 3], 'as') ? argClose + 4 : argClose + 3;
      const inner = t[innerAt]?.low;
      const and = find(t, innerAt + 2, close, 1, 'and', 'or', 'not', 'between');
      if (!inner || inner === outer || x.qualifier !== inner || !isWord(t[innerAt + 1], 'where') || !isWord(t[and], 'and')) continue;
      if (find(t, and + 1, close, 1, 'and', 'or', 'not', 'between', 'group', 'order', 'limit') >= 0) continue;
      const [c1, c2] = [
        [innerAt + 2, and],
        [and + 1, close],
      ] as const;
      const key = correlation(t, ...c1, inner, outer, '=') ?? correlation(t, ...c2, inner, outer, '=');
      const order = correlation(t, ...c1, inner, outer, '<=') ?? correlation(t, ...c2, inner, outer, '<=');
      if (!key || !order || key[0].name === order[0].name || (fixedKey !== null && fixedKey !== key[0].name)) continue;
      // Without an alias the column would be named after the subquery's text.
      if (!isWord(t[close + 1], 'as') && (t[close + 1]?.kind !== 'word' || close + 2 !== e)) continue;
      const [kk, dd] = [key[1].text, order[1].text];
      const frame = `ORDER BY ${dd} ASC NULLS LAST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`;
      const window = `${agg.text}(${outer}.${x.name}) OVER (PARTITION BY ${kk} ${frame})`;
      // The subquery finds no row for a NULL key or date (= and <= are never true there): its aggregate is NULL.
      out.push({ start: t[s].start, end: t[close].end, text: `CASE WHEN ${kk} IS NOT NULL AND ${dd} IS NOT NULL THEN ${window} END` });
    }
    return out;
  },
};
