// Plain words for DuckDB's operators: a readable label per operator (its raw name stays available), detail lines without
// engine-internal noise, and the "repack" projections DuckDB inserts for itself, which a reader can skip.
import type { PlanNode } from '../../env/types.ts';

/** Labels of operators whose name says all; joins and scans are labelled from their details (operatorLabel). */
const LABELS: Record<string, string> = {
  HASH_GROUP_BY: 'Group by (hash table)',
  PERFECT_HASH_GROUP_BY: 'Group by (small key range)',
  UNGROUPED_AGGREGATE: 'Aggregate all rows',
  SIMPLE_AGGREGATE: 'Aggregate all rows',
  WINDOW: 'Window function',
  STREAMING_WINDOW: 'Window function (streaming)',
  FILTER: 'Filter',
  PROJECTION: 'Compute columns',
  ORDER_BY: 'Sort',
  TOP_N: 'Top N (sort with a limit)',
  LIMIT: 'Limit',
  STREAMING_LIMIT: 'Limit (streaming)',
  LIMIT_PERCENT: 'Limit (percent)',
  STREAMING_SAMPLE: 'Sample',
  UNION: 'Union',
  UNNEST: 'Unnest',
  DUMMY_SCAN: 'One constant row',
  EMPTY_RESULT: 'Empty result (nothing to read)',
  COLUMN_DATA_SCAN: 'Read buffered rows',
  DELIM_SCAN: 'Keys passed to a subquery',
  CTE: 'WITH query',
  CTE_SCAN: 'Read WITH query',
  RECURSIVE_CTE: 'Recursive WITH query',
  RECURSIVE_CTE_SCAN: 'Read recursive WITH query',
  RESULT_COLLECTOR: 'Collect result',
  INOUT_FUNCTION: 'Table function',
  TABLE_FUNCTION: 'Table function',
};

/** Join algorithms; the join type (inner, semi, …) is added from the details. */
const JOINS: Record<string, string> = {
  HASH_JOIN: 'Hash join',
  NESTED_LOOP_JOIN: 'Nested-loop join',
  BLOCKWISE_NL_JOIN: 'Block nested-loop join',
  PIECEWISE_MERGE_JOIN: 'Merge range join',
  IE_JOIN: 'Inequality join',
  CROSS_PRODUCT: 'Cross product (every pair)',
  POSITIONAL_JOIN: 'Positional join',
  ASOF_JOIN: 'As-of join',
  INDEX_JOIN: 'Index join',
  // DuckDB turns a correlated subquery into a join against the distinct outer keys ("delim join").
  DELIM_JOIN: 'Subquery join',
  LEFT_DELIM_JOIN: 'Subquery join',
  RIGHT_DELIM_JOIN: 'Subquery join',
};

/** Join types whose DuckDB name says little; the others are shown lowercased (inner, left, semi, anti, …). */
const JOIN_TYPES: Record<string, string> = {
  SINGLE: 'scalar subquery',
  MARK: 'IN / EXISTS test',
};

/** Detail keys renamed for people; keys mapped to null are dropped (said by the label, or internal bookkeeping). */
const KEYS: Record<string, string | null> = {
  Projections: 'Columns',
  Filters: 'Filter in scan',
  Expression: 'Condition',
  Conditions: 'On',
  Groups: 'Group by',
  Aggregates: 'Computes',
  'Order By': 'Order by',
  'Join Type': null,
  Table: null,
  'CTE Name': null,
  'Delim Index': null,
  'Table Index': null,
  'CTE Index': null,
};

/** "optional: x" in a scan's filters: DuckDB uses x only to skip row groups by their min/max, not to drop rows. */
const OPTIONAL = 'optional: ';

/** The operator's name as DuckDB spells it (trimmed; plans.ts already trims). */
export const rawName = (n: PlanNode): string => n.name.trim();

/** The value of the detail line `key: value`, or null. */
export function detailValue(n: PlanNode, key: string): string | null {
  const line = n.detail.find((d) => d.startsWith(`${key}: `));
  return line === undefined ? null : line.slice(key.length + 2);
}

/** The table a scan reads, or null for any other operator. */
export const tableOf = (n: PlanNode): string | null => detailValue(n, 'Table');

/**
 * `__internal_compress_…(#0, 1)` → `#0`: DuckDB's own packing of values, which says nothing about the query; DuckDB's
 * name for count(*) back to the SQL a person wrote; and the " Filter: #2" DuckDB repeats after an aggregate's FILTER.
 */
const unwrapInternal = (s: string): string =>
  s
    .replace(/__internal_\w+\((#\d+)(?:, \d+)?\)/g, '$1')
    .replaceAll('count_star()', 'count(*)')
    .replace(/(FILTER \(WHERE [^)]*\)) Filter: #\d+/g, '$1');

/** A value made only of column positions (#0, #2): the columns pass through unchanged. */
const onlyPositions = (s: string): boolean => /^#\d+(, #\d+)*$/.test(s.trim());

/**
 * A projection DuckDB adds for itself: it only reorders columns or packs/unpacks their values (its expressions are
 * positions, bare or wrapped in `__internal_` functions). Its own time is real and is kept, but it teaches nothing.
 */
export function isRepack(n: PlanNode): boolean {
  if (rawName(n) !== 'PROJECTION') return false;
  const cols = detailValue(n, 'Projections');
  return cols === null || onlyPositions(unwrapInternal(cols));
}

/** What a repack projection is called where its time is mentioned. */
export const REPACK_LABEL = 'Repack columns (internal)';

/** A readable label: "Hash join (semi)", "Scan orders", "Group by (hash table)"; the raw name when unknown. */
export function operatorLabel(n: PlanNode): string {
  const raw = rawName(n);
  const table = tableOf(n);
  if (table !== null) return `Scan ${table}`;
  if (raw in JOINS) {
    const type = detailValue(n, 'Join Type');
    if (!type) return JOINS[raw];
    return `${JOINS[raw]} (${JOIN_TYPES[type] ?? type.toLowerCase().replaceAll('_', ' ')})`;
  }
  if (raw === 'PROJECTION' && isRepack(n)) return REPACK_LABEL;
  if (raw === 'CTE') {
    const name = detailValue(n, 'CTE Name');
    return name ? `WITH query ${name}` : LABELS.CTE;
  }
  return LABELS[raw] ?? sentenceCase(raw);
}

const sentenceCase = (raw: string): string => {
  const words = raw.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Detail lines in plain words: internal wrappers unwrapped, positions-only and empty values dropped, keys renamed. */
export function plainDetail(n: PlanNode): string[] {
  const out: string[] = [];
  for (const line of n.detail) {
    const at = line.indexOf(': ');
    const key = at < 0 ? '' : line.slice(0, at);
    const value = unwrapInternal(at < 0 ? line : line.slice(at + 2)).trim();
    if (KEYS[key] === null || value === '' || onlyPositions(value)) continue;
    if (key === 'Type' && value === 'Sequential Scan') continue;
    if (key === 'Filters') {
      const { filters, skipping } = splitFilters(value);
      if (filters.length) out.push(`${KEYS.Filters}: ${filters.join(', ')}`);
      if (skipping.length) out.push(`Used to skip row groups: ${skipping.join(', ')}`);
      continue;
    }
    // A scan's projections are the columns it reads: fewer columns, less to read.
    const shown = key === 'Projections' && tableOf(n) !== null ? 'Columns read' : (KEYS[key] ?? key);
    out.push(at < 0 ? value : `${shown}: ${value}`);
  }
  return out;
}

/** A scan's filters: those that drop rows, and those DuckDB uses only to skip row groups ("optional: …"). */
export function scanFilters(n: PlanNode): { filters: string[]; skipping: string[] } {
  return splitFilters(detailValue(n, 'Filters') ?? '');
}

/** plans.ts joins a list of filters with ", "; an optional one starts its own piece. */
function splitFilters(value: string): { filters: string[]; skipping: string[] } {
  const pieces = value.split(/(?:^|, )(?=optional: )/).filter((p) => p.trim() !== '');
  return {
    filters: pieces.filter((p) => !p.startsWith(OPTIONAL)),
    skipping: pieces.filter((p) => p.startsWith(OPTIONAL)).map((p) => p.slice(OPTIONAL.length)),
  };
}
