// The visible tables kept as a DuckDB database file, so a later page visit attaches them (a few ms) instead of generating
// them (~0.4-0.6 s on a fresh worker). A copy is used only when its tables have the published checksums of the dataset;
// anything else about it (a file of another version, a truncated or edited one) makes the caller generate as before.
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import { type DatasetSpec, MAIN_CHECKSUMS, MAIN_SPEC, TABLES, checksums } from './dataset.ts';
import { EMPTY_DATABASE_BASE64 } from './empty-database.ts';
import type { Engine } from './engine.ts';

/** The catalog a copy is attached as; `USE` makes it the default, so every query names the tables as before. */
const CATALOG = 'visible_copy';
const FILE = 'visible-copy.duckdb';

/** Only the published dataset has checksums to verify a copy against. */
export function copyable(spec: DatasetSpec): boolean {
  return (Object.keys(MAIN_SPEC) as (keyof DatasetSpec)[]).every((k) => spec[k] === MAIN_SPEC[k]);
}

/**
 * Writes the tables of `engine` (MAIN_SPEC's, not yet hardened: it attaches a file) into a database file and returns its
 * bytes. DuckDB-WASM cannot create a database file in the browser, so it starts from a valid empty one of the same
 * DuckDB version (empty-database.ts).
 */
export function writeCopy(db: DuckDBBindings, engine: Engine): Uint8Array {
  db.registerFileBuffer(
    FILE,
    Uint8Array.from(atob(EMPTY_DATABASE_BASE64), (c) => c.charCodeAt(0)),
  );
  // Its write-ahead log in memory too: unregistered, Node's runtime would write it beside the process.
  db.registerFileBuffer(`${FILE}.wal`, new Uint8Array(0));
  try {
    engine.exec(`ATTACH '${FILE}' AS ${CATALOG}_out`);
    for (const t of TABLES) engine.exec(`CREATE TABLE ${CATALOG}_out.${t} AS SELECT * FROM memory.main.${t}`);
    engine.exec(`DETACH ${CATALOG}_out`);
    return db.copyFileToBuffer(FILE);
  } finally {
    db.dropFiles([FILE, `${FILE}.wal`]);
  }
}

/**
 * Attaches `file` read-only as the default catalog of a fresh instance (before hardening), if it holds the four tables
 * and nothing else (no view, macro or sequence whose SQL the checks would run) with the published row counts and
 * checksums; returns null then, or why it was not used (the instance is left as it was).
 *
 * Queries see the same tables; `current_database()` and the catalog functions then name this catalog, which the judged
 * instance does not. That tells a query nothing it could not learn already: the visible data's values are public.
 */
export function attachCopy(db: DuckDBBindings, engine: Engine, file: Uint8Array): string | null {
  db.registerFileBuffer(FILE, file);
  let attached = false;
  try {
    engine.exec(`ATTACH '${FILE}' AS ${CATALOG} (READ_ONLY)`);
    attached = true;
    const objects = engine.rows(
      `SELECT 'table ' || table_name AS o FROM duckdb_tables() WHERE database_name = '${CATALOG}'
       UNION ALL SELECT 'view ' || view_name FROM duckdb_views() WHERE database_name = '${CATALOG}' AND NOT internal
       UNION ALL SELECT 'function ' || function_name FROM duckdb_functions() WHERE database_name = '${CATALOG}'
       UNION ALL SELECT 'sequence ' || sequence_name FROM duckdb_sequences() WHERE database_name = '${CATALOG}'
       ORDER BY o`,
    );
    const expected = TABLES.map((t) => `table ${t}`).sort();
    if (objects.map((r) => r.o).join() !== expected.join()) throw new Error(`it holds ${objects.map((r) => r.o).join(', ')}`);
    // Row counts first (from the tables' metadata): a copy padded with rows is refused before it is scanned.
    for (const t of TABLES) {
      const [{ n }] = engine.rows(`SELECT count(*) AS n FROM ${CATALOG}.main.${t}`);
      if (`${n}:` !== MAIN_CHECKSUMS[t].slice(0, MAIN_CHECKSUMS[t].indexOf(':') + 1)) throw new Error(`its ${t} has ${n} rows`);
    }
    const found = checksums(engine, `${CATALOG}.main`);
    const wrong = TABLES.filter((t) => found[t] !== MAIN_CHECKSUMS[t]);
    if (wrong.length) throw new Error(`its ${wrong.join(', ')} differ from the published checksums`);
    engine.exec(`USE ${CATALOG}`);
    return null;
  } catch (e) {
    if (attached) engine.exec(`DETACH ${CATALOG}`);
    db.dropFile(FILE);
    return e instanceof Error ? e.message.split('\n')[0] : String(e);
  }
}
