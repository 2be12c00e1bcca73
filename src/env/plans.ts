// EXPLAIN (ANALYZE, FORMAT json) output → our Plan: an operator tree with per-operator time and rows, and a text rendering.
import type { Plan, PlanNode } from './types.ts';

interface RawNode {
  operator_name?: string;
  operator_type?: string;
  operator_timing?: number;
  operator_cardinality?: number;
  latency?: number;
  extra_info?: Record<string, unknown>;
  children?: RawNode[];
}

// Detail lines shown per operator; long projection lists are cut so a plan stays readable.
const MAX_DETAIL_LINES = 4;
const MAX_DETAIL_CHARS = 120;

function detail(info: Record<string, unknown> | undefined): string[] {
  if (!info) return [];
  return Object.entries(info)
    .filter(([k]) => k !== 'Estimated Cardinality')
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
    .map((l) => (l.length > MAX_DETAIL_CHARS ? `${l.slice(0, MAX_DETAIL_CHARS - 1)}…` : l))
    .slice(0, MAX_DETAIL_LINES);
}

function toNode(r: RawNode): PlanNode {
  return {
    name: (r.operator_name ?? r.operator_type ?? '?').trim(),
    time_s: r.operator_timing ?? 0,
    rows: r.operator_cardinality ?? 0,
    detail: detail(r.extra_info),
    children: (r.children ?? []).map(toNode),
  };
}

/** Indented text: one operator per line with its rows and time, details beneath. */
export function renderPlan(node: PlanNode, depth = 0): string {
  const pad = '  '.repeat(depth);
  const head = `${pad}${node.name}  rows=${node.rows.toLocaleString('en-US')}  time=${(node.time_s * 1000).toFixed(1)} ms`;
  const info = node.detail.map((d) => `${pad}    ${d}`);
  return [head, ...info, ...node.children.map((c) => renderPlan(c, depth + 1))].join('\n');
}

/** Parses the explain_value of EXPLAIN (ANALYZE, FORMAT json); drops the EXPLAIN_ANALYZE wrapper operator. */
export function parsePlan(json: string): Plan {
  const root = JSON.parse(json) as RawNode;
  let top = root.children?.[0];
  while (top && /EXPLAIN_ANALYZE/.test(top.operator_type ?? top.operator_name ?? '') && top.children?.length) top = top.children[0];
  const tree = top ? toNode(top) : null;
  return { tree, text: tree ? renderPlan(tree) : '', total_s: root.latency ?? 0 };
}

/** Operators sorted by their own time, most expensive first (for the UI and feedback). */
export function hottest(plan: Plan, n = 3): PlanNode[] {
  const all: PlanNode[] = [];
  const walk = (p: PlanNode) => (all.push(p), p.children.forEach(walk));
  if (plan.tree) walk(plan.tree);
  return all.sort((a, b) => b.time_s - a.time_s).slice(0, n);
}
