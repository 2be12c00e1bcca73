// The person's progress across episodes, kept in localStorage: each finished episode (score, solved, the issue types
// it revealed), plus the export and import of every key the page stores there.
import type { CallEvent, Supervisor } from '../../worker/supervisor.ts';
import type { EnvState, StepResult } from '../../env/types.ts';
import {
  addFinished,
  finishedFromStep,
  makeExport,
  parseExport,
  parseProgress,
  PROGRESS_KEY,
  revealedTypes,
  stamp,
  type Finished,
} from './progress.ts';

/** What ended an episode without a last step: "Show solution" (an op of the core that this page may not know yet). */
interface GaveUp {
  ground_truth?: { canonical: string }[];
}

export class Progress {
  finished = $state.raw<Finished[]>([]);

  /** `storage` is null where there is none (tests in Node, a browser that refuses it): progress then lives in memory. */
  constructor(private readonly storage: Storage | null) {
    this.finished = parseProgress(this.read(PROGRESS_KEY));
  }

  /** Records every episode end the page sees, the person's or an agent's; `episode` tells which episode a call ended. */
  watch(client: Supervisor, episode: () => EnvState | null): () => void {
    return client.events.on('call', (e: CallEvent) => this.onCall(e, episode()));
  }

  record(f: Finished): void {
    this.finished = addFinished(this.finished, f);
    this.write(PROGRESS_KEY, JSON.stringify(this.finished));
  }

  /** The export file's text: every key of the page in localStorage. */
  exportText(): string {
    const stored: [string, string][] = [];
    for (let i = 0; i < (this.storage?.length ?? 0); i++) {
      const k = this.storage!.key(i);
      if (k !== null) stored.push([k, this.storage!.getItem(k) ?? '']);
    }
    return JSON.stringify(makeExport(stored, stamp()), null, 2);
  }

  /** Writes an export back after checking all of it, so a broken file changes nothing; returns the error if any. */
  importText(text: string): string | null {
    const parsed = parseExport(text);
    if (!parsed.ok) return parsed.error;
    if (!this.storage) return 'This browser does not let the page store anything, so there is nowhere to import to.';
    try {
      for (const [k, v] of Object.entries(parsed.entries)) this.storage.setItem(k, v);
    } catch (e) {
      return `The import could not be stored: ${(e as Error).message}`;
    }
    this.finished = parseProgress(this.read(PROGRESS_KEY));
    return null;
  }

  private onCall({ op, response }: CallEvent, ep: EnvState | null): void {
    if (!response.ok) return;
    const at = stamp();
    if (op === 'step') {
      const f = finishedFromStep(response.result as StepResult, ep?.seed ?? null, at);
      if (f) this.record(f);
    } else if ((op as string) === 'solution' && ep?.task_id) {
      // Giving up reveals the issues too; it is never a solve. Asked again after a reload, the same end counts once.
      const types = revealedTypes((response.result as GaveUp).ground_truth ?? []);
      const key = `${ep.task_id}|${ep.seed ?? '-'}|${ep.step_count}|${ep.best_score}|gave-up`;
      this.record({ key, task_id: ep.task_id, score: ep.best_score, solved: false, types, at });
    }
  }

  private read(k: string): string | null {
    try {
      return this.storage?.getItem(k) ?? null;
    } catch {
      return null;
    }
  }

  private write(k: string, v: string): void {
    try {
      this.storage?.setItem(k, v);
    } catch {
      // A full or refused storage loses the record of this end; the episode itself is kept by the environment.
    }
  }
}
