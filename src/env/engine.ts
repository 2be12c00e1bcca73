// The sandbox around DuckDB-WASM blocking bindings: trusted SQL for setup, gated read-only runs with deadlines for user SQL.
// The same file serves Node and the browser; only the loading of the bindings differs (see load-node.ts, workers/).
import { type MeasurementGate, OPEN_GATE } from './timing.ts';
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import { DataType, RecordBatchReader, Table, type Field } from 'apache-arrow';
import { EnvError } from './errors.ts';

/** A row as plain JSON: numbers, strings, booleans, nulls. */
export type Row = Record<string, unknown>;

/** User SQL that passed the gate: one read-only query, trailing semicolons stripped. */
export interface GatedSql {
  readonly sql: string;
  readonly __gated: true;
}

/** Limits of the sandbox; each has its reason beside it. */
export interface EngineLimits {
  /** longest SQL text accepted: real rewrites are a few KB, a 1 MB string only tests the parser */
  maxSqlChars: number;
  /** a 600-deep expression otherwise blocks planning for seconds where it cannot be cancelled */
  maxExpressionDepth: number;
  /** out-of-memory then fails as an error instead of growing the wasm heap, which never shrinks */
  memoryLimit: string;
}

export const DEFAULT_LIMITS: EngineLimits = {
  maxSqlChars: 20_000,
  maxExpressionDepth: 250,
  memoryLimit: '1GB',
};

/** Result of one gated run: rows (plain JSON) and the wall time DuckDB took. */
export interface RunResult {
  rows: Row[];
  columns: string[];
  ms: number;
}

/** What the executor needs from a database; hides the bindings. One engine holds one dataset and nothing else, so user
 *  SQL cannot name another (design §3): the visible and the judged data each in the `main` schema of an instance of
 *  their own, each edge-case dataset in the temporary tables of its own connection to the edge-case instance. */
export interface Engine {
  readonly version: string;
  /** Trusted SQL (data generation, setup); never user text. */
  exec(sql: string): void;
  /** Trusted SQL returning rows. */
  rows(sql: string): Row[];
  /** Locks the session down; afterwards only gated SQL and trusted reads are meant to run. */
  harden(): void;
  /** Checks user SQL: one query statement, within limits. Throws SQL_REJECTED or SQL_ERROR. */
  gate(sql: string): GatedSql;
  /** Runs `build(gated)` read-only, cancelled at `deadlineMs`. Throws TIMEOUT, SQL_ERROR, OUT_OF_MEMORY, ENGINE_FATAL. */
  run(gated: GatedSql, build: (sql: string) => string, opts: { deadlineMs: number }): RunResult;
}

// Messages of a wasm instance that trapped: its memory may be corrupt, so the only safe move is a new worker.
const FATAL = /RuntimeError|memory access out of bounds|null function|table index is out of bounds|unreachable|Aborted\(/i;
const OOM = /Out of Memory|could not allocate|failed to allocate/i;
// DuckDB token type of an operator, in ScriptTokens.types.
const TOKEN_OPERATOR = 3;

/** Plain JSON value of an Arrow cell: exact bigints become numbers, decimals are scaled, dates are ISO text. */
function plain(v: unknown, field: Field): unknown {
  if (v === null || v === undefined) return null;
  const t = field.type;
  if (DataType.isDecimal(t)) return Number(String(v)) / 10 ** t.scale;
  if (DataType.isDate(t)) return new Date(Number(v)).toISOString().slice(0, 10);
  if (DataType.isTimestamp(t)) return new Date(Number(v)).toISOString();
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v === 'object' && !(v instanceof Uint8Array)) return String(v);
  return v;
}

function tableRows(table: Table): { rows: Row[]; columns: string[] } {
  const fields = table.schema.fields;
  const columns = fields.map((f) => f.name);
  const rows: Row[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: Row = {};
    fields.forEach((f, j) => (row[f.name] = plain(table.getChildAt(j)?.get(i), f)));
    rows.push(row);
  }
  return { rows, columns };
}

/** DuckDB-WASM blocking bindings behind the Engine interface. */
export class DuckDBEngine implements Engine {
  readonly version: string;
  private readonly conn: number;
  private hardened = false;
  private dead: string | null = null;

  constructor(
    private readonly db: DuckDBBindings,
    private readonly limits: EngineLimits = DEFAULT_LIMITS,
    /** other workers' timed rounds never run beside this engine's runs (the HTTP server's pool); open when alone */
    private readonly measurement: MeasurementGate = OPEN_GATE,
  ) {
    this.version = db.getVersion();
    this.conn = db.connect().useUnsafe((_, c) => c);
  }

  exec(sql: string): void {
    this.guard(() => this.db.runQuery(this.conn, sql));
  }

  rows(sql: string): Row[] {
    return this.guard(() => tableRows(this.read(this.db.runQuery(this.conn, sql))).rows);
  }

  harden(): void {
    this.settle();
    this.exec('SET lock_configuration = true');
  }

  /**
   * Several connections to one instance (the edge cases, one per dataset), hardened together: max_expression_depth is a
   * setting of each connection, so every one sets it before the last locks the instance's configuration.
   */
  static hardenTogether(engines: DuckDBEngine[]): void {
    for (const e of engines) e.settle();
    engines.at(-1)?.harden();
  }

  private settle(): void {
    // Order matters: everything is set before lock_configuration freezes it. Every instance gets the same settings,
    // so nothing a query can ask tells the judged data from the visible.
    for (const s of [
      'SET autoinstall_known_extensions = false',
      // With autoload on, a function from a missing extension hangs trying to download it.
      'SET autoload_known_extensions = false',
      `SET max_expression_depth = ${this.limits.maxExpressionDepth}`,
      `SET memory_limit = '${this.limits.memoryLimit}'`,
      'SET enable_external_access = false',
    ])
      this.exec(s);
    this.hardened = true;
  }

  gate(input: string): GatedSql {
    if (typeof input !== 'string') throw new EnvError('SQL_REJECTED', 'the query must be a string');
    if (input.length > this.limits.maxSqlChars)
      throw new EnvError('SQL_REJECTED', `the query is ${input.length} characters; the limit is ${this.limits.maxSqlChars}`);
    const sql = this.stripTrailingSemicolons(input);
    if (sql.trim() === '') throw new EnvError('SQL_REJECTED', 'the query is empty');
    const wrapped = `SELECT * FROM (\n${sql}\n) AS q LIMIT 0`;
    // Preparing only plans; the read-only transaction stops any bind-time side effect all the same.
    const [wrappedErr, rawErr] = this.readOnly(this.conn, () => [this.tryPrepare(wrapped), this.tryPrepare(sql)]);
    if (rawErr && /multiple statements/i.test(rawErr)) throw new EnvError('SQL_REJECTED', 'only a single SELECT query is allowed');
    // DuckDB's own message suggests SET, which the sandbox forbids: say what the limit is instead.
    if (/expression depth/i.test(rawErr ?? wrappedErr ?? ''))
      throw new EnvError('SQL_REJECTED', `the query nests expressions deeper than ${this.limits.maxExpressionDepth} levels`);
    if (wrappedErr && /Parser Error/i.test(wrappedErr)) {
      // Inside FROM ( … ) only a query parses: DDL, DML, SET, PRAGMA, ATTACH, COPY, CALL… fail here.
      // If the text alone fails to parse too, it is a plain typo: report DuckDB's own message (its LINE numbers are the user's).
      if (rawErr && /Parser Error/i.test(rawErr)) throw new EnvError('SQL_ERROR', rawErr);
      throw new EnvError('SQL_REJECTED', 'only a single SELECT query is allowed');
    }
    // A query that parses inside the wrapper but not alone smuggles parentheses: `1) AS q, (SELECT 2`.
    if (!wrappedErr && rawErr && /Parser Error/i.test(rawErr))
      throw new EnvError('SQL_REJECTED', 'the query is not one complete statement (unbalanced parentheses?)');
    if (rawErr ?? wrappedErr) throw new EnvError('SQL_ERROR', (rawErr ?? wrappedErr)!);
    return { sql, __gated: true };
  }

  run(gated: GatedSql, build: (sql: string) => string, opts: { deadlineMs: number }): RunResult {
    if (!this.hardened) throw new EnvError('INTERNAL', 'engine used before harden()');
    const text = build(gated.sql);
    return this.measurement.shared(() => this.readOnly(this.conn, () => this.guard(() => this.pending(this.conn, text, opts.deadlineMs))));
  }

  /** Start / poll / cancel: the only way to stop a running DuckDB-WASM query from the same thread. */
  private pending(conn: number, text: string, deadlineMs: number): RunResult {
    const t0 = performance.now();
    let header = this.db.startPendingQuery(conn, text, false);
    while (header === null) {
      if (performance.now() - t0 > deadlineMs) {
        this.db.cancelPendingQuery(conn);
        throw new EnvError('TIMEOUT', `cancelled after ${(deadlineMs / 1000).toFixed(1)} s`);
      }
      header = this.db.pollPendingQuery(conn);
    }
    const chunks: Uint8Array[] = [header];
    for (let c = this.db.fetchQueryResults(conn); c && c.length > 0; c = this.db.fetchQueryResults(conn)) chunks.push(c);
    const ms = performance.now() - t0;
    return { ...tableRows(this.read(chunks)), ms };
  }

  private read(buffer: Uint8Array | Uint8Array[]): Table {
    return new Table(RecordBatchReader.from(buffer as Uint8Array));
  }

  /** Prepares and closes `text`; the error message, or null when it prepared. */
  private tryPrepare(text: string): string | null {
    try {
      const id = this.guard(() => this.db.createPrepared(this.conn, text));
      this.db.closePrepared(this.conn, id);
      return null;
    } catch (e) {
      if (e instanceof EnvError && e.code === 'SQL_ERROR') return e.message;
      throw e;
    }
  }

  /** Runs `fn` inside a READ ONLY transaction that is always rolled back. */
  private readOnly<T>(conn: number, fn: () => T): T {
    this.guard(() => this.db.runQuery(conn, 'BEGIN TRANSACTION READ ONLY'));
    try {
      return fn();
    } finally {
      if (!this.dead) this.db.runQuery(conn, 'ROLLBACK');
    }
  }

  private stripTrailingSemicolons(sql: string): string {
    let tokens;
    try {
      tokens = this.db.tokenize(sql);
    } catch {
      return sql;
    }
    // Token offsets are UTF-8 byte offsets; a JS string index differs as soon as the text has a non-ASCII character.
    const bytes = new TextEncoder().encode(sql);
    const SEMICOLON = 0x3b;
    let end = bytes.length;
    for (let i = tokens.offsets.length - 1; i >= 0; i--) {
      // Comments are not tokens, so `SELECT 1; -- done` ends in a ';' token too.
      if (tokens.types[i] === TOKEN_OPERATOR && bytes[tokens.offsets[i]] === SEMICOLON) end = tokens.offsets[i];
      else break;
    }
    return new TextDecoder().decode(bytes.subarray(0, end));
  }

  /** Runs a binding call, classifying DuckDB errors into stable codes and noticing wasm traps. */
  private guard<T>(fn: () => T): T {
    if (this.dead) throw new EnvError('ENGINE_FATAL', `the database engine crashed earlier (${this.dead}); it must be restarted`);
    try {
      return fn();
    } catch (e) {
      if (e instanceof EnvError) throw e;
      const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      if (FATAL.test(msg) || (e instanceof Error && e.name === 'RuntimeError')) {
        this.dead = msg.slice(0, 200);
        throw new EnvError('ENGINE_FATAL', `the database engine crashed: ${msg.slice(0, 200)}`);
      }
      if (OOM.test(msg)) throw new EnvError('OUT_OF_MEMORY', firstLines(msg));
      throw new EnvError('SQL_ERROR', firstLines(e instanceof Error ? e.message : String(e)));
    }
  }
}

/** DuckDB messages repeat the LINE/caret block; keep the readable part. */
function firstLines(msg: string): string {
  const lines = msg.split('\n');
  const seen = new Set<string>();
  return lines
    .filter((l) => (l.trim() === '' || seen.has(l) ? false : (seen.add(l), true)))
    .slice(0, 4)
    .join('\n');
}
