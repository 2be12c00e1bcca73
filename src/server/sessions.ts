// Sessions of the HTTP server: each holds its episode (the `episode` part of an EnvSnapshot) and the tasks whose
// solution it has seen while no worker runs it; the leaderboard and the reference timings are shared by all sessions. Idle sessions expire.
import { mergeLeaderboards } from '../env/leaderboard.ts';
import { SNAPSHOT_VERSION, type EnvSnapshot } from '../env/snapshot.ts';

export interface Session {
  id: string;
  episode: EnvSnapshot['episode'];
  /** tasks whose solution this session has seen: its later episodes of them are practice, whichever worker runs them */
  references_seen: string[];
  lastUsed: number;
  /** the session's calls run one after another (two workers must never fork one episode) */
  tail: Promise<unknown>;
  /** set when a WebSocket closes: a result still running is dropped */
  closed: boolean;
  /** calls of this session under way or waiting: a session never expires while it has one */
  inflight: number;
  /** what expiry does besides forgetting the session (a WebSocket closes its connection) */
  onExpire: (() => void) | null;
}

/** What every session shares: one leaderboard, one set of reference timings, and a generation counting their changes. */
export interface Shared {
  leaderboard: EnvSnapshot['leaderboard'];
  reference_timings: Map<string, EnvSnapshot['reference_timings'][number][1]>;
  generation: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  readonly shared: Shared = { leaderboard: [], reference_timings: new Map(), generation: 0 };
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(private readonly ttlMs: number) {
    this.sweeper = setInterval(() => this.sweep(), Math.max(1000, Math.min(ttlMs / 4, 60_000)));
    this.sweeper.unref();
  }

  /** The session of this id, created fresh (no episode) when new or expired. */
  get(id: string): Session {
    let s = this.sessions.get(id);
    if (!s) {
      s = {
        id,
        episode: null,
        references_seen: [],
        lastUsed: Date.now(),
        tail: Promise.resolve(),
        closed: false,
        inflight: 0,
        onExpire: null,
      };
      this.sessions.set(id, s);
    }
    s.lastUsed = Date.now();
    return s;
  }

  /** Forgets a session (a closed WebSocket). */
  drop(id: string): void {
    const s = this.sessions.get(id);
    if (s) s.closed = true;
    this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  /** The snapshot that puts `s`'s episode and the shared state into a worker. */
  snapshotFor(s: Session): EnvSnapshot {
    const { leaderboard, reference_timings } = this.shared;
    const { episode, references_seen } = s;
    return { version: SNAPSHOT_VERSION, episode, leaderboard, reference_timings: [...reference_timings], references_seen };
  }

  /**
   * Keeps what a worker produced from `base` (the shared leaderboard it started with): the episode for the session,
   * the rest for everyone. Returns true when another worker changed the leaderboard meanwhile and the two were merged,
   * so this worker no longer holds the shared state.
   */
  absorb(s: Session, snap: EnvSnapshot, base: EnvSnapshot['leaderboard']): boolean {
    s.episode = snap.episode;
    s.references_seen = snap.references_seen;
    const merged = this.shared.leaderboard !== base;
    this.shared.leaderboard = merged ? mergeLeaderboards(base, snap.leaderboard, this.shared.leaderboard) : snap.leaderboard;
    for (const [k, t] of snap.reference_timings) this.shared.reference_timings.set(k, t);
    this.shared.generation++;
    return merged;
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, s] of this.sessions)
      if (s.inflight === 0 && now - s.lastUsed > this.ttlMs) {
        this.drop(id);
        s.onExpire?.();
      }
  }
}
