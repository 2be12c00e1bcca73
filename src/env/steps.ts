// Work in steps: a generator yields between two steps, so a single-threaded caller may pause it (the page's worker
// answers calls meanwhile) or run it straight through.

/** Work done a step at a time, returning R. */
export type Steps<R> = Generator<void, R>;

/** Runs `steps` straight through: nothing waits for the thread meanwhile. */
export function drain<R>(steps: Steps<R>): R {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
