// What a long call is doing, told while it runs (the page's busy line: "Timing: pair 7 of at most 25"). Phase names and
// counts only: never rows, SQL or any figure of the hidden data, because the callback crosses to the page.

/**
 * One report from inside a call. check: the rewrite is described and checked on the visible data; warm-up: the first
 * (untimed) round; timing: `done` pairs timed so far, of at most `total` (the budget or a known speed credit may stop
 * it earlier; a task's first step times its reference in the same rounds); reference: the same for the reference timed
 * on its own, only when a first step's rewrite could not be timed; hidden: the rewrite is checked on the hidden
 * edge-case data; plans: the plans are read.
 */
export interface CallProgress {
  phase: 'check' | 'warm-up' | 'timing' | 'reference' | 'hidden' | 'plans';
  done?: number;
  total?: number;
}

export type OnProgress = (p: CallProgress) => void;

/** The callers that watch nothing (the CLI, the HTTP server, tests): progress costs them one empty call. */
export const NO_PROGRESS: OnProgress = () => {};
