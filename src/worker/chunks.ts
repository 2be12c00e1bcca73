// Long work in a single-threaded worker, in chunks: between two, the thread returns to its event loop, so the calls
// that arrived meanwhile are answered before the work goes on.

/** Gives the event loop a turn (a macrotask: a microtask would not), so a message that arrived meanwhile is handled. */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Runs `steps` to its end with a pause between two steps; resolves with what it returns. */
export async function runInChunks<R>(steps: Iterator<unknown, R>, pause: () => Promise<void> = macrotask): Promise<R> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}
