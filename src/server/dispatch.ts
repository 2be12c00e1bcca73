// Runs one op for one session: borrows a worker, restores the session's episode into it unless it holds it already,
// calls the op, keeps the new snapshot, gives the worker back. Every transport of the HTTP server goes through here.
import { fail } from '../env/errors.ts';
import { EXPOSED_OPS, type ExposedOp, OPS, unknownOp } from '../env/ops.ts';
import { EnvSnapshot } from '../env/snapshot.ts';
import type { Response } from '../env/types.ts';
import { ClosingError, QueueFullError, type WorkerPool } from './pool.ts';
import type { MeasurementScheduler } from './scheduler.ts';
import type { Session, SessionStore } from './sessions.ts';

/** An answer plus where its time went: waiting for a worker, restoring the episode into it, and waiting for the
 *  measurement scheduler between timed rounds (the time other sessions' timed runs held the cores). */
export interface Dispatched {
  response: Response<unknown>;
  queue_ms: number;
  restore_ms: number;
  measure_wait_ms: number;
  /** why no worker ran it: the queue was full (503) or the server is closing */
  refused: 'queue_full' | 'closing' | null;
}

export const isExposed = (op: unknown): op is ExposedOp => (EXPOSED_OPS as unknown[]).includes(op);

/** The waits a step reports in its info, whatever the transport. */
export const waits = (d: Dispatched) => ({ queue_ms: d.queue_ms, restore_ms: d.restore_ms, measure_wait_ms: d.measure_wait_ms });

export class Dispatcher {
  /** episodes restored into a worker so far (a worker that holds the session's episode needs none) */
  restores = 0;

  constructor(
    readonly pool: WorkerPool,
    readonly sessions: SessionStore,
    readonly measurement: MeasurementScheduler,
  ) {}

  /** GET /metrics: what an operator (and the load test) watches; counts and times, never a session's content. */
  metrics(): Record<string, unknown> {
    const slots = this.pool.slots;
    return {
      sessions: this.sessions.size,
      workers: slots.length,
      busy_workers: slots.filter((s) => s.busy).length,
      queued_calls: this.pool.queued,
      restores: this.restores,
      measurement: this.measurement.stats(),
      rss_bytes: process.memoryUsage().rss,
    };
  }

  /** One call of an exposed op for a session; calls of one session run in order. */
  run(session: Session, op: string, arg: unknown): Promise<Dispatched> {
    session.inflight++;
    const run = session.tail.then(() => this.runNow(session, op, arg));
    session.tail = run
      .catch(() => undefined)
      .finally(() => {
        session.inflight--;
        session.lastUsed = Date.now(); // idle time counts from the end of its last call
      });
    return run;
  }

  private async runNow(session: Session, op: string, arg: unknown): Promise<Dispatched> {
    const none = { queue_ms: 0, restore_ms: 0, measure_wait_ms: 0, refused: null };
    if (!isExposed(op)) return { ...none, response: fail('INVALID_REQUEST', unknownOp(op, EXPOSED_OPS)) };
    const asked = performance.now();
    let slot;
    try {
      slot = await this.pool.acquire(session.id);
    } catch (e) {
      const refused = e instanceof QueueFullError ? 'queue_full' : e instanceof ClosingError ? 'closing' : null;
      if (!refused) throw e;
      return { ...none, refused, response: fail('BUSY', (e as Error).message) };
    }
    const queue_ms = performance.now() - asked;
    try {
      let restore_ms = 0;
      const shared = this.sessions.shared;
      if (slot.owner !== session.id || slot.generation !== shared.generation) {
        const t0 = performance.now();
        const restored = await slot.sup.call('restore', this.sessions.snapshotFor(session));
        restore_ms = performance.now() - t0;
        this.restores++;
        if (!restored.ok) return { ...none, queue_ms, restore_ms, response: restored };
        slot.owner = session.id;
        slot.generation = shared.generation;
      }
      // What the worker starts from: another worker may change the shared state meanwhile, and both changes are kept.
      const base = shared.leaderboard;
      const waited = this.measurement.waitedMs(slot.index);
      const response = await slot.sup.call(op, arg as never);
      const measure_wait_ms = this.measurement.waitedMs(slot.index) - waited;
      // A WebSocket that closed mid-call: the result is dropped, and the worker no longer holds a live session.
      if (session.closed) slot.owner = null;
      else if (response.ok && OPS[op].mutates) {
        const snap = EnvSnapshot.safeParse(slot.sup.snapshot);
        if (snap.success) {
          const merged = this.sessions.absorb(session, snap.data, base);
          // The worker holds the shared state only if nobody else changed it meanwhile.
          slot.generation = merged ? -1 : shared.generation;
        } else slot.owner = null; // nothing trustworthy to keep: the next call restores
      }
      return { queue_ms, restore_ms, measure_wait_ms, refused: null, response };
    } finally {
      this.pool.release(slot);
    }
  }
}
