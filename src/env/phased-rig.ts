// The executor's rig for an environment that answers before its hidden data exists: the visible engine at once, the
// judged engine and the edge cases once the hidden phase of setup (setup.ts) hands them over.
import type { EdgeCases } from './edge-cases.ts';
import type { Engine } from './engine.ts';
import { EnvError } from './errors.ts';
import type { Rig } from './executor.ts';

/** The hidden half of a rig: the judged data (hidden seed) and the edge-case instance. */
export interface HiddenRig {
  judged: Engine;
  edges: EdgeCases;
}

/** A Rig whose hidden half arrives later; only judging calls read it, and those wait for it (src/worker/hidden-gate.ts). */
export class PhasedRig implements Rig {
  private hidden: HiddenRig | null = null;

  constructor(readonly visible: Engine) {}

  get judged(): Engine {
    return this.need().judged;
  }

  get edges(): EdgeCases {
    return this.need().edges;
  }

  /** Called once by the hidden phase, when both hidden instances hold their data and are hardened. */
  complete(hidden: HiddenRig): void {
    this.hidden = hidden;
  }

  // Reaching here means a judging call was let through too early: a bug, reported as one, never a verdict on no data.
  private need(): HiddenRig {
    if (!this.hidden) throw new EnvError('INTERNAL', 'the hidden data is not generated yet, so nothing can be judged on it');
    return this.hidden;
  }
}
