// Runs one op for one session: borrows a worker, restores the session's episode into it unless it holds it already,
// calls the op, keeps the new snapshot, gives the worker back. Every transport of the HTTP server goes through here.
import { fail } from '../env/errors.ts';
import { EXPOSED_OPS, type ExposedOp, OPS, unknownOp } from '../env/ops.ts';
import { EnvSnapshot } from '../env/snapshot.ts';
import type { Response } from '../env/types.ts';
import { ClosingError, QueueFullError, type WorkerPool } from './pool.ts';
import type { Session, SessionStore } from './sessions.ts';

/** An answer plus where its time went: waiting for a worker, and restoring the episode into it. */
export interface Dispatched {
  response: Response<unknown>;
  queue_ms: number;
  restore_ms: number;
  /** why no worker ran it: the queue was full (503) or the server is closing */
  refused: 'queue_full' | 'closing' | null;
}

export const isExposed = (op: unknown): op is ExposedOp => (EXPOSED_OPS as unknown[]).includes(op);

export class Dispatcher {
  constructor(
    readonly pool: WorkerPool,
    readonly sessions: SessionStore,
  ) {}

  /** One call of an exposed op for a session; calls of one session run in order. */
  run(session: Session, op: string, arg: unknown): Promise<Dispatched> {
    const run = session.tail.then(() => this.runNow(session, op, arg));
    session.tail = run.catch(() => undefined);
    return run;
  }

  private async runNow(session: Session, op: string, arg: unknown): Promise<Dispatched> {
    const none = { queue_ms: 0, restore_ms: 0, refused: null };
    if (!isExposed(op)) return { ...none, response: fail('INVALID_REQUEST', unknownOp(op, EXPOSED_OPS)) };
    const asked = performance.now();
    let slot;
    try {
      slot = await this.pool.acquire(session.id);
    } catch (e) {
      const refused = e instanceof QueueFullError ? 'queue_full' : e instanceof ClosingError ? 'closing' : null;
      if (!refused) throw e;
      return { ...none, refused, response: fail('INTERNAL', (e as Error).message) };
    }
    const queue_ms = performance.now() - asked;
    try {
      let restore_ms = 0;
      const shared = this.sessions.shared;
      if (slot.owner !== session.id || slot.generation !== shared.generation) {
        const t0 = performance.now();
        const restored = await slot.sup.call('restore', this.sessions.snapshotFor(session));
        restore_ms = performance.now() - t0;
        if (!restored.ok) return { queue_ms, restore_ms, refused: null, response: restored };
        slot.owner = session.id;
        slot.generation = shared.generation;
      }
      const response = await slot.sup.call(op, arg as never);
      // A WebSocket that closed mid-call: the result is dropped, and the worker no longer holds a live session.
      if (session.closed) slot.owner = null;
      else if (response.ok && OPS[op].mutates) {
        const snap = EnvSnapshot.safeParse(slot.sup.snapshot);
        if (snap.success) {
          this.sessions.absorb(session, snap.data);
          slot.generation = shared.generation;
        } else slot.owner = null; // nothing trustworthy to keep: the next call restores
      }
      return { queue_ms, restore_ms, refused: null, response };
    } finally {
      this.pool.release(slot);
    }
  }
}
