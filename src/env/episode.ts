// How an episode ends, stated once: Gymnasium's `terminated` (the task's goal was reached) and `truncated` (the step
// budget ran out first), with `done = terminated || truncated` for clients of the original environment.
/** A step scoring at least this solves the task and ends the episode (the original environment's rule). */
export const DONE_THRESHOLD = 0.95;

export interface Ending {
  terminated: boolean;
  truncated: boolean;
  done: boolean;
}

/** The ending after a step that scored `score` as step number `step` of `maxSteps`. */
export function ending(score: number, step: number, maxSteps: number, threshold = DONE_THRESHOLD): Ending {
  const terminated = score >= threshold;
  const truncated = !terminated && step >= maxSteps;
  return { terminated, truncated, done: terminated || truncated };
}

/** The ending recorded before a step was taken (a fresh episode). */
export const NOT_ENDED: Ending = { terminated: false, truncated: false, done: false };
