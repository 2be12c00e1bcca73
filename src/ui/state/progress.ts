// The person's progress as pure data: finished episodes, mastery per issue type, the suggested path through the tasks,
// and the export file of the page's storage (every localStorage key under one prefix) with its validation.
import { DONE_THRESHOLD } from '../../env/episode.ts';
import type { LeaderboardRow, StepResult, TaskSummary } from '../../env/types.ts';

/** Every key the page writes to localStorage starts with this (the helpers' shared contract). */
export const STORAGE_PREFIX = 'sql-optim-env:';
/** Where the finished episodes are kept. */
export const PROGRESS_KEY = `${STORAGE_PREFIX}progress`;
/** The version of the export file; an import refuses any other. */
export const EXPORT_FORMAT = 1;
/** The suggested order of difficulties: a person learns the easy patterns before the expert ones. */
export const DIFFICULTY_ORDER = ['easy', 'medium', 'medium-hard', 'hard', 'expert'];

/** One finished episode, as far as the person has seen it. */
export interface Finished {
  /** identifies the episode's end, so the same end seen twice (a reload that shows it again) counts once */
  key: string;
  task_id: string;
  score: number;
  solved: boolean;
  /** the canonical issue types of the task, revealed when the episode ended */
  types: string[];
  /** ISO time of the end */
  at: string;
}

/** The record of a finished episode from its last step (null while the episode goes on). */
export function finishedFromStep(s: StepResult, seed: number | null, at: string): Finished | null {
  if (!s.done) return null;
  const task_id = s.observation.task_id;
  return {
    key: `${task_id}|${seed ?? '-'}|${s.info.step}|${s.info.best_score}`,
    task_id,
    score: s.info.best_score,
    solved: s.info.best_score >= DONE_THRESHOLD,
    types: revealedTypes(s.info.ground_truth ?? []),
    at,
  };
}

/** The distinct canonical types of revealed ground-truth issues. */
export function revealedTypes(issues: { canonical: string }[]): string[] {
  return [...new Set(issues.map((g) => g.canonical))];
}

/** Adds an end unless it is already recorded. */
export function addFinished(list: Finished[], f: Finished): Finished[] {
  return list.some((x) => x.key === f.key) ? list : [...list, f];
}

/** Per issue type: in how many finished episodes it was revealed, and how many of those were solved. */
export interface Mastery {
  type: string;
  seen: number;
  solved: number;
}

/** Mastery per type, most seen first; only types the person has seen revealed count. */
export function mastery(list: Finished[]): Mastery[] {
  const by = new Map<string, Mastery>();
  for (const f of list)
    for (const type of f.types) {
      const m = by.get(type) ?? { type, seen: 0, solved: 0 };
      m.seen += 1;
      if (f.solved) m.solved += 1;
      by.set(type, m);
    }
  return [...by.values()].sort((a, b) => b.seen - a.seen || a.type.localeCompare(b.type));
}

/** A task on the suggested path with the best the person has reached on it. */
export interface PathEntry {
  task: TaskSummary;
  /** best score from the environment's leaderboard or the progress record, null when never submitted */
  best: number | null;
  solved: boolean;
  /** the first unsolved task of the path: where to go next */
  next: boolean;
}

/**
 * Tasks ordered easy → expert (the library's order within a difficulty), each with its best score and solved state;
 * the leaderboard (the environment's, persisted with the episode) and the progress record (which an import brings
 * from another browser) both count.
 */
export function suggestedPath(tasks: TaskSummary[], board: LeaderboardRow[], list: Finished[]): PathEntry[] {
  const rank = (d: string) => {
    const i = DIFFICULTY_ORDER.indexOf(d);
    return i < 0 ? DIFFICULTY_ORDER.length : i;
  };
  const best = new Map<string, number>();
  const raise = (id: string, score: number) => best.set(id, Math.max(score, best.get(id) ?? -Infinity));
  for (const r of board) if (r.attempts > 0) raise(r.task_id, r.best_score);
  for (const f of list) raise(f.task_id, f.score);
  const ordered = tasks.map((task, i) => ({ task, i })).sort((a, b) => rank(a.task.difficulty) - rank(b.task.difficulty) || a.i - b.i);
  let nextGiven = false;
  return ordered.map(({ task }) => {
    const b = best.get(task.id) ?? null;
    const solved = b !== null && b >= DONE_THRESHOLD;
    const next = !solved && !nextGiven;
    if (next) nextGiven = true;
    return { task, best: b, solved, next };
  });
}

/** The path split by difficulty, in the path's order. */
export function byDifficulty(path: PathEntry[]): [string, PathEntry[]][] {
  const groups = new Map<string, PathEntry[]>();
  for (const p of path) groups.set(p.task.difficulty, [...(groups.get(p.task.difficulty) ?? []), p]);
  return [...groups];
}

/** Now, as records and exports stamp it. */
export function stamp(): string {
  return new Date().toISOString();
}

/** Reads the stored record; anything unreadable counts as no progress rather than breaking the page. */
export function parseProgress(text: string | null): Finished[] {
  if (!text) return [];
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter(isFinished) : [];
  } catch {
    return [];
  }
}

function isFinished(v: unknown): v is Finished {
  const f = v as Finished;
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.key === 'string' &&
    typeof f.task_id === 'string' &&
    typeof f.score === 'number' &&
    typeof f.solved === 'boolean' &&
    Array.isArray(f.types) &&
    f.types.every((t) => typeof t === 'string') &&
    typeof f.at === 'string'
  );
}

/** The export file: every stored key of the page, as stored (strings), under a format version. */
export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  app: 'sql-optim-env';
  exported_at: string;
  entries: Record<string, string>;
}

/** The export of the page's keys among `stored` (other sites' keys on the same origin stay out). */
export function makeExport(stored: [string, string][], at: string): ExportFile {
  const entries = Object.fromEntries(stored.filter(([k]) => k.startsWith(STORAGE_PREFIX)));
  return { format: EXPORT_FORMAT, app: 'sql-optim-env', exported_at: at, entries };
}

/** Checks an export file before anything is written: a broken file is refused whole, with what is wrong. */
export function parseExport(text: string): { ok: true; entries: Record<string, string> } | { ok: false; error: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This file is not a progress export: it is not valid JSON.' };
  }
  const f = v as Partial<ExportFile> | null;
  if (typeof f !== 'object' || f === null || f.app !== 'sql-optim-env')
    return { ok: false, error: 'This file is not a progress export of sql-optim-env.' };
  if (f.format !== EXPORT_FORMAT)
    return { ok: false, error: `This progress export has format ${String(f.format)}; this page reads format ${EXPORT_FORMAT}.` };
  if (typeof f.entries !== 'object' || f.entries === null || Array.isArray(f.entries))
    return { ok: false, error: 'This progress export has no entries.' };
  for (const [k, val] of Object.entries(f.entries)) {
    if (!k.startsWith(STORAGE_PREFIX)) return { ok: false, error: `This progress export holds a key that is not the page's: ${k}` };
    if (typeof val !== 'string') return { ok: false, error: `This progress export is damaged: the value of ${k} is not text.` };
  }
  if (PROGRESS_KEY in f.entries && f.entries[PROGRESS_KEY] !== JSON.stringify(parseProgress(f.entries[PROGRESS_KEY])))
    return { ok: false, error: 'This progress export is damaged: its list of finished episodes cannot be read.' };
  return { ok: true, entries: f.entries };
}
