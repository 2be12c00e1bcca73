// The rule policy's rewrites, in the order they are tried, and the function that applies them to a query's text.
import { type RewriteRule } from './rewrite-context.ts';
import { anchoredRegexEquality, dateDiffRange, datePeriodRange, integerTextCompare, integerTextJoin } from './rewrite-predicates.ts';
import { distinctSemiJoin, orToUnionAll, semiJoinBeforeAggregate } from './rewrite-filters.ts';
import { conditionalCount, dropSubquerySort, explicitJoin, mergeScalarAggregates } from './rewrite-structure.ts';
import { rowNumberTopN, runningAggregateWindow } from './rewrite-windows.ts';
import { ColumnTypes, type Schema, applyEdits, tokenize } from './sql-text.ts';

export type { RewriteRule };

/** Every rule; each states the equivalence it relies on in `does`. Predicates first, then shapes. */
export const REWRITE_RULES: readonly RewriteRule[] = [
  integerTextJoin,
  integerTextCompare,
  datePeriodRange,
  dateDiffRange,
  anchoredRegexEquality,
  conditionalCount,
  dropSubquerySort,
  explicitJoin,
  mergeScalarAggregates,
  rowNumberTopN,
  runningAggregateWindow,
  orToUnionAll,
  distinctSemiJoin,
  semiJoinBeforeAggregate,
];

export interface Rewrite {
  sql: string;
  /** the rules that changed the text, in order */
  applied: RewriteRule[];
}

/** Applies every rule that matches, each to the previous one's output; unchanged text when none does. */
export function rewrite(sql: string, schema: Schema, rules: readonly RewriteRule[] = REWRITE_RULES): Rewrite {
  let out = sql;
  const applied: RewriteRule[] = [];
  for (const rule of rules) {
    const t = tokenize(out);
    const edits = rule.edits({ sql: out, t, types: new ColumnTypes(schema, t) });
    if (!edits.length) continue;
    out = applyEdits(out, edits);
    applied.push(rule);
  }
  return { sql: out, applied };
}
