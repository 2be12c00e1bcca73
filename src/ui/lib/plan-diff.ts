// What changed between two plans, in a line or two and as the operators to mark in each tree: tables scanned more or
// less often or keeping far fewer rows, and operators (join types included) found in one plan only.
import type { Plan, PlanNode } from '../../env/types.ts';
import { fmtRows } from './format.ts';
import { isRepack, operatorLabel, tableOf } from './plan-labels.ts';
import { listOf, summarisePlan, times, type TableReads } from './plan-summary.ts';
import { nodesByPath } from './plan-view.ts';

/** One side of a comparison: "Original", "Rewrite", "Reference", … */
export interface LabelledPlan {
  label: string;
  plan: Plan | null;
}

/** Why an operator is marked. */
export type Mark = 'only-here' | 'reads-differ';

export interface PlanDiff {
  /** sentences, most telling first; empty when a side has no plan */
  lines: string[];
  /** the operators to mark, by path (plan-view.ts), in the left and the right tree */
  left: Map<string, Mark>;
  right: Map<string, Mark>;
}

/** A change in rows kept smaller than this share of the larger side is noise between runs, not a difference. */
const ROWS_SHARE = 0.1;
/** …and so is one smaller than this many rows. */
const ROWS_MIN = 1000;
/** Operator kinds named per side before "and N more". */
const MAX_KINDS = 6;

/** The kind an operator is compared by: its plain label (so a join type change counts); scans and repacks aside. */
const kindOf = (n: PlanNode): string | null => (tableOf(n) !== null || isRepack(n) ? null : operatorLabel(n));

/** Each kind with how many operators of it the plan has and their own time added up. */
function kinds(tree: PlanNode | null): Map<string, { count: number; time_s: number }> {
  const out = new Map<string, { count: number; time_s: number }>();
  for (const [, n] of nodesByPath(tree)) {
    const k = kindOf(n);
    const seen = out.get(k ?? '') ?? { count: 0, time_s: 0 };
    if (k !== null) out.set(k, { count: seen.count + 1, time_s: seen.time_s + n.time_s });
  }
  return out;
}

const rowsDiffer = (a: number, b: number): boolean => Math.abs(a - b) >= Math.max(ROWS_MIN, ROWS_SHARE * Math.max(a, b));

/** One sentence on how `right` reads a table compared with `left`, or null when it reads it alike. */
function tableLine(table: string, a: TableReads | undefined, b: TableReads | undefined, right: string, left: string): string | null {
  if (!b) return `${right} does not scan ${table}; ${left} scans it ${times(a!.scans)}.`;
  if (!a) return `${right} scans ${table} ${times(b.scans)}; ${left} does not scan it.`;
  const parts: string[] = [];
  if (a.scans !== b.scans) parts.push(`scans ${table} ${times(b.scans)} instead of ${times(a.scans)}`);
  if (rowsDiffer(a.rows, b.rows)) {
    const more = b.rows > a.rows ? 'more' : 'fewer';
    const from = parts.length ? 'from it' : `from ${table}`;
    parts.push(`keeps ${fmtRows(Math.abs(a.rows - b.rows))} ${more} rows ${from} (${fmtRows(b.rows)} instead of ${fmtRows(a.rows)})`);
  }
  return parts.length ? `${right} ${parts.join(' and ')}.` : null;
}

/** "Window function, Hash join (semi) ×2 and 3 more": the kinds with the most time first. */
function kindList(ks: [string, { count: number; time_s: number }][]): string {
  const sorted = [...ks].sort((a, b) => b[1].time_s - a[1].time_s);
  const named = sorted.slice(0, MAX_KINDS).map(([k, { count }]) => (count > 1 ? `${k} ×${count}` : k));
  if (ks.length > MAX_KINDS) named.push(`${ks.length - MAX_KINDS} more`);
  return listOf(named);
}

/** The differences between two plans, told from the right side's point of view ("Rewrite keeps …"). */
export function diffPlans(left: LabelledPlan, right: LabelledPlan): PlanDiff {
  const diff: PlanDiff = { lines: [], left: new Map(), right: new Map() };
  const [ta, tb] = [left.plan?.tree ?? null, right.plan?.tree ?? null];
  if (!ta || !tb) return diff;

  const [sa, sb] = [summarisePlan(ta), summarisePlan(tb)];
  const reads = (s: typeof sa) => new Map(s.tables.map((t) => [t.table, t]));
  const [ra, rb] = [reads(sa), reads(sb)];
  const changedTables = new Set<string>();
  // Tables in the order of the left plan's rows, then those only the right reads.
  for (const table of new Set([...ra.keys(), ...rb.keys()])) {
    const line = tableLine(table, ra.get(table), rb.get(table), right.label, left.label);
    if (!line) continue;
    diff.lines.push(line);
    changedTables.add(table);
  }

  const [ka, kb] = [kinds(ta), kinds(tb)];
  const onlyA = [...ka].filter(([k]) => !kb.has(k));
  const onlyB = [...kb].filter(([k]) => !ka.has(k));
  if (onlyA.length) diff.lines.push(`Only in ${left.label}: ${kindList(onlyA)}.`);
  if (onlyB.length) diff.lines.push(`Only in ${right.label}: ${kindList(onlyB)}.`);
  if (!diff.lines.length) diff.lines.push('Both plans use the same operators and read the same tables alike.');

  const mark = (tree: PlanNode, only: [string, unknown][], into: Map<string, Mark>) => {
    const onlyHere = new Set(only.map(([k]) => k));
    for (const [path, n] of nodesByPath(tree)) {
      const table = tableOf(n);
      const k = kindOf(n);
      if (table !== null && changedTables.has(table)) into.set(path, 'reads-differ');
      else if (k !== null && onlyHere.has(k)) into.set(path, 'only-here');
    }
  };
  mark(ta, onlyA, diff.left);
  mark(tb, onlyB, diff.right);
  return diff;
}
