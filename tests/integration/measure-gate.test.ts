// The measurement scheduler with real worker threads blocking on the real gate: timed rounds never overlap beyond the
// slots, everyone gets through, and a worker killed while holding a round does not stall the others.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { MeasurementScheduler } from '../../src/server/scheduler.ts';

const BOOTSTRAP = new URL('../../src/node/ts-worker.mjs', import.meta.url);
const ENTRY = new URL('./gate-worker.ts', import.meta.url).href;

function start(s: MeasurementScheduler, slot: number, data: Record<string, unknown>): { worker: Worker; said: Promise<string> } {
  const gate = s.link(slot);
  const worker = new Worker(BOOTSTRAP, { workerData: { entry: ENTRY, gate, slot, ...data }, transferList: [gate.port] });
  const said = new Promise<string>((resolve, reject) => (worker.once('message', resolve), worker.once('error', reject)));
  return { worker, said };
}

/** The rounds of every worker as [start, end], in order of start; `slots` keeps only those workers' rounds. */
function intervals(log: SharedArrayBuffer, rounds?: number, slots?: number[]): [number, number][] {
  const t = new Float64Array(log);
  const out: [number, number][] = [];
  for (let i = 0; i < t.length; i += 2) {
    if (slots && rounds && !slots.includes(Math.floor(i / 2 / rounds))) continue;
    out.push([t[i], t[i + 1]]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

const overlap = ([a, b]: [number, number], [c, d]: [number, number]) => a < d && c < b;

describe('the measurement scheduler over worker threads', () => {
  it('with one slot, no two rounds of three workers overlap, and each worker waits its turn', async () => {
    const s = new MeasurementScheduler(1);
    const rounds = 6;
    const log = new SharedArrayBuffer(3 * rounds * 2 * 8);
    const workers = [0, 1, 2].map((slot) => start(s, slot, { rounds, busyMs: 15, log }));
    expect(await Promise.all(workers.map((w) => w.said))).toEqual(['done', 'done', 'done']);
    const iv = intervals(log);
    expect(iv.every(([a, b]) => a > 0 && b >= a)).toBe(true);
    for (let i = 1; i < iv.length; i++) expect(iv[i][0]).toBeGreaterThanOrEqual(iv[i - 1][1]);
    const stats = s.stats();
    expect([stats.rounds, stats.max_concurrent, stats.queued]).toEqual([3 * rounds, 1, 0]);
    expect(stats.waited_ms).toBeGreaterThan(0);
    await Promise.all(workers.map((w) => w.worker.terminate()));
  });

  it('with two slots, at most two rounds run at once', async () => {
    const s = new MeasurementScheduler(2);
    const rounds = 5;
    const log = new SharedArrayBuffer(4 * rounds * 2 * 8);
    const workers = [0, 1, 2, 3].map((slot) => start(s, slot, { rounds, busyMs: 10, log }));
    await Promise.all(workers.map((w) => w.said));
    const iv = intervals(log);
    for (const [a] of iv) expect(iv.filter(([x, y]) => x <= a && a < y).length).toBeLessThanOrEqual(2);
    expect(s.stats().max_concurrent).toBeLessThanOrEqual(2);
    await Promise.all(workers.map((w) => w.worker.terminate()));
  });

  it('shared work never runs beside a timed round; a shared run inside a round and a round inside a shared hold go through', async () => {
    const s = new MeasurementScheduler(1);
    const rounds = 6;
    const log = new SharedArrayBuffer(5 * rounds * 2 * 8);
    const workers = [
      start(s, 0, { rounds, busyMs: 15, log, mode: 'round' }),
      start(s, 1, { rounds, busyMs: 15, log, mode: 'nested' }),
      start(s, 2, { rounds, busyMs: 15, log, mode: 'call' }),
      start(s, 3, { rounds, busyMs: 10, log, mode: 'shared' }),
      start(s, 4, { rounds, busyMs: 10, log, mode: 'shared' }),
    ];
    expect(await Promise.all(workers.map((w) => w.said))).toEqual(['done', 'done', 'done', 'done', 'done']);
    const timed = intervals(log, rounds, [0, 1, 2]);
    const shared = intervals(log, rounds, [3, 4]);
    expect([timed.length, shared.length]).toEqual([3 * rounds, 2 * rounds]);
    expect([...timed, ...shared].every(([a, b]) => a > 0 && b >= a)).toBe(true);
    for (const round of timed) expect(shared.filter((run) => overlap(round, run))).toEqual([]);
    for (let i = 1; i < timed.length; i++) expect(timed[i][0]).toBeGreaterThanOrEqual(timed[i - 1][1]);
    const stats = s.stats();
    expect([stats.rounds, stats.max_concurrent, stats.queued]).toEqual([3 * rounds, 1, 0]);
    await Promise.all(workers.map((w) => w.worker.terminate()));
  });

  it('a worker terminated while holding a round gives it up: its link closes', async () => {
    const s = new MeasurementScheduler(1);
    const holder = start(s, 0, { hold: true, log: new SharedArrayBuffer(8), rounds: 0, busyMs: 0 });
    expect(await holder.said).toBe('holding');
    const log = new SharedArrayBuffer(2 * 8);
    const waiter = start(s, 1, { rounds: 1, busyMs: 1, log });
    while (s.stats().queued === 0) await new Promise((r) => setTimeout(r, 20)); // the waiter boots, then waits
    await new Promise((r) => setTimeout(r, 100));
    expect(s.stats().queued).toBe(1); // still stuck behind the holder
    await holder.worker.terminate();
    expect(await waiter.said).toBe('done');
    await waiter.worker.terminate();
  });
});
