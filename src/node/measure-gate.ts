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
  /** nested shared() calls under way (a whole call holds one; its engine runs nest inside it) */
  let sharedDepth = 0;
  const ask = (what: 'enter' | 'shared') => {
    link.port.postMessage(what);
    // The scheduler stores 1, then notifies; an admission that lands before the wait is seen by the load.
    while (Atomics.load(cell, 0) === 0) Atomics.wait(cell, 0, 0);
    Atomics.store(cell, 0, 0);
  };
  const tell = () => link.port.postMessage('leave');
  return {
    enter() {
      // Inside a shared call: give the shared hold up before asking for the round (two workers upgrading in place
      // would wait for each other forever), and take it back after the round.
      if (sharedDepth > 0) tell();
      ask('enter');
      inRound = true;
    },
    leave() {
      inRound = false;
      tell();
      if (sharedDepth > 0) ask('shared');
    },
    shared(run) {
      if (inRound || sharedDepth > 0) {
        sharedDepth++;
        try {
          return run(); // the round's own runs, or engine runs inside a call that already holds
        } finally {
          sharedDepth--;
        }
      }
      ask('shared');
      sharedDepth = 1;
      try {
        return run();
      } finally {
        sharedDepth = 0;
        tell();
      }
    },
  };
}
