// The canonical anti-pattern taxonomy: every ground-truth issue and every suggestion is resolved to one of these types.

/** A canonical issue type and the other names agents (and the original environment) use for it. */
export interface IssueKind {
  type: string;
  title: string;
  aliases: string[];
}

/** The taxonomy (documented for people in tasks/README.md). */
export const TAXONOMY: IssueKind[] = [
  {
    type: 'select_star',
    title: 'SELECT * or columns nobody uses',
    aliases: ['select_star_large_table', 'select_all_unfiltered', 'select_all', 'unnecessary_columns', 'wide_projection'],
  },
  {
    type: 'non_sargable_predicate',
    title: 'Function, cast or arithmetic on a filtered column',
    aliases: [
      'non_sargable_cast',
      'function_on_date_column',
      'function_on_column',
      'cast_in_predicate',
      'non_sargable',
      'date_diff_on_column',
      'strftime_filter',
      'arithmetic_on_column',
    ],
  },
  {
    type: 'leading_wildcard_like',
    title: 'Leading-wildcard LIKE or regex where equality or a prefix works',
    aliases: ['wildcard_like', 'regex_filter', 'like_wildcard'],
  },
  {
    type: 'or_across_columns',
    title: 'OR across columns that defeats filter pushdown',
    aliases: ['or_expands_to_full_scan', 'or_condition', 'or_chain', 'or_filter'],
  },
  {
    type: 'computed_before_filter',
    title: 'Expensive expressions computed for rows later discarded',
    aliases: ['pre_filter_computed_columns', 'compute_before_filter'],
  },
  {
    type: 'correlated_subquery',
    title: 'Correlated subquery evaluated per outer row',
    aliases: ['correlated_subquery_count', 'correlated_subquery_sum', 'correlated_subquery_limit', 'n_plus_one', 'dependent_subquery'],
  },
  {
    type: 'aggregate_before_join',
    title: 'Join fans out, then aggregates: aggregate first',
    aliases: ['missing_aggregation_join', 'fan_out_join', 'join_then_aggregate'],
  },
  {
    type: 'distinct_hides_fanout',
    title: 'DISTINCT hiding a join fan-out (use a semi-join)',
    aliases: ['distinct_fanout', 'distinct_join', 'use_exists'],
  },
  { type: 'union_instead_of_union_all', title: 'UNION where UNION ALL is equivalent', aliases: ['union_dedup', 'union_distinct'] },
  { type: 'not_in_nullable', title: 'NOT IN over a nullable column', aliases: ['not_in_null', 'not_in_subquery'] },
  {
    type: 'repeated_scan',
    title: 'The same table scanned several times',
    aliases: [
      'repeated_scalar_subquery_avg',
      'repeated_scalar_subquery_max',
      'repeated_scalar_subquery',
      'scalar_subquery',
      'multiple_scans',
    ],
  },
  {
    type: 'self_join_for_window',
    title: 'Self-join (often on an inequality) where a window function works',
    aliases: ['self_join', 'self_join_running_total', 'self_join_rank'],
  },
  {
    type: 'redundant_window_functions',
    title: 'Redundant or mergeable window functions',
    aliases: ['multiple_windows', 'window_redundant'],
  },
  {
    type: 'global_window_sort',
    title: 'Window over the whole table (one global sort), e.g. row_number for a top-N',
    aliases: ['global_rank_no_partition', 'global_rank', 'unpartitioned_window', 'row_number_top_n', 'window_instead_of_limit'],
  },
  {
    type: 'conditional_aggregate',
    title: 'Conditional aggregate (SUM(CASE …)) computed where a GROUP BY with FILTER does it once',
    aliases: ['count_vs_conditional_sum', 'sum_case', 'case_when_count'],
  },
  {
    type: 'unnecessary_sort',
    title: 'A sort nobody needs (ORDER BY feeding an aggregate or join)',
    aliases: ['order_by_in_subquery', 'useless_order_by', 'redundant_sort', 'sort_in_subquery'],
  },
  { type: 'string_join_key', title: 'Join on string-typed or cast keys', aliases: ['cast_join_key', 'varchar_join_key'] },
  {
    type: 'implicit_cross_join',
    title: 'Comma join (implicit cross join) in FROM',
    aliases: ['implicit_join', 'comma_join', 'cartesian_join'],
  },
  {
    type: 'missing_explicit_join',
    title: 'Join condition in WHERE instead of an explicit JOIN … ON',
    aliases: ['explicit_join', 'ansi_join'],
  },
  {
    type: 'top_n_per_group',
    title: 'Top-N per group by a correlated subquery or full sort',
    aliases: ['latest_per_group', 'greatest_n_per_group', 'top_n_correlated'],
  },
  {
    type: 'no_pre_filter',
    title: 'Rows filtered after an expensive step instead of before',
    aliases: ['late_filter', 'filter_late', 'filter_after_aggregate'],
  },
];

const byName = new Map<string, string>();
for (const k of TAXONOMY) for (const n of [k.type, ...k.aliases]) byName.set(n, k.type);

/** lower_snake_case of any label ("Non-Sargable Cast" → "non_sargable_cast"). */
export function normaliseType(label: string): string {
  return String(label)
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** The canonical type of a label, or null when it names nothing in the taxonomy. */
export function canonicalType(label: string): string | null {
  return byName.get(normaliseType(label)) ?? null;
}

/** Every canonical type name. */
export const CANONICAL_TYPES: string[] = TAXONOMY.map((k) => k.type);
