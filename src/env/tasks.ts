// Task library: loads tasks/<id>/{task.json, original.sql, reference.sql (optional for decoys)}, validates them, and instantiates seeded variants.
import { EnvError } from './errors.ts';
import { GOAL } from './goal.ts';
import { canonicalType } from './taxonomy.ts';
import { SEVERITIES, type GroundTruthIssue, type Severity, type TaskSummary } from './types.ts';

export const DIFFICULTIES = ['easy', 'medium', 'medium-hard', 'hard', 'expert'] as const;

/** A task as written in its folder; `{{name}}` in the SQL and description is replaced per seed from `params`. */
export interface TaskDef {
  id: string;
  name: string;
  difficulty: (typeof DIFFICULTIES)[number];
  max_steps: number;
  description: string;
  approved_expected: boolean;
  /** an already-good query: the right action is to approve it */
  decoy: boolean;
  /** the original orders by a unique key, so row order is part of the answer */
  order_sensitive: boolean;
  tags: string[];
  hints: string[];
  /** why the reference works in DuckDB (a decoy: why the original already is as good as it gets); shown with the solution */
  explanation: string;
  params: Record<string, (string | number)[]>;
  issues: GroundTruthIssue[];
  original: string;
  reference: string;
}

/** A task with its constants fixed for one seed. */
export type TaskInstance = TaskDef & { seed: number | null; bindings: Record<string, string | number> };

/** Thrown for a malformed task file; names the file and the field. */
function bad(file: string, field: string, what: string): never {
  throw new EnvError('INVALID_REQUEST', `${file}: field "${field}" ${what}`);
}

function str(o: Record<string, unknown>, k: string, file: string, opts: { optional?: boolean } = {}): string {
  const v = o[k];
  if (v === undefined && opts.optional) return '';
  if (typeof v !== 'string' || v.trim() === '') bad(file, k, `must be a non-empty string (got ${JSON.stringify(v)})`);
  return v;
}

function parseIssue(v: unknown, i: number, file: string): GroundTruthIssue {
  const f = `issues[${i}]`;
  if (typeof v !== 'object' || v === null) bad(file, f, 'must be an object');
  const o = v as Record<string, unknown>;
  const type = str(o, 'type', file);
  const canonical = typeof o.canonical === 'string' ? o.canonical : canonicalType(type);
  if (!canonical || canonicalType(canonical) !== canonical)
    bad(file, `${f}.canonical`, `must name a type of the taxonomy in src/env/taxonomy.ts (got ${JSON.stringify(o.canonical ?? type)})`);
  if (!Number.isInteger(o.line) || (o.line as number) < 1)
    bad(file, `${f}.line`, `must be a line number ≥ 1 (got ${JSON.stringify(o.line)})`);
  if (!(SEVERITIES as readonly unknown[]).includes(o.severity))
    bad(file, `${f}.severity`, `must be one of ${SEVERITIES.join(', ')} (got ${JSON.stringify(o.severity)})`);
  const keywords = o.keywords ?? [];
  if (!Array.isArray(keywords) || !keywords.every((k) => typeof k === 'string')) bad(file, `${f}.keywords`, 'must be a list of strings');
  return { type, canonical, line: o.line as number, severity: o.severity as Severity, description: str(o, 'description', file), keywords };
}

/** An explanation is a few sentences: long enough to give the mechanism, short enough to read beside two plans. */
export const EXPLANATION_SENTENCES = { min: 2, max: 5 } as const;

/** Sentences of a text: runs ending in . ! or ? followed by a space or the end ("e.g." and "1.5" do not end one). */
export function sentenceCount(text: string): number {
  return text.split(/(?<![.]\w|\be\.g|\bi\.e|\bvs)[.!?](?=\s+[A-Z(`'"]|\s*$)/).filter((p) => p.trim() !== '').length;
}

function explanationOf(o: Record<string, unknown>, file: string): string {
  const text = str(o, 'explanation', file);
  const n = sentenceCount(text);
  const { min, max } = EXPLANATION_SENTENCES;
  if (n < min || n > max) bad(file, 'explanation', `must be ${min} to ${max} sentences (got ${n})`);
  return text;
}

/** Parses and validates one task folder's files. */
export function parseTask(id: string, json: string, original: string | undefined, reference: string | undefined): TaskDef {
  const file = `tasks/${id}/task.json`;
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json);
  } catch (e) {
    throw new EnvError('INVALID_REQUEST', `${file}: not valid JSON (${(e as Error).message})`);
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) bad(file, '(root)', 'must be an object');
  if (o.id !== id) bad(file, 'id', `must equal the folder name "${id}" (got ${JSON.stringify(o.id)})`);
  if (!DIFFICULTIES.includes(o.difficulty as TaskDef['difficulty'])) bad(file, 'difficulty', `must be one of ${DIFFICULTIES.join(', ')}`);
  if (!Number.isInteger(o.max_steps) || (o.max_steps as number) < 1 || (o.max_steps as number) > 20)
    bad(file, 'max_steps', 'must be an integer from 1 to 20');
  if (typeof o.approved_expected !== 'boolean') bad(file, 'approved_expected', 'must be true or false');
  if (!Array.isArray(o.issues)) bad(file, 'issues', 'must be a list');
  const hints = o.hints ?? [];
  if (!Array.isArray(hints) || !hints.every((h) => typeof h === 'string')) bad(file, 'hints', 'must be a list of strings');
  const params = (o.params ?? {}) as Record<string, unknown>;
  if (typeof params !== 'object' || Array.isArray(params)) bad(file, 'params', 'must be an object of name → list of values');
  for (const [k, vs] of Object.entries(params))
    if (!Array.isArray(vs) || vs.length === 0 || !vs.every((x) => typeof x === 'string' || typeof x === 'number'))
      bad(file, `params.${k}`, 'must be a non-empty list of numbers or strings');
  if (!original?.trim()) bad(`tasks/${id}/original.sql`, '(file)', 'is missing or empty');
  const decoy = o.decoy === true;
  // A decoy's answer is the original itself, so its folder may leave reference.sql out.
  if (!reference?.trim() && !decoy) bad(`tasks/${id}/reference.sql`, '(file)', 'is missing or empty');
  if (decoy !== o.approved_expected) bad(file, 'decoy', 'a decoy (already good query) must expect approval, and only a decoy may');
  const issues = (o.issues as unknown[]).map((v, i) => parseIssue(v, i, file));
  if (!decoy && issues.length === 0) bad(file, 'issues', 'must list at least one issue for a task that is not a decoy');
  return {
    id,
    name: str(o, 'name', file),
    difficulty: o.difficulty as TaskDef['difficulty'],
    max_steps: o.max_steps as number,
    description: str(o, 'description', file),
    approved_expected: o.approved_expected as boolean,
    decoy,
    order_sensitive: o.order_sensitive === true,
    tags: Array.isArray(o.tags) ? (o.tags as string[]) : [],
    hints: hints as string[],
    explanation: explanationOf(o, file),
    params: params as TaskDef['params'],
    issues,
    original: original!.trim(),
    reference: (reference?.trim() ? reference : original!).trim(),
  };
}

/** Loads every task from a map of 'tasks/<id>/<file>' → text (fs in Node, import.meta.glob in the browser). */
export function loadTasks(files: Record<string, string>): Map<string, TaskDef> {
  const byId = new Map<string, Record<string, string>>();
  for (const [path, text] of Object.entries(files)) {
    const m = /(?:^|\/)tasks\/([^/]+)\/([^/]+)$/.exec(path);
    if (!m) continue;
    if (!byId.has(m[1])) byId.set(m[1], {});
    byId.get(m[1])![m[2]] = text;
  }
  const tasks = new Map<string, TaskDef>();
  for (const id of [...byId.keys()].sort(naturalOrder)) {
    const f = byId.get(id)!;
    if (!f['task.json']) continue; // a folder without task.json (e.g. README assets) is not a task
    tasks.set(id, parseTask(id, f['task.json'], f['original.sql'], f['reference.sql']));
  }
  return tasks;
}

/** task_2 before task_10. */
function naturalOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** Deterministic choice of each parameter's value for a seed; seed null picks the first (the canonical variant). */
export function instantiate(task: TaskDef, seed: number | null): TaskInstance {
  const bindings: Record<string, string | number> = {};
  for (const [name, values] of Object.entries(task.params)) {
    bindings[name] = seed === null ? values[0] : values[mix(seed, name) % values.length];
  }
  const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k in bindings ? String(bindings[k]) : m));
  return { ...task, seed, bindings, original: fill(task.original), reference: fill(task.reference), description: fill(task.description) };
}

/** A small integer hash of (seed, name), stable across platforms: FNV-1a, then murmur3's finaliser to mix the bits. */
function mix(seed: number, name: string): number {
  let h = 2166136261;
  for (const ch of `${seed}:${name}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The public summary of a task, with the default reward's goal (the environment gives its own reward's). */
export function summarize(t: TaskDef): TaskSummary {
  return {
    id: t.id,
    name: t.name,
    difficulty: t.difficulty,
    max_steps: t.max_steps,
    description: t.description,
    goal: GOAL,
  };
}
