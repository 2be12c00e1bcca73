// The rule policy's diagnosis: anti-patterns of the taxonomy (src/env/taxonomy.ts) found by pattern in a query's text,
// each at the 1-based line where it shows. Heuristic by nature: it never changes the query, the rewrite rules do.
import type { Severity, Suggestion } from '../env/types.ts';
import { KEYWORDS, type Token, closing, columnAt, isWord, tokenize } from './sql-text.ts';

interface Finding {
  type: string;
  severity: Severity;
  /** 0-based character offsets where it shows */
  at: number[];
  fix: string;
}

type Detector = (sql: string, t: Token[]) => Finding | null;

/** Index of the last token before i that satisfies `ok`, or -1. */
function lastBefore(t: Token[], i: number, ok: (tok: Token) => boolean): number {
  for (let k = i - 1; k >= 0; k--) if (ok(t[k])) return k;
  return -1;
}

/** Offsets of every match of a regex (global flag added). */
const matches = (sql: string, re: RegExp) => [...sql.matchAll(new RegExp(re.source, `${re.flags.replace('g', '')}g`))].map((m) => m.index);

/** A detector that fires at every match of a regex over the text (at most `max` of them). */
const pattern =
  (type: string, severity: Severity, re: RegExp, fix: string, max = Infinity): Detector =>
  (sql) => {
    const at = matches(sql, re).slice(0, max);
    return at.length ? { type, severity, at, fix } : null;
  };

/** Scalar subqueries: `(SELECT …)` not under EXISTS or IN, with whether they name an alias defined outside them. */
function scalarSubqueries(t: Token[]) {
  const defined = (from: number, to: number) => {
    const out = new Set<string>();
    for (let k = from; k < to; k++)
      if (isWord(t[k - 1], 'from', 'join') && t[k].kind === 'word') {
        out.add(t[k].low);
        const a = isWord(t[k + 1], 'as') ? t[k + 2] : t[k + 1];
        if (a?.kind === 'word' && !KEYWORDS.has(a.low)) out.add(a.low);
      }
    return out;
  };
  return t.flatMap((tok, i) => {
    if (tok.kind !== 'open' || !isWord(t[i + 1], 'select') || isWord(t[i - 1], 'exists', 'in', 'from', 'join', 'as')) return [];
    const close = closing(t, i);
    const inside = defined(i + 1, close);
    const outer = t.slice(i + 1, close).some((x, k) => x.kind === 'word' && t[i + 2 + k]?.kind === 'dot' && !inside.has(x.low));
    const body = t
      .slice(i + 2, close)
      .map((x) => x.text)
      .join(' ');
    const topN = outer && /^count \( \* \)/i.test(body) && ['<', '<='].includes(t[close + 1]?.text);
    return [{ open: i, close, correlated: outer, topN, body: body.replace(/^\S+ \( [^)]* \)/, '') }];
  });
}

/** A text cast of a column compared to something other than another cast (that is a join key: string_join_key). */
const TEXT_CAST_COMPARED = /cast\s*\(\s*[\w.]+\s+as\s+(?:varchar|text|string)\s*\)\s*(?:=|<>|!=|in\b|like\b)(?!\s*cast)/;
/** Functions of a column that hide it from the scan's filters when they start a predicate. */
const FUNCTION_CALLED =
  /(?:year|month|day|date_trunc|date_part|extract|strftime|date_diff|datediff|lower|upper|trim|substr|substring)\s*\(/;

const DETECTORS: Detector[] = [
  (sql, t) => {
    const star = t.find((x, i) => x.depth === 0 && x.text === '*' && (isWord(t[i - 1], 'select') || t[i - 1]?.kind === 'comma'));
    return star ? { type: 'select_star', severity: 'low', at: [star.start], fix: 'Name the columns you need.' } : null;
  },
  pattern(
    'non_sargable_predicate',
    'high',
    new RegExp(`\\b(?:where|and|or|on)\\s+(?:${TEXT_CAST_COMPARED.source}|${FUNCTION_CALLED.source})`, 'i'),
    'Compare the bare column to a constant of its own type or a range.',
  ),
  pattern(
    'string_join_key',
    'high',
    /\bcast\s*\([^)]*\bas\s+(?:varchar|text|string)\s*\)\s*=\s*cast\s*\(/i,
    'Join on the integer keys themselves.',
  ),
  pattern(
    'leading_wildcard_like',
    'high',
    /\b(?:regexp_matches|regexp_full_match)\s*\(/i,
    'An anchored literal pattern is an equality.',
    1,
  ),
  pattern('leading_wildcard_like', 'medium', /\blike\s+'%/i, 'Use equality or a prefix when the values are known.', 1),
  (_sql, t) => {
    // An OR whose two sides test different columns: no single column range can be pushed into the scan.
    const at = t.find((x, i) => {
      if (!isWord(x, 'or')) return false;
      const before = lastBefore(t, i, (y) => (y.depth === x.depth && isWord(y, 'where', 'and', 'or', 'on')) || y.depth < x.depth);
      const [l, r] = [columnAt(t, before + 1), columnAt(t, i + 1)];
      return !!l && !!r && l.name !== r.name;
    });
    return at
      ? { type: 'or_across_columns', severity: 'high', at: [at.start], fix: 'Split the OR into UNION ALL branches that each prune.' }
      : null;
  },
  (_sql, t) => {
    const subs = scalarSubqueries(t);
    const top = subs.filter((s) => s.topN).map((s) => t[s.open].start);
    const corr = subs.filter((s) => s.correlated && !s.topN).map((s) => t[s.open].start);
    return top.length
      ? { type: 'top_n_per_group', severity: 'high', at: top, fix: 'Rank within each group with a window function.' }
      : corr.length
        ? { type: 'correlated_subquery', severity: 'high', at: corr, fix: 'Aggregate once with GROUP BY and join, or use a window.' }
        : null;
  },
  (_sql, t) => {
    // Uncorrelated scalar subqueries each scan their tables again; identical ones are reported once.
    const seen = new Set<string>();
    const at = scalarSubqueries(t)
      .filter((s) => !s.correlated && !seen.has(s.body) && seen.add(s.body))
      .map((s) => t[s.open].start);
    return at.length ? { type: 'repeated_scan', severity: 'medium', at, fix: 'Compute the figures in one pass or once in a CTE.' } : null;
  },
  pattern('implicit_cross_join', 'low', /\bfrom\s+\w+(?:\s+(?:as\s+)?\w+)?\s*,\s*\w+/i, 'Write an explicit JOIN … ON.', 1),
  pattern('missing_explicit_join', 'low', /\bfrom\s+\w+(?:\s+(?:as\s+)?\w+)?\s*,\s*\w+/i, 'Move the join condition into ON.', 1),
  (sql) => {
    // A table joined to itself on an inequality: every pair per group, where a window does one pass.
    const m = /\bfrom\s+(\w+)\s+(?:as\s+)?(\w+)\s+join\s+\1\s+(?:as\s+)?(\w+)\s+on\b([\s\S]*?)(?:\bwhere\b|\bgroup\b|$)/i.exec(sql);
    if (!m || !/[<>]/.test(m[4])) return null;
    return { type: 'self_join_for_window', severity: 'critical', at: [m.index + m[0].search(/\bjoin\b/i)], fix: 'Use a window function.' };
  },
  (_sql, t) => {
    // GROUP BY keys of one alias, aggregates over another's columns: the join multiplied the rows first.
    const group = t.findIndex((x, i) => x.depth === 0 && isWord(x, 'group') && isWord(t[i + 1], 'by'));
    if (group < 0 || !t.some((x) => x.depth === 0 && isWord(x, 'join'))) return null;
    const quals = (from: number, to: number, depth: number) =>
      new Set(
        t.slice(from, to).flatMap((x, k) => (x.depth >= depth && t[from + k + 1]?.kind === 'dot' && x.kind === 'word' ? [x.low] : [])),
      );
    const keys = quals(group, t.length, 0);
    const aggregated = [...quals(0, group, 1)].filter((q) => !keys.has(q));
    return keys.size && aggregated.length
      ? { type: 'aggregate_before_join', severity: 'medium', at: [t[group].start], fix: 'Aggregate the many side first, then join.' }
      : null;
  },
  pattern('global_window_sort', 'high', /\bover\s*\(\s*order\s+by/i, 'Avoid ordering the whole table in one partition.', 1),
  (sql) => {
    const at = matches(sql, /\bover\s*\(/i);
    return at.length >= 3
      ? { type: 'redundant_window_functions', severity: 'medium', at: [at[0]], fix: 'Share windows or aggregate once.' }
      : null;
  },
  pattern('conditional_aggregate', 'low', /\bsum\s*\(\s*case\s+when\b[^)]*then\s+1\s+else\s+0/i, 'Use count(*) FILTER (WHERE …).', 1),
  (_sql, t) => {
    // UNION of branches reading the same tables: when their filters differ the branches cannot share rows.
    const unions = t.filter((x, i) => x.depth === 0 && isWord(x, 'union') && !isWord(t[i + 1], 'all'));
    const branches: string[][] = [[]];
    t.forEach((x, i) => {
      if (x.depth === 0 && isWord(x, 'union')) branches.push([]);
      else if (isWord(t[i - 1], 'from', 'join')) branches.at(-1)!.push(x.low);
    });
    const same = branches.every((b) => b.sort().join() === branches[0].sort().join());
    return unions.length && same
      ? { type: 'union_instead_of_union_all', severity: 'high', at: [unions[0].start], fix: 'UNION ALL when the branches cannot overlap.' }
      : null;
  },
  pattern('not_in_nullable', 'high', /\bnot\s+in\s*\(\s*select/i, 'NOT EXISTS handles NULLs the way you mean.', 1),
  pattern(
    'distinct_hides_fanout',
    'high',
    /\bselect\s+distinct\b(?=[\s\S]*\bjoin\b)/i,
    'Use a semi-join (EXISTS or IN) instead of DISTINCT over a join.',
    1,
  ),
  (_sql, t) => {
    // ORDER BY inside a FROM subquery without LIMIT: a full sort whose order nothing reads.
    const at = t.filter((x, i) => {
      if (!isWord(x, 'order') || x.depth === 0) return false;
      const open = lastBefore(t, i, (y) => y.kind === 'open' && y.depth === x.depth - 1);
      const close = closing(t, open);
      return isWord(t[open + 1], 'select') && !t.slice(i, close).some((y) => y.depth === x.depth && isWord(y, 'limit', 'offset'));
    });
    return at.length ? { type: 'unnecessary_sort', severity: 'high', at: [at[0].start], fix: 'Drop the ORDER BY nobody reads.' } : null;
  },
  (_sql, t) => {
    // A CTE that aggregates a whole table (no WHERE), then a join filtered afterwards: filter before aggregating.
    const main = t.findIndex((x, i) => x.depth === 0 && isWord(x, 'select') && i > 0);
    const cteGroups = t.slice(0, Math.max(0, main)).some((x) => x.depth === 1 && isWord(x, 'group'));
    const cteFilters = t.slice(0, Math.max(0, main)).some((x) => x.depth === 1 && isWord(x, 'where'));
    const where = t.slice(Math.max(0, main)).find((x) => x.depth === 0 && isWord(x, 'where'));
    const joins = t.slice(Math.max(0, main)).some((x) => x.depth === 0 && isWord(x, 'join'));
    return isWord(t[0], 'with') && main > 0 && cteGroups && !cteFilters && where && joins
      ? { type: 'no_pre_filter', severity: 'high', at: [where.start], fix: 'Filter the rows before the aggregate.' }
      : null;
  },
];

/** Issues found in a query, with 1-based line numbers; one suggestion per (type, line). */
export function diagnose(sql: string): Suggestion[] {
  const t = tokenize(sql);
  const lineOf = (offset: number) => sql.slice(0, offset).split('\n').length;
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const detect of DETECTORS) {
    const f = detect(sql, t);
    for (const line of f ? f.at.map(lineOf) : []) {
      if (seen.has(`${f!.type}:${line}`)) continue;
      seen.add(`${f!.type}:${line}`);
      const description = `${f!.type.replace(/_/g, ' ')} at line ${line}`;
      out.push({ issue_type: f!.type, line, severity: f!.severity, description, fix: f!.fix });
    }
  }
  return out;
}
