// Keeps the page's copy of the visible tables (a DuckDB database file, ~9 MB) in IndexedDB between visits; used from
// the environment worker (src/worker/host.ts CopyStore). Its contents are checked where they are used (visible-copy.ts).
import type { CopyStore } from '../worker/host.ts';

const DB_NAME = 'sql-optim-env-tables';
const STORE = 'files';
const KEY = 'visible';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function committed(store: IDBObjectStore, write: (s: IDBObjectStore) => IDBRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = store.transaction;
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    write(store);
  });
}

export class VisibleCopyStore implements CopyStore {
  private db: Promise<IDBDatabase> | null = null;

  constructor(private readonly name = DB_NAME) {}

  private async store(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    this.db ??= new Promise((resolve, reject) => {
      const req = indexedDB.open(this.name, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB unavailable'));
    });
    return (await this.db).transaction(STORE, mode).objectStore(STORE);
  }

  async load(): Promise<Uint8Array | null> {
    const value: unknown = await request((await this.store('readonly')).get(KEY));
    return value instanceof Uint8Array ? value : null;
  }

  /** Resolves once the write is committed (a quota error aborts the transaction after the request succeeded). */
  async save(file: Uint8Array): Promise<void> {
    await committed(await this.store('readwrite'), (s) => s.put(file, KEY));
  }

  async clear(): Promise<void> {
    await committed(await this.store('readwrite'), (s) => s.delete(KEY));
  }
}
