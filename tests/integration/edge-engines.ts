// Test helpers for the edge-case datasets: one hardened DuckDB-WASM engine per dataset, and the executor's result fingerprints.
import { EDGE_DATASETS, type EdgeDataset } from '../../src/env/edge-data.ts';
import { DuckDBEngine } from '../../src/env/engine.ts';
import { type ColumnType, type Normaliser, fingerprintSql, planColumns } from '../../src/env/fingerprint.ts';
import { instantiate, type TaskDef } from '../../src/env/tasks.ts';
import { loadDuckDB } from '../../src/node/load-duckdb.ts';

// Only there to catch a hang: correctness is what these tests check, and a slow original on the visible data takes seconds.
const DEADLINE_MS = 120_000;

export interface EdgeEngine {
  name: string;
  engine: DuckDBEngine;
}

/** A fresh DuckDB-WASM holding one edge dataset in its main schema, locked down like the real one. */
export async function edgeEngine(d: EdgeDataset): Promise<DuckDBEngine> {
  const engine = new DuckDBEngine(await loadDuckDB());
  for (const s of d.statements) engine.exec(s);
  engine.harden();
  return engine;
}

export async function edgeEngines(): Promise<EdgeEngine[]> {
  const out: EdgeEngine[] = [];
  for (const d of EDGE_DATASETS) out.push({ name: d.name, engine: await edgeEngine(d) });
  return out;
}

/** Row count and the multiset hash on each of the executor's two grids. */
export interface Fingerprint {
  n: number;
  h: [string, string];
}

/** The executor's equality rule (Executor.checkEquality): same count, same hash on either grid. */
export function sameResult(a: Fingerprint, b: Fingerprint): boolean {
  return a.n === b.n && (a.h[0] === b.h[0] || a.h[1] === b.h[1]);
}

/** Result columns of user SQL, through the gate as the executor does. */
export function columnsOf(engine: DuckDBEngine, sql: string): ColumnType[] {
  const rows = engine.run(engine.gate(sql), (s) => `DESCRIBE ${s}`, { deadlineMs: DEADLINE_MS }).rows;
  return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

/** The executor's fingerprint of user SQL's result, with the normalisers chosen for the pair being compared. */
export function fingerprint(engine: DuckDBEngine, sql: string, norms: Normaliser[], ordered: boolean): Fingerprint {
  const [row] = engine.run(engine.gate(sql), (s) => fingerprintSql(s, norms, ordered), { deadlineMs: DEADLINE_MS }).rows;
  return { n: Number(row.n), h: [String(row.h0), String(row.h1)] };
}

/** Normalisers for comparing `a` with `b`; throws when their columns cannot match (a test bug, not a finding). */
export function normsFor(a: ColumnType[], b: ColumnType[]): Normaliser[] {
  const plan = planColumns(a, b);
  if (!plan.ok) throw new Error(plan.reason);
  return plan.norms;
}

/** Original and rewrite on one engine: their fingerprints, compared as the executor compares them. */
export function compareOn(engine: DuckDBEngine, original: string, rewrite: string, ordered: boolean) {
  const norms = normsFor(columnsOf(engine, original), columnsOf(engine, rewrite));
  const a = fingerprint(engine, original, norms, ordered);
  const b = fingerprint(engine, rewrite, norms, ordered);
  return { original: a, rewrite: b, match: sameResult(a, b) };
}

/** Every combination of parameter values (the full cross product: 122 variants for the library as it stands). */
export function allVariants(task: TaskDef): Record<string, string | number>[] {
  let out: Record<string, string | number>[] = [{}];
  for (const [name, values] of Object.entries(task.params)) out = out.flatMap((v) => values.map((x) => ({ ...v, [name]: x })));
  return out;
}

/** The task with each parameter pinned to one value, instantiated through the real substitution; `reference` may be replaced. */
export function pinned(task: TaskDef, values: Record<string, string | number>, reference = task.reference) {
  const params = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, [v]]));
  return instantiate({ ...task, params, reference }, null);
}
