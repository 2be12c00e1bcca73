// Who runs what, and when: which free worker takes a session's call, and the measurement scheduler, a readers-writer
// lock over the workers' engines: timed rounds (a warm-up or one pair of runs) run at most `slots` at a time and alone,
// every other engine run (checks on the other datasets, plans, previews) runs in parallel but never beside a round.
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { GateLink } from '../node/measure-gate.ts';

/** What the scheduler may know of a worker. */
export interface WorkerView {
  index: number;
  /** the session whose episode the worker holds now, or null */
  owner: string | null;
  /** when the worker last finished a call (performance.now()) */
  idleSince: number;
}

/** Picks one of the free workers (never called with none) for a call of `session`: the one that already holds the
 *  session's episode (no restore), else the one idle longest. */
export function pickWorker<W extends WorkerView>(free: readonly W[], session: string): W {
  const warm = free.find((w) => w.owner === session);
  if (warm) return warm;
  return free.reduce((a, b) => (b.idleSince < a.idleSince ? b : a));
}

/** A timed round, alone on the engines (up to the slots of them), or any other engine run, many at once. */
export type Mode = 'exclusive' | 'shared';

/**
 * The admission rule alone (pure): timed rounds (exclusive) run at most `slots` at a time and never beside other
 * engine work; other engine runs (shared) run together but never beside a round. Strictly first come first served,
 * so a stream of short shared runs never starves a round.
 */
export class Admission {
  readonly holding = new Map<number, Mode>();
  private readonly waiting: { i: number; mode: Mode }[] = [];

  constructor(readonly slots: number) {}

  /** Worker `i` asks; true when admitted now, else it waits its turn. */
  request(i: number, mode: Mode = 'exclusive'): boolean {
    if (this.waiting.length === 0 && this.fits(mode)) {
      this.holding.set(i, mode);
      return true;
    }
    this.waiting.push({ i, mode });
    return false;
  }

  /** Worker `i` is done (or gone, holding or waiting); returns the workers admitted in its place. */
  release(i: number): number[] {
    this.holding.delete(i);
    const at = this.waiting.findIndex((w) => w.i === i);
    if (at >= 0) this.waiting.splice(at, 1);
    const admitted: number[] = [];
    while (this.waiting.length > 0 && this.fits(this.waiting[0].mode)) {
      const next = this.waiting.shift()!;
      this.holding.set(next.i, next.mode);
      admitted.push(next.i);
    }
    return admitted;
  }

  /** Timed rounds running now. */
  get rounds(): number {
    return [...this.holding.values()].filter((m) => m === 'exclusive').length;
  }

  get queued(): number {
    return this.waiting.length;
  }

  private fits(mode: Mode): boolean {
    const rounds = this.rounds;
    if (mode === 'shared') return rounds === 0;
    return rounds < this.slots && rounds === this.holding.size;
  }
}

interface Link {
  cell: Int32Array;
  port: MessagePort;
  /** when the worker asked for the round it waits for now; null while it holds one or asks for none */
  askedAt: number | null;
}

/** What /metrics shows of the measurement scheduler. */
export interface MeasurementStats {
  slots: number;
  rounds: number;
  /** the most rounds ever admitted at once: never above `slots` */
  max_concurrent: number;
  queued: number;
  /** time workers spent waiting for admission, all together */
  waited_ms: number;
}

/** The measurement scheduler over the pool's workers, one link per worker (a respawned worker gets a new one). */
export class MeasurementScheduler {
  private readonly admission: Admission;
  private readonly links = new Map<number, Link>();
  private readonly waited = new Map<number, number>();
  private rounds = 0;
  private maxConcurrent = 0;

  constructor(slots: number) {
    this.admission = new Admission(slots);
  }

  /** A new link for worker `index`, replacing (and releasing) the link of the worker it replaces. */
  link(index: number): GateLink {
    this.unlink(index);
    const cell = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    const link: Link = { cell: new Int32Array(cell), port: port1, askedAt: null };
    this.links.set(index, link);
    port1.on('message', (m: unknown) => {
      if (this.links.get(index) !== link) return; // a late word of a replaced worker
      if (m === 'enter' || m === 'shared') {
        link.askedAt = performance.now();
        if (this.admission.request(index, m === 'enter' ? 'exclusive' : 'shared')) this.admit(index);
      } else if (m === 'leave') this.free(index);
    });
    port1.on('close', () => this.links.get(index) === link && this.unlink(index));
    port1.unref();
    return { cell, port: port2 };
  }

  /** Total time worker `index` has waited for admission, the wait under way included (a call's share is reported, and
   *  added to its hard deadline). */
  waitedMs(index: number): number {
    const asked = this.links.get(index)?.askedAt;
    return (this.waited.get(index) ?? 0) + (asked == null ? 0 : performance.now() - asked);
  }

  stats(): MeasurementStats {
    let waited = 0;
    for (const i of new Set([...this.waited.keys(), ...this.links.keys()])) waited += this.waitedMs(i);
    const { slots, queued } = this.admission;
    return { slots, rounds: this.rounds, max_concurrent: this.maxConcurrent, queued, waited_ms: waited };
  }

  /** Forgets worker `index` (terminated or replaced): a round it held or waited for is given up. */
  unlink(index: number): void {
    const link = this.links.get(index);
    if (!link) return;
    this.links.delete(index);
    link.port.close();
    this.free(index);
  }

  private free(index: number): void {
    for (const next of this.admission.release(index)) this.admit(next);
  }

  private admit(index: number): void {
    const link = this.links.get(index);
    if (!link) return void this.free(index);
    if (this.admission.holding.get(index) === 'exclusive') this.rounds++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.admission.rounds);
    this.waited.set(index, this.waitedMs(index));
    link.askedAt = null;
    Atomics.store(link.cell, 0, 1);
    Atomics.notify(link.cell, 0);
  }
}
