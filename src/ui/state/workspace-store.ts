// Keeps each task's workspace (draft, findings, opened hints, reveal, parked episode) in localStorage, so a reload loses
// none of the person's work. Writes are debounced; a full storage or an unreadable value becomes a notice, never a crash.
import { z } from 'zod';
import { GroundTruthIssue, Plan, Severity } from '../../env/types.ts';
import type { Workspace } from './page-state.ts';

/** Every key the page writes starts with this (the helpers' shared rule); one key per task. */
export const WORKSPACE_PREFIX = 'sql-optim-env:workspace:';
/** How long typing may pause before the draft is written. */
export const SAVE_DELAY_MS = 400;

// A draft issue as typed (the form checks it); loose, so half-typed work still loads.
const DraftIssue = z.object({ issue_type: z.string(), line: z.number(), description: z.string(), severity: Severity, fix: z.string() });

const StoredWorkspace = z.object({
  draft: z.object({ sql: z.string(), issues: z.array(DraftIssue), summary: z.string(), estimate: z.string(), approved: z.boolean() }),
  edited: z.boolean(),
  hints: z.array(z.string()),
  hintInfo: z.object({ total: z.number(), cost: z.number() }).nullable(),
  reveal: z
    .object({
      ending: z.enum(['solved', 'out-of-steps', 'gave-up']),
      original: z.string(),
      reference_query: z.string().nullable(),
      ground_truth: z.array(GroundTruthIssue),
      explanation: z.string(),
      best_score: z.number().nullable(),
      cumulative_reward: z.number().nullable(),
      reference_speedup: z.number().nullable(),
      plans: z.object({ original: Plan.nullable(), reference: Plan.nullable() }).nullable(),
    })
    .nullable(),
  // The environment validates a parked episode when it is restored; here it is only carried.
  parked: z.unknown().default(null),
});

/** The part of Storage used here (localStorage in the page, an in-memory one in tests). */
export type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export class WorkspaceStore {
  private pending: Record<string, Workspace> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** what was last written, by reference: unchanged workspaces are not serialized again */
  private written = new Map<string, Workspace>();

  constructor(
    private readonly storage: KeyValue | null,
    private readonly notify: (text: string) => void,
  ) {}

  /** Every stored workspace; an unreadable one is dropped (and said), the rest still load. */
  load(): Record<string, Workspace> {
    const out: Record<string, Workspace> = {};
    const st = this.storage;
    if (!st) return out;
    const keys: string[] = [];
    for (let i = 0; i < st.length; i++) {
      const k = st.key(i);
      if (k?.startsWith(WORKSPACE_PREFIX)) keys.push(k);
    }
    for (const k of keys) {
      const task = k.slice(WORKSPACE_PREFIX.length);
      const parsed = StoredWorkspace.safeParse(parseJson(st.getItem(k)));
      if (parsed.success) {
        out[task] = parsed.data as Workspace;
        this.written.set(task, out[task]);
      } else {
        this.notify(`Your saved work on “${task}” could not be read and was set aside.`);
        st.removeItem(k);
      }
    }
    return out;
  }

  /** Saves `workspaces` a moment after the last change (typing does not write on every key). */
  schedule(workspaces: Record<string, Workspace>): void {
    this.pending = workspaces;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }

  /** Writes what is pending now (the page is being hidden or unloaded). */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const all = this.pending;
    this.pending = null;
    if (!all || !this.storage) return;
    const failed: string[] = [];
    for (const [task, w] of Object.entries(all)) {
      if (this.written.get(task) === w) continue;
      try {
        // A task merely looked at holds nothing to keep: no key for it (and none left over from before).
        if (holdsWork(w)) this.storage.setItem(WORKSPACE_PREFIX + task, JSON.stringify(w));
        else this.storage.removeItem(WORKSPACE_PREFIX + task);
        this.written.set(task, w);
      } catch {
        // QuotaExceededError (or storage switched off): the work stays in the page, it just won't survive a reload.
        failed.push(task);
      }
    }
    if (failed.length)
      this.notify(`This browser's storage is full: your work on ${failed.join(', ')} will not survive a reload until some is freed.`);
  }
}

/** Whether a workspace holds anything of the person's: an edit, a hint, a reveal or a parked episode. */
export function holdsWork(w: Workspace): boolean {
  const d = w.draft;
  return (
    w.edited ||
    w.hints.length > 0 ||
    w.reveal !== null ||
    w.parked !== null ||
    d.issues.length > 0 ||
    d.summary !== '' ||
    d.estimate !== '' ||
    d.approved
  );
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
