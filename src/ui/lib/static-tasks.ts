// The task library read in the page itself, so tasks can be read while the worker still generates data,
// and a restored episode's original SQL can be rebuilt from (task, seed) after a reload.
import { instantiate, loadTasks, summarize, type TaskDef, type TaskInstance } from '../../env/tasks.ts';
import type { TaskSummary } from '../../env/types.ts';

const globbed = import.meta.glob('../../../tasks/*/*', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

function load(): Map<string, TaskDef> {
  const files = Object.fromEntries(Object.entries(globbed).map(([k, v]) => [k.replace(/^(\.\.\/)+/, ''), v]));
  try {
    return loadTasks(files);
  } catch (e) {
    // The worker validates the same files and reports the error properly; the page just shows no preview.
    console.error(e);
    return new Map();
  }
}

const defs = load();

/** Summaries of every task, in the library's order. */
export const STATIC_TASKS: TaskSummary[] = [...defs.values()].map(summarize);

/** The original SQL and description of a task for a seed (null: the canonical variant). */
export function taskText(taskId: string, seed: number | null): { original: string; description: string } | null {
  const def = defs.get(taskId);
  if (!def) return null;
  const inst = instantiate(def, seed);
  return { original: inst.original, description: inst.description };
}

/** The whole task variant for a seed (hints, reference, max steps), or null for a task this version does not have. */
export function taskInstance(taskId: string, seed: number | null): TaskInstance | null {
  const def = defs.get(taskId);
  return def ? instantiate(def, seed) : null;
}
