// What the scrubber and the feedback panel read: the live episode (Session) or one episode of a replay (ReplayView).
import type { ExecutionResult, HistoryEntry } from '../../env/types.ts';

/** An episode as the step views show it: its steps, the one pointed at, and an optional unsubmitted Run. */
export interface EpisodeView {
  readonly history: HistoryEntry[];
  /** index into history of the step shown */
  scrub: number;
  /** the last Run, or a step */
  view: 'run' | 'step';
  readonly run: { sql: string; result: ExecutionResult } | null;
  /** the original query the steps rewrite */
  readonly header: { original: string } | null;
}
