// Which calls wait for the hidden data (the registry's judging ops) and until when: the same gate in the worker, which
// must never judge on data that is not there, and in the supervisor, whose hard deadline of such a call starts after it.
import { OPS, type OpName } from '../env/ops.ts';
import type { HiddenSettled, HiddenStatus } from './protocol.ts';

/** One worker's hidden data: its status now, and the wait a call makes before it may run. */
export class HiddenGate {
  status: HiddenStatus = { kind: 'preparing' };
  /** settles once generation ended; a rejection (a worker that threw) is a failure like any other */
  readonly settled: Promise<HiddenSettled>;

  constructor(generation: Promise<HiddenSettled>) {
    this.settled = generation
      .catch((e: unknown): HiddenSettled => ({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }))
      .then((s) => (this.status = s));
  }

  /**
   * Resolves when `op` may run: at once for the ops that use the visible data only, after generation for judging ones.
   * The answer is why the op cannot run (the hidden data failed), or null.
   */
  async admit(op: OpName): Promise<string | null> {
    if (!OPS[op].judges) return null;
    const s = await this.settled;
    return s.kind === 'failed' ? `the hidden test data could not be generated (${s.message})` : null;
  }
}
