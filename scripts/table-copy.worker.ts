// The worker of scripts/table-copy.ts: tries each way DuckDB-WASM's blocking browser build could keep a copy of the
// visible tables, and reads each copy back into a fresh instance, verified by the tables' checksums.
import type { DuckDBAccessMode, DuckDBBindings, DuckDBDataProtocol } from '@duckdb/duckdb-wasm/blocking';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { BROWSER_RUNTIME, VoidLogger, createDuckDB } from 'duckdb-browser-blocking';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import { DuckDBEngine } from '../src/env/engine.ts';
import { MAIN_SPEC, TABLES, checksums, generateDataset } from '../src/env/dataset.ts';
import { attachCopy, writeCopy } from '../src/env/visible-copy.ts';

// DuckDB-WASM's enum values (its enums live in the Node build's module, which a browser worker cannot import).
const BROWSER_FSACCESS = 3 as DuckDBDataProtocol;
const READ_WRITE = 3 as DuckDBAccessMode;

/** One way of keeping the tables: `write` makes the copy from an instance holding them, `read` loads it into another. */
interface Method {
  name: string;
  write(db: DuckDBBindings, e: DuckDBEngine): Promise<Record<string, Uint8Array>>;
  read(db: DuckDBBindings, e: DuckDBEngine, copy: Record<string, Uint8Array>): Promise<void>;
}

export interface Outcome {
  method: string;
  /** the writer's generation of the tables: warm code, to set beside read_ms + verify_ms */
  generation_ms?: number;
  write_ms?: number;
  bytes?: number;
  read_ms?: number;
  verify_ms?: number;
  same?: boolean;
  error?: string;
}

async function opfsReset(file: string, seed: Uint8Array | null): Promise<void> {
  const dir = await navigator.storage.getDirectory();
  for (const n of [file, `${file}.wal`]) await dir.removeEntry(n).catch(() => undefined);
  if (!seed) return;
  const handle = await (await dir.getFileHandle(file, { create: true })).createSyncAccessHandle();
  handle.write(seed, { at: 0 });
  handle.flush();
  handle.close();
}

async function opfsAttach(db: DuckDBBindings, e: DuckDBEngine, file: string, mode: string): Promise<void> {
  await db.registerOPFSFileName(`opfs://${file}`);
  await db.registerOPFSFileName(`opfs://${file}.wal`);
  e.exec(`ATTACH 'opfs://${file}' AS copy (${mode})`);
}

function copyInto(e: DuckDBEngine, schema: string): void {
  for (const t of TABLES) e.exec(`CREATE TABLE ${schema}.${t} AS SELECT * FROM main.${t}`);
}

function copyFrom(e: DuckDBEngine, schema: string): void {
  for (const t of TABLES) e.exec(`CREATE TABLE main.${t} AS SELECT * FROM ${schema}.${t}`);
}

/** A DuckDB database file on OPFS (what would survive a reload), first created by DuckDB, then seeded with a valid empty
 *  database file made by native DuckDB of the same version (DuckDB refuses the empty file the runtime creates). */
function opfs(name: string, seed: Uint8Array | null): Method {
  // A file per method: a method that fails keeps its file's access handle open in this worker.
  const file = `table-copy-probe-${seed ? 'seeded' : 'new'}.duckdb`;
  return {
    name,
    async write(db, e) {
      await opfsReset(file, seed);
      await opfsAttach(db, e, file, 'READ_WRITE');
      copyInto(e, 'copy');
      e.exec('CHECKPOINT copy');
      e.exec('DETACH copy');
      db.flushFiles();
      return {};
    },
    async read(db, e) {
      await opfsAttach(db, e, file, 'READ_ONLY');
      copyFrom(e, 'copy');
      e.exec('DETACH copy');
    },
  };
}

function methods(emptyDb: Uint8Array): Method[] {
  return [
    {
      name: 'Parquet files (COPY TO, read_parquet)',
      async write(db, e) {
        const out: Record<string, Uint8Array> = {};
        for (const t of TABLES) {
          e.exec(`COPY ${t} TO '${t}.parquet' (FORMAT parquet)`);
          out[t] = db.copyFileToBuffer(`${t}.parquet`);
        }
        return out;
      },
      async read(db, e, copy) {
        for (const t of TABLES) {
          db.registerFileBuffer(`${t}.parquet`, copy[t]);
          e.exec(`CREATE TABLE ${t} AS SELECT * FROM read_parquet('${t}.parquet')`);
        }
      },
    },
    {
      name: 'Arrow IPC (a query result, insertArrowFromIPCStream)',
      async write(db) {
        const conn = db.connect().useUnsafe((_, c) => c);
        // A query answers in the IPC file format; the insert reads the stream format, and creates the table at its end.
        const stream = (t: string) => tableToIPC(tableFromIPC(db.runQuery(conn, `SELECT * FROM ${t}`)), 'stream');
        const out = Object.fromEntries(TABLES.map((t) => [t, stream(t)]));
        db.disconnect(conn);
        return out;
      },
      async read(db, _e, copy) {
        const conn = db.connect().useUnsafe((_, c) => c);
        for (const t of TABLES) db.insertArrowFromIPCStream(conn, copy[t], { name: t, create: true });
        db.disconnect(conn);
      },
    },
    {
      name: 'a database file in memory (ATTACH, copyFileToBuffer)',
      // Written as the page writes its copy: from a valid empty database file, since DuckDB cannot create one here.
      write: async (db, e) => ({ file: writeCopy(db, e) }),
      async read(db, e, copy) {
        db.registerFileBuffer('copy.duckdb', copy.file);
        e.exec(`ATTACH 'copy.duckdb' AS copy (READ_ONLY)`);
        copyFrom(e, 'copy');
      },
    },
    {
      name: 'a database file in memory, attached in place (the page: attachCopy, which verifies it)',
      write: async (db, e) => ({ file: writeCopy(db, e) }),
      async read(db, e, copy) {
        const refused = attachCopy(db, e, copy.file);
        if (refused) throw new Error(refused);
      },
    },
    opfs('a database file on OPFS', null),
    opfs('a database file on OPFS, seeded valid', emptyDb),
    {
      name: 'the database itself on OPFS (open with a path)',
      async write() {
        // The tables generated straight into a database opened on OPFS, as a page would keep them.
        const file = 'table-copy-probe-open.duckdb';
        await opfsReset(file, null);
        const db = await load(`opfs://${file}`, READ_WRITE);
        const e = new DuckDBEngine(db);
        generateDataset(e, MAIN_SPEC);
        e.exec('CHECKPOINT');
        db.flushFiles();
        return {};
      },
      async read(db, e) {
        const file = 'table-copy-probe-open.duckdb';
        await db.prepareDBFileHandle(`opfs://${file}`, BROWSER_FSACCESS);
        e.exec(`ATTACH 'opfs://${file}' AS copy (READ_ONLY)`);
        copyFrom(e, 'copy');
      },
    },
  ];
}

/** A DuckDB instance in memory, or with its database at `path` (an OPFS file). */
async function load(path?: string, accessMode?: DuckDBAccessMode): Promise<DuckDBBindings> {
  const bundles = { mvp: { mainModule: mvpWasm, mainWorker: '' }, eh: { mainModule: ehWasm, mainWorker: '' } };
  const db = await createDuckDB(bundles, new VoidLogger(), BROWSER_RUNTIME);
  await db.instantiate(() => {});
  if (path) await db.prepareDBFileHandle(path, BROWSER_FSACCESS);
  db.open(path ? { path, accessMode } : {});
  return db;
}

function message(e: unknown): string {
  // DuckDB's C++ exceptions reach JS as WebAssembly.Exception, which carries no text.
  if (e instanceof WebAssembly.Exception) return 'a C++ exception inside DuckDB (no message)';
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 160);
}

async function tryMethod(m: Method, expected: Record<string, string>): Promise<Outcome> {
  const out: Outcome = { method: m.name };
  try {
    // Each method writes from an instance of its own: one that traps leaves the next a sound one.
    const db = await load();
    const e = new DuckDBEngine(db);
    out.generation_ms = generateDataset(e, MAIN_SPEC);
    let t0 = performance.now();
    const copy = await m.write(db, e);
    out.write_ms = performance.now() - t0;
    out.bytes = Object.values(copy).reduce((s, b) => s + b.length, 0);
    const db2 = await load();
    const e2 = new DuckDBEngine(db2);
    t0 = performance.now();
    await m.read(db2, e2, copy);
    out.read_ms = performance.now() - t0;
    t0 = performance.now();
    out.same = JSON.stringify(checksums(e2)) === JSON.stringify(expected);
    out.verify_ms = performance.now() - t0;
  } catch (e) {
    out.error = message(e);
  }
  return out;
}

self.onmessage = async (ev: MessageEvent<{ emptyDb: Uint8Array }>) => {
  try {
    const db = await load();
    const e = new DuckDBEngine(db);
    const generation_ms = generateDataset(e, MAIN_SPEC);
    const t0 = performance.now();
    const expected = checksums(e);
    const checksum_ms = performance.now() - t0;
    const outcomes: Outcome[] = [];
    for (const m of methods(ev.data.emptyDb)) outcomes.push(await tryMethod(m, expected));
    postMessage({ generation_ms, checksum_ms, outcomes });
  } catch (e) {
    postMessage({ error: message(e) });
  }
};
