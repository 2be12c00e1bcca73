// Writes src/env/empty-database.ts: a valid empty DuckDB database file, as base64, made by native DuckDB of the engine's
// version. DuckDB-WASM cannot create a database file in the browser, so a kept copy of the visible tables starts from
// it (src/env/visible-copy.ts). Rerun it when DuckDB is upgraded: tests/integration/visible-copy.test.ts fails until then.
//   npx tsx scripts/empty-database.ts
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const OUT = fileURLToPath(new URL('../src/env/empty-database.ts', import.meta.url));

const dir = await mkdtemp(join(tmpdir(), 'empty-database-'));
try {
  const path = join(dir, 'empty.duckdb');
  const db = await DuckDBInstance.create(path);
  const conn = await db.connect();
  const version = (await conn.runAndReadAll('SELECT version() AS v')).getRowObjects()[0].v;
  conn.closeSync();
  db.closeSync();
  const base64 = (await readFile(path)).toString('base64');
  await writeFile(
    OUT,
    [
      `// A valid empty DuckDB database file (DuckDB ${version}), written by \`npx tsx scripts/empty-database.ts\`: a kept copy of`,
      '// the visible tables starts from it (visible-copy.ts). Generated; do not edit.',
      `export const EMPTY_DATABASE_VERSION = '${version}';`,
      `export const EMPTY_DATABASE_BASE64 =\n  '${base64}';`,
      '',
    ].join('\n'),
  );
  console.log(`wrote ${OUT}: DuckDB ${version}, ${base64.length} base64 characters`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
