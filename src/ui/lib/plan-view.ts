// The operator tree as the feedback shows it: plain labels and details, each node keyed by its path in the parsed tree,
// with DuckDB's own repack projections folded into the operator beneath them (their time kept beside it).
import type { PlanNode } from '../../env/types.ts';
import { isRepack, operatorLabel, plainDetail, rawName } from './plan-labels.ts';

/** One shown operator. */
export interface PlanView {
  /** where the operator sits in the parsed tree: "0" is the root, "0.1" its second child (see nodesByPath) */
  path: string;
  label: string;
  raw: string;
  time_s: number;
  rows: number;
  detail: string[];
  /** repack projections folded into this node: their paths, and their own time */
  repack: { paths: string[]; time_s: number };
  children: PlanView[];
}

/** Levels open when a plan is first shown (the root and its children); deeper operators start collapsed. */
export const OPEN_LEVELS = 2;

/** Whether `path` (the operator with the most time, say) is this shown node or one of the repacks folded into it. */
export const standsFor = (v: PlanView, path: string | null): boolean => path === v.path || (path !== null && v.repack.paths.includes(path));

/**
 * Whether an operator's children show when the plan is first shown: in the first levels, and on the way down to the
 * operator with the most time (`hottest`, a path), so the place a rewrite should look at first is in sight.
 */
export function startsOpen(path: string, depth: number, hottest: string | null): boolean {
  return depth < OPEN_LEVELS || (hottest !== null && hottest.startsWith(`${path}.`));
}

/** The shown tree of a parsed plan. */
export function planView(node: PlanNode, path = '0'): PlanView {
  if (isRepack(node) && node.children.length === 1) {
    const below = planView(node.children[0], `${path}.0`);
    return { ...below, repack: { paths: [path, ...below.repack.paths], time_s: below.repack.time_s + node.time_s } };
  }
  return {
    path,
    label: operatorLabel(node),
    raw: rawName(node),
    time_s: node.time_s,
    rows: node.rows,
    detail: plainDetail(node),
    repack: { paths: [], time_s: 0 },
    children: node.children.map((c, i) => planView(c, `${path}.${i}`)),
  };
}

/** Every operator of a parsed tree with its path, root first (the same paths as planView). */
export function nodesByPath(node: PlanNode | null, path = '0'): [string, PlanNode][] {
  if (!node) return [];
  return [[path, node], ...node.children.flatMap((c, i) => nodesByPath(c, `${path}.${i}`))];
}
