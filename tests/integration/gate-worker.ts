// A worker thread for measure-gate.test.ts: times `rounds` rounds of busy work through the real worker gate and writes
// each round's [start, end] (epoch ms) into a shared log; with `hold`, it enters once and never leaves.
import { parentPort, workerData } from 'node:worker_threads';
import { workerGate } from '../../src/node/measure-gate.ts';

const { gate: link, rounds, busyMs, log, slot, hold } = workerData;
const gate = workerGate(link);
const times = new Float64Array(log);
const now = () => performance.timeOrigin + performance.now();
if (hold) {
  gate.enter();
  parentPort!.postMessage('holding');
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
}
for (let r = 0; r < rounds; r++) {
  gate.enter();
  const t0 = now();
  while (now() - t0 < busyMs);
  times[(slot * rounds + r) * 2] = t0;
  times[(slot * rounds + r) * 2 + 1] = now();
  gate.leave();
}
parentPort!.postMessage('done');
