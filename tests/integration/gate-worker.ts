// A worker thread for measure-gate.test.ts: times `rounds` rounds of busy work through the real worker gate and writes
// each round's [start, end] (epoch ms) into a shared log; with `hold`, it enters once and never leaves. `mode` says how
// a round is asked for: 'round' (a timed round), 'shared' (any other engine run), 'nested' (a shared run inside a round)
// or 'call' (a round inside a shared hold, as a whole call of the HTTP server's worker holds one).
import { parentPort, workerData } from 'node:worker_threads';
import { workerGate } from '../../src/node/measure-gate.ts';

const { gate: link, rounds, busyMs, log, slot, hold, mode = 'round' } = workerData;
const gate = workerGate(link);
const times = new Float64Array(log);
const now = () => performance.timeOrigin + performance.now();
if (hold) {
  gate.enter();
  parentPort!.postMessage('holding');
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
}
const busy = (r: number) => {
  const t0 = now();
  while (now() - t0 < busyMs);
  times[(slot * rounds + r) * 2] = t0;
  times[(slot * rounds + r) * 2 + 1] = now();
};
for (let r = 0; r < rounds; r++) {
  if (mode === 'shared') gate.shared(() => busy(r));
  else if (mode === 'call') gate.shared(() => (gate.enter(), busy(r), gate.leave()));
  else {
    gate.enter();
    if (mode === 'nested') gate.shared(() => busy(r));
    else busy(r);
    gate.leave();
  }
}
parentPort!.postMessage('done');
