// The gate of the hidden data: calls on the visible data pass at once, judging calls wait for generation, a failure is
// told to them and never a reason to hang.
import { describe, expect, it } from 'vitest';
import { EXPOSED_OPS, OPS } from '../env/ops.ts';
import { HiddenGate } from './hidden-gate.ts';
import type { HiddenSettled } from './protocol.ts';

/** A generation the test ends by hand. */
function generation() {
  let end: (s: HiddenSettled) => void = () => {};
  let fail: (e: unknown) => void = () => {};
  const p = new Promise<HiddenSettled>((resolve, reject) => ((end = resolve), (fail = reject)));
  return { p, end, fail };
}

/** Whether `p` has settled once every pending microtask has run. */
async function settledNow(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
}

describe('HiddenGate', () => {
  it('lets every op on the visible data through while the hidden data is still being generated', async () => {
    const gate = new HiddenGate(generation().p);
    for (const op of EXPOSED_OPS.filter((k) => !OPS[k].judges)) expect(await gate.admit(op)).toBeNull();
    expect(await gate.admit('restore')).toBeNull();
    expect(gate.status).toEqual({ kind: 'preparing' });
  });

  it('holds step and verify until generation ends, then lets them through', async () => {
    const g = generation();
    const gate = new HiddenGate(g.p);
    const step = gate.admit('step');
    const verify = gate.admit('verify');
    expect(await settledNow(step)).toBe(false);
    g.end({ kind: 'ready', judged_generation_ms: 1234 });
    expect(await step).toBeNull();
    expect(await verify).toBeNull();
    expect(gate.status).toEqual({ kind: 'ready', judged_generation_ms: 1234 });
    expect(await gate.admit('step')).toBeNull();
  });

  it('answers a waiting judging call with the failure, whether reported or thrown', async () => {
    const reported = generation();
    const a = new HiddenGate(reported.p);
    const waiting = a.admit('step');
    reported.end({ kind: 'failed', message: 'out of memory' });
    expect(await waiting).toBe('the hidden test data could not be generated (out of memory)');
    expect(a.status).toEqual({ kind: 'failed', message: 'out of memory' });

    const thrown = generation();
    const b = new HiddenGate(thrown.p);
    thrown.fail(new Error('wasm trap'));
    expect(await b.admit('verify')).toBe('the hidden test data could not be generated (wasm trap)');
    expect(await b.admit('execute')).toBeNull();
  });
});
