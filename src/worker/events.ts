// A tiny typed event emitter: the client's status, finished calls and notices reach the UI through it.

/** Listeners keyed by event name; `on` returns the function that removes the listener. */
export class Emitter<Events extends Record<string, unknown>> {
  private listeners: { [K in keyof Events]?: Set<(e: Events[K]) => void> } = {};

  on<K extends keyof Events>(name: K, fn: (e: Events[K]) => void): () => void {
    (this.listeners[name] ??= new Set()).add(fn);
    return () => this.listeners[name]?.delete(fn);
  }

  emit<K extends keyof Events>(name: K, e: Events[K]): void {
    for (const fn of this.listeners[name] ?? []) {
      try {
        fn(e);
      } catch (err) {
        // One faulty listener must not stop the others or the call that emitted.
        console.error(err);
      }
    }
  }
}
