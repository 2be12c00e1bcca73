// The rule-based baseline policy: diagnoses anti-patterns by pattern, rewrites with the task's known fix when it has one.
import type { Action, Observation, Severity, Suggestion } from '../env/types.ts';

interface Rule {
  type: string;
  severity: Severity;
  /** tested line by line; the first matching line is reported */
  line?: RegExp;
  /** tested on the whole query (for patterns spanning lines); reported at the first line matching `at` */
  whole?: RegExp;
  at?: RegExp;
  fix: string;
}

// Ordered from most to least specific; each rule fires at most once per distinct line.
const RULES: Rule[] = [
  { type: 'select_star', severity: 'low', line: /\bselect\s+\*|^\s*\*\s*,/i, fix: 'Name the columns you need.' },
  {
    type: 'non_sargable_predicate',
    severity: 'high',
    line: /\bcast\s*\(\s*\w+(\.\w+)?\s+as\s+varchar\s*\)\s*=|(?:where|and|or)\s+(year|month|day|date_trunc|lower|upper|strftime)\s*\(/i,
    fix: 'Compare the bare column to a constant of its own type or a range.',
  },
  { type: 'leading_wildcard_like', severity: 'medium', line: /\blike\s+'%/i, fix: 'Use equality or a prefix when the values are known.' },
  {
    type: 'or_across_columns',
    severity: 'medium',
    whole: /where[\s\S]*\bor\b[\s\S]*\blike\b|\blike\b[\s\S]*\bor\b/i,
    at: /^\s*or\b/i,
    fix: 'Split or reorder the OR so each part can be pushed down.',
  },
  {
    type: 'correlated_subquery',
    severity: 'high',
    whole: /\(\s*select[\s\S]*?where[^)]*\b(\w+)\.\w+\s*=\s*(\w+)\.\w+/i,
    at: /^\s*\(\s*select\b/i,
    fix: 'Aggregate once with GROUP BY and join.',
  },
  { type: 'implicit_cross_join', severity: 'low', line: /\bfrom\s+\w+(\s+\w+)?\s*,\s*\w+/i, fix: 'Write an explicit JOIN … ON.' },
  { type: 'missing_explicit_join', severity: 'low', line: /\bfrom\s+\w+(\s+\w+)?\s*,\s*\w+/i, fix: 'Move the join condition into ON.' },
  {
    type: 'repeated_scan',
    severity: 'medium',
    line: /\(\s*select\s+(avg|max|min|sum|count)\s*\([^)]*\)\s+from\s+\w+(\s+where[^)]*)?\)/i,
    fix: 'Compute the constants once in a CTE.',
  },
  {
    type: 'global_window_sort',
    severity: 'high',
    line: /\bover\s*\(\s*order\s+by/i,
    fix: 'Avoid ranking the whole table in one partition.',
  },
  {
    type: 'redundant_window_functions',
    severity: 'medium',
    whole: /(over\s*\(\s*partition\s+by\s+(\w+)[^)]*\)[\s\S]*){3,}/i,
    at: /\bover\s*\(\s*partition\s+by/i,
    fix: 'Share one window or aggregate once.',
  },
  {
    type: 'conditional_aggregate',
    severity: 'low',
    line: /\bsum\s*\(\s*case\s+when\b.*then\s+1\s+else\s+0/i,
    fix: 'Use count(*) FILTER (WHERE …).',
  },
  {
    type: 'union_instead_of_union_all',
    severity: 'medium',
    line: /\bunion\b(?!\s+all)/i,
    fix: 'UNION ALL when the branches cannot overlap.',
  },
  { type: 'not_in_nullable', severity: 'high', line: /\bnot\s+in\s*\(\s*select/i, fix: 'NOT EXISTS handles NULLs the way you mean.' },
  {
    type: 'distinct_hides_fanout',
    severity: 'medium',
    whole: /select\s+distinct[\s\S]*\bjoin\b/i,
    at: /select\s+distinct/i,
    fix: 'Use a semi-join (EXISTS) instead of DISTINCT over a join.',
  },
];

/** Issues found in a query by the rules, with 1-based line numbers. */
export function diagnose(sql: string): Suggestion[] {
  const lines = sql.split('\n');
  const out: Suggestion[] = [];
  for (const r of RULES) {
    let idx = -1;
    if (r.line) idx = lines.findIndex((l) => r.line!.test(l));
    else if (r.whole?.test(sql))
      idx = Math.max(
        0,
        lines.findIndex((l) => r.at!.test(l)),
      );
    if (idx < 0) continue;
    out.push({
      issue_type: r.type,
      line: idx + 1,
      severity: r.severity,
      description: `${r.type.replace(/_/g, ' ')} at line ${idx + 1}`,
      fix: r.fix,
    });
  }
  return out;
}

/**
 * One action: the diagnosis, the known fix (or the original when none is known), and an estimate that is the
 * last measured speedup when there is one (a second step corrects a first guess).
 */
export function baselineAction(obs: Observation, knownFix: string | null): Action {
  const suggestions = diagnose(obs.sql_query);
  const last = obs.last_execution?.speedup;
  const names = [...new Set(suggestions.map((s) => s.issue_type.replace(/_/g, ' ')))];
  return {
    suggestions,
    optimized_query: knownFix ?? obs.sql_query,
    summary: names.length ? `Found: ${names.join('; ')}.` : 'No anti-pattern found; the query is fine as written.',
    estimated_improvement: `${(last && last > 0 ? last : 2).toFixed(1)}x`,
    approved: suggestions.length === 0,
  };
}
