// Format keeps a query's meaning: every task's original and reference, formatted, returns exactly the rows the
// unformatted text returns on the small edge-case datasets, run by the real DuckDB-WASM engine.
import { describe, expect, it } from 'vitest';
import { EDGE_CASES } from '../../env/edge-cases.ts';
import { DuckDBEngine } from '../../env/engine.ts';
import { instantiate, loadTasks } from '../../env/tasks.ts';
import { loadDuckDB } from '../../node/load-duckdb.ts';
import { readTaskFiles } from '../../node/task-files.ts';
import { formatSql } from './format.ts';

// Only there to catch a hang; these datasets answer every task in well under a second.
const DEADLINE_MS = 120_000;
const tasks = [...loadTasks(readTaskFiles()).values()].map((t) => instantiate(t, null));

// Small datasets with NULLs, duplicates, ties and boundaries, each holding rows some task's filters select; loaded on
// first need, since most queries find rows in the first.
const engines = new Map<string, Promise<DuckDBEngine>>();
function engineFor(d: (typeof EDGE_CASES)[number]): Promise<DuckDBEngine> {
  if (!engines.has(d.name))
    engines.set(
      d.name,
      loadDuckDB().then((db) => {
        const engine = new DuckDBEngine(db);
        for (const s of d.statements) engine.exec(s);
        engine.harden();
        return engine;
      }),
    );
  return engines.get(d.name)!;
}

const rowsOn = (e: DuckDBEngine, sql: string): unknown[] => e.run(e.gate(sql), (s) => s, { deadlineMs: DEADLINE_MS }).rows;

/** The first dataset on which `sql` returns rows, and those rows in the order DuckDB returns them. */
async function firstRows(sql: string): Promise<{ engine: DuckDBEngine; rows: unknown[] } | null> {
  for (const d of EDGE_CASES) {
    const engine = await engineFor(d);
    const rows = rowsOn(engine, sql);
    if (rows.length > 0) return { engine, rows };
  }
  return null;
}

describe('formatSql', () => {
  it('lays a one-line query out one clause per line, keeping the keywords as typed', () => {
    expect(formatSql('select id from orders where total > 10')).toBe('select\n  id\nfrom\n  orders\nwhere\n  total > 10');
  });

  it('throws on text it cannot parse (the editor then leaves the text alone)', () => {
    expect(() => formatSql('SELECT (1')).toThrow();
  });

  it.each(tasks.flatMap((t) => [[`${t.id} original`, t.original] as const, [`${t.id} reference`, t.reference] as const]))(
    '%s: the formatted text returns the same rows',
    async (_, sql) => {
      const formatted = formatSql(sql);
      // Otherwise the comparison below would compare the text with itself.
      expect(formatted).not.toBe(sql);
      const before = await firstRows(sql);
      expect(before, 'some dataset gives the query rows to compare').not.toBeNull();
      expect(rowsOn(before!.engine, formatted)).toEqual(before!.rows);
    },
  );
});
