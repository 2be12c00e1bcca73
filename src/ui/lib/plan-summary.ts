// What one plan does, in a few plain sentences: which tables it scans and how often, the rows those scans keep, the
// filters applied inside them, and the operator with the most time of its own.
import type { PlanNode } from '../../env/types.ts';
import { fmtMs, fmtRows } from './format.ts';
import { operatorLabel, rawName, scanFilters, tableOf } from './plan-labels.ts';
import { nodesByPath } from './plan-view.ts';

/**
 * Why "time in operators" is not the timing's median, as measured on DuckDB-WASM 1.32 with task 2 (original and
 * reference, tier premium): the profiler charges each operator only its own work in one profiled run, on the visible
 * data; a timed run's wall time also holds parsing and planning (about 15 ms for the original, timed with a plain
 * EXPLAIN), work charged to no operator, and hashing the result for the correctness check, and the median is taken
 * over many runs (on the hidden data for a step). A single profiled run is also noisier: the first one of a statement
 * took 200-270 ms in operators where later ones took 50-75 ms. Seen side by side: a step's medians of 157 and 69 ms
 * against 80 and 94 ms in operators; a run's 208 and 92 ms against 80 and 85 ms. So neither is reliably the larger.
 * The original's plan is profiled once and reused (executor.ts caches it). The profile's own total (latency) is 0 in
 * DuckDB-WASM, so only the operators' sum is shown.
 */
export const OPERATOR_TIME_NOTE =
  'Time in operators sums what DuckDB’s profiler charged to each operator during one profiled run on the visible data; ' +
  'the timing’s median comes from many whole runs, planning and the result check included, ' +
  'so the two numbers differ and either can be larger.';

/** How one table is read. */
export interface TableReads {
  table: string;
  scans: number;
  /** rows the scans passed on, after the filters applied inside them */
  rows: number;
  /** filters applied inside the scans (they drop rows) */
  filters: string[];
  /** filters DuckDB uses only to skip row groups by their min/max */
  skipping: string[];
}

/** The facts the summary sentences are made of. */
export interface PlanSummary {
  /** the operators' own times added up (DuckDB-WASM leaves the query's latency at 0) */
  operator_s: number;
  tables: TableReads[];
  hottest: { path: string; label: string; raw: string; time_s: number; share: number } | null;
}

/** The operators' own times, added up. */
export function operatorSeconds(tree: PlanNode | null): number {
  return nodesByPath(tree).reduce((sum, [, n]) => sum + n.time_s, 0);
}

/** The facts of one plan; tables in the order the plan first reads them, most rows first. */
export function summarisePlan(tree: PlanNode | null): PlanSummary {
  const nodes = nodesByPath(tree);
  const operator_s = operatorSeconds(tree);
  const byTable = new Map<string, TableReads>();
  for (const [, n] of nodes) {
    const table = tableOf(n);
    if (table === null) continue;
    const t = byTable.get(table) ?? { table, scans: 0, rows: 0, filters: [], skipping: [] };
    const f = scanFilters(n);
    byTable.set(table, {
      ...t,
      scans: t.scans + 1,
      rows: t.rows + n.rows,
      filters: [...t.filters, ...f.filters.filter((x) => !t.filters.includes(x))],
      skipping: [...t.skipping, ...f.skipping.filter((x) => !t.skipping.includes(x))],
    });
  }
  // The first of equal times wins, so the hottest is stable across renders.
  const top = nodes.reduce<[string, PlanNode] | null>((best, e) => (!best || e[1].time_s > best[1].time_s ? e : best), null);
  const hottest =
    top && top[1].time_s > 0
      ? { path: top[0], label: operatorLabel(top[1]), raw: rawName(top[1]), time_s: top[1].time_s, share: top[1].time_s / operator_s }
      : null;
  const tables = [...byTable.values()].sort((a, b) => b.rows - a.rows);
  return { operator_s, tables, hottest };
}

/** "once", "twice", "3 times". */
export const times = (n: number): string => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

/** "a, b and c". */
export const listOf = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** The summary in plain sentences, most telling first. */
export function summaryLines(s: PlanSummary): string[] {
  const lines: string[] = [];
  if (s.tables.length) {
    const reads = s.tables.map((t) => `${t.table} ${times(t.scans)} (${fmtRows(t.rows)} ${t.rows === 1 ? 'row' : 'rows'} kept)`);
    lines.push(`Scans ${listOf(reads)}.`);
    const filtered = s.tables.filter((t) => t.filters.length);
    lines.push(
      filtered.length
        ? `Filtered inside the scan: ${filtered.map((t) => `${t.table} by ${t.filters.join(', ')}`).join('; ')}.`
        : 'No filter is applied inside the scans.',
    );
    const skipping = s.tables.filter((t) => t.skipping.length);
    if (skipping.length)
      lines.push(`Used only to skip row groups: ${skipping.map((t) => `${t.table} by ${t.skipping.join(', ')}`).join('; ')}.`);
  } else lines.push('Reads no table.');
  if (s.hottest)
    lines.push(
      `Most time: ${s.hottest.label}, ${fmtMs(s.hottest.time_s * 1000)} (${Math.round(s.hottest.share * 100)}% of the time in operators).`,
    );
  return lines;
}
