// The worker's side of the measurement scheduler (src/server/scheduler.ts): it asks over a MessagePort, then blocks the
// engine thread on a shared cell until the scheduler admits it. Worker threads only: Atomics.wait blocks the thread,
// which is what a blocking engine wants (nothing else runs there while a step is under way).
import type { MessagePort } from 'node:worker_threads';
import type { MeasurementGate } from '../env/timing.ts';

/** The worker's end of a link: a port to ask and tell on, and a shared cell the scheduler sets to 1 to admit it. */
export interface GateLink {
  cell: SharedArrayBuffer;
  port: MessagePort;
}

export function workerGate(link: GateLink): MeasurementGate {
  const cell = new Int32Array(link.cell);
  link.port.unref(); // the worker lives as long as its comlink endpoint, not this port
  let inRound = false;
  const ask = (what: 'enter' | 'shared') => {
    link.port.postMessage(what);
    // The scheduler stores 1, then notifies; an admission that lands before the wait is seen by the load.
    while (Atomics.load(cell, 0) === 0) Atomics.wait(cell, 0, 0);
    Atomics.store(cell, 0, 0);
  };
  return {
    enter() {
      ask('enter');
      inRound = true;
    },
    leave() {
      inRound = false;
      link.port.postMessage('leave');
    },
    shared(run) {
      if (inRound) return run(); // the round's own runs
      ask('shared');
      try {
        return run();
      } finally {
        link.port.postMessage('leave');
      }
    },
  };
}
