// A small pool of supervised environment workers shared by every session, with a bounded wait queue: a call borrows a
// free worker (the scheduler picks which), or waits its turn, or is refused once the queue is full.
import type { Supervisor } from '../worker/supervisor.ts';
import { pickWorker, type WorkerView } from './scheduler.ts';

/** One worker of the pool and what the server knows about its contents. */
export interface Slot extends WorkerView {
  sup: Supervisor;
  busy: boolean;
  /** the shared-state generation (leaderboard, reference timings) the worker last had restored or produced */
  generation: number;
}

/** The queue is full (HTTP 503, a WS error): the caller should retry later. */
export class QueueFullError extends Error {
  override name = 'QueueFullError';
}

/** The pool is closing: queued calls are refused, running ones finish. */
export class ClosingError extends Error {
  override name = 'ClosingError';
}

interface Waiter {
  session: string;
  resolve: (slot: Slot) => void;
  reject: (e: Error) => void;
}

export class WorkerPool {
  readonly slots: Slot[];
  private readonly waiting: Waiter[] = [];
  private closing = false;
  private drained: (() => void) | null = null;

  constructor(
    sups: Supervisor[],
    /** calls that may wait for a worker at once; one more is refused */
    private readonly queueLimit: number,
  ) {
    this.slots = sups.map((sup, index) => ({ sup, index, busy: false, owner: null, idleSince: 0, generation: -1 }));
  }

  /** Calls waiting for a worker now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Borrows a worker for `session`; throws QueueFullError or ClosingError. */
  acquire(session: string): Promise<Slot> {
    if (this.closing) return Promise.reject(new ClosingError('the server is shutting down'));
    const free = this.slots.filter((s) => !s.busy);
    if (free.length > 0) return Promise.resolve(this.take(pickWorker(free, session)));
    if (this.waiting.length >= this.queueLimit)
      return Promise.reject(
        new QueueFullError(
          `every worker is busy and ${this.waiting.length} calls are already waiting (--queue ${this.queueLimit}); retry later`,
        ),
      );
    return new Promise((resolve, reject) => this.waiting.push({ session, resolve, reject }));
  }

  /** Gives a worker back; the first waiter gets it. */
  release(slot: Slot): void {
    slot.busy = false;
    slot.idleSince = performance.now();
    const next = this.waiting.shift();
    if (next) next.resolve(this.take(slot));
    else if (this.closing && this.slots.every((s) => !s.busy)) this.drained?.();
  }

  /** Refuses queued calls, waits for running ones (up to `graceMs`, then stops them), and closes every worker. */
  async close(graceMs: number): Promise<void> {
    this.closing = true;
    for (const w of this.waiting.splice(0)) w.reject(new ClosingError('the server is shutting down'));
    if (this.slots.some((s) => s.busy)) {
      const idle = new Promise<void>((resolve) => (this.drained = resolve));
      const timer = setTimeout(() => this.slots.forEach((s) => s.busy && s.sup.abort()), graceMs);
      await idle;
      clearTimeout(timer);
    }
    await Promise.all(this.slots.map((s) => s.sup.close()));
  }

  private take(slot: Slot): Slot {
    slot.busy = true;
    return slot;
  }
}
