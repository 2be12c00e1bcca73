// The data scale explorer's state on the page: the last Run's rewrite measured at several data sizes, one `scale` call
// per size so the page shows progress and other calls (a Run, a Submit) are answered between two sizes.
import type { OpName, OpRequest, OpResult } from '../../env/ops.ts';
import { type ErrorValue, type Response, SCALE_SIZES, type ScalePoint } from '../../env/types.ts';

/** What the explorer needs of the supervisor. */
export interface ScaleClient {
  call<K extends OpName>(op: K, arg?: OpRequest<K>): Promise<Response<OpResult<K>>>;
}

/** The sizes the page measures: the op's default, or a `scale_sizes=0.01,0.05` URL parameter (tests; not in the UI). */
export function sizesFrom(search: string): number[] {
  const raw = /[?&]scale_sizes=([^&]*)/.exec(search)?.[1] ?? null;
  const sizes = decodeURIComponent(raw ?? '')
    .split(',')
    .map(Number);
  const valid = raw !== null && sizes.every((s) => Number.isFinite(s) && s >= SCALE_SIZES.min && s <= SCALE_SIZES.max);
  return valid ? sizes.slice(0, SCALE_SIZES.count).sort((a, b) => a - b) : [...SCALE_SIZES.default];
}

/** The rewrite a measurement is about: when the Run changes, its numbers no longer describe what the page shows. */
export interface Measured {
  task_id: string;
  sql: string;
}

export class ScaleExplorer {
  /** every size measured so far, smallest first */
  points = $state.raw<ScalePoint[]>([]);
  /** the size being measured now, or null when nothing runs */
  current = $state<number | null>(null);
  /** what the points are about; null before the first measurement */
  about = $state.raw<Measured | null>(null);
  /** a call that failed as a whole (the explorer stops there; sizes that failed alone are points with an error) */
  error = $state.raw<ErrorValue | null>(null);
  /** set by stop(): the measurement ends after the size under way */
  private stopping = false;

  constructor(
    private readonly client: ScaleClient,
    readonly sizes: number[],
  ) {}

  get running(): boolean {
    return this.current !== null;
  }

  /** Whether the points describe this rewrite. */
  isAbout(task_id: string | null, sql: string | undefined): boolean {
    return this.about !== null && this.about.task_id === task_id && this.about.sql === sql;
  }

  /** Measures `sql` at each size in turn, smallest first; a stop or a failed call ends it with the sizes done so far. */
  async measure(task_id: string, sql: string): Promise<void> {
    if (this.running) return;
    this.about = { task_id, sql };
    this.points = [];
    this.error = null;
    this.stopping = false;
    try {
      for (const scale of this.sizes) {
        if (this.stopping) break;
        this.current = scale;
        const r = await this.client.call('scale', { task_id, optimized_query: sql, scales: [scale] });
        if (!r.ok) {
          this.error = r.error;
          break;
        }
        this.points = [...this.points, ...r.result.points];
      }
    } finally {
      this.current = null;
    }
  }

  /** Ends the measurement after the size under way (a size cannot be interrupted without restarting the engine). */
  stop(): void {
    this.stopping = true;
  }
}

/** What the explorer reads of the page's live Session (a replay's episode has none of it: no engine to measure on). */
export interface LiveSession {
  readonly client: ScaleClient;
  readonly selectedTaskId: string | null;
  readonly ready: boolean;
  readonly agent: unknown;
}

/** Whether the feedback panel shows the live session (structurally: importing Session would pull it into the replay viewer). */
export function isLive<V extends object>(v: V): v is V & LiveSession {
  return 'client' in v && 'selectedTaskId' in v;
}

// One explorer per page session, so its numbers survive the feedback panel switching between a Run and a step.
const explorers = new WeakMap<object, ScaleExplorer>();

/** The explorer of a page session (created on first use). */
export function explorerOf(owner: { client: ScaleClient }): ScaleExplorer {
  let e = explorers.get(owner);
  if (!e) {
    e = new ScaleExplorer(owner.client, sizesFrom(typeof location === 'undefined' ? '' : location.search));
    explorers.set(owner, e);
  }
  return e;
}

/** The largest table of a size (the x axis of the plot): events at every size, but read from the counts, not assumed. */
export function largestTable(rows: ScalePoint['rows']): { name: string; rows: number } {
  const [name, n] = Object.entries(rows).reduce((a, b) => (b[1] > a[1] ? b : a));
  return { name, rows: n };
}

/** Row counts as a person reads them on an axis: 100k, 1.0M, 2.5M. */
export function compactRows(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M`;
  if (n >= 1e3) return `${Math.round(n / 1e3)}k`;
  return String(n);
}
