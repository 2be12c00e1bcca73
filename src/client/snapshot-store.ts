// Persists the environment's snapshot (episode + leaderboard) in IndexedDB so progress survives reloads.
import { CorruptStoreError, type ProgressStore } from '../worker/supervisor.ts';
const DB_NAME = 'sql-optim-env';
const STORE = 'kv';
const KEY = 'snapshot';
// Bumped when the stored shape changes; an older record is treated like a corrupt one (reported, then reset).
const FORMAT = 1;

/** The record as stored. */
interface Stored {
  format: number;
  saved_at: string;
  snapshot: unknown;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** One key in one object store; every method fails softly to a rejected promise, never a throw. */
export class SnapshotStore implements ProgressStore {
  private db: Promise<IDBDatabase> | null = null;
  // Writes are chained so a slow write never lands after a newer one.
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly name = DB_NAME) {}

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const req = indexedDB.open(this.name, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB unavailable'));
      req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    });
    return this.db;
  }

  private async tx(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    const db = await this.open();
    return db.transaction(STORE, mode).objectStore(STORE);
  }

  /** The saved snapshot, null when none; CorruptStoreError when a record exists but is not ours. */
  async load(): Promise<unknown | null> {
    const value = await request((await this.tx('readonly')).get(KEY));
    if (value === undefined) return null;
    const rec = value as Partial<Stored> | null;
    if (!rec || typeof rec !== 'object' || rec.format !== FORMAT || rec.snapshot === undefined || rec.snapshot === null)
      throw new CorruptStoreError(`the saved record is not a format-${FORMAT} snapshot`);
    return rec.snapshot;
  }

  /** Saves `snapshot` after any earlier write. */
  save(snapshot: unknown): Promise<void> {
    const rec: Stored = { format: FORMAT, saved_at: new Date().toISOString(), snapshot };
    const next = this.writes.then(async () => {
      await request((await this.tx('readwrite')).put(rec, KEY));
    });
    this.writes = next.catch(() => undefined);
    return next;
  }

  /** Deletes the saved snapshot. */
  async clear(): Promise<void> {
    await this.writes;
    await request((await this.tx('readwrite')).delete(KEY));
  }
}
