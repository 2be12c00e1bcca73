// The one place that decides which free worker runs a call (the seam for the measurement scheduler to come): today,
// the worker that already holds the session's episode (no restore), else the one idle longest.

/** What the scheduler may know of a worker. */
export interface WorkerView {
  index: number;
  /** the session whose episode the worker holds now, or null */
  owner: string | null;
  /** when the worker last finished a call (performance.now()) */
  idleSince: number;
}

/** Picks one of the free workers (never called with none) for a call of `session`. */
export function pickWorker<W extends WorkerView>(free: readonly W[], session: string): W {
  const warm = free.find((w) => w.owner === session);
  if (warm) return warm;
  return free.reduce((a, b) => (b.idleSince < a.idleSince ? b : a));
}
