// Can the page keep a copy of the generated visible tables, and load it faster than it generates them? Tries each way
// DuckDB-WASM's blocking browser build offers, in real Chromium, and prints what worked and what it cost (issue 13's
// "cached tables"; rerun it when DuckDB-WASM is upgraded).
//   npx tsx scripts/table-copy.ts
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { type Browser, chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium.ts';
import { fmt, table } from '../src/cli/table.ts';
import type { Outcome } from './table-copy.worker.ts';
import { MAIN_SPEC } from '../src/env/dataset.ts';

// Only a hang takes this long.
const HANG_MS = 300_000;

/** A valid empty database file, written by native DuckDB of the engine's version. */
async function emptyDatabase(): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'table-copy-'));
  try {
    const path = join(dir, 'empty.duckdb');
    const db = await DuckDBInstance.create(path);
    (await db.connect()).closeSync();
    db.closeSync();
    return new Uint8Array(await readFile(path));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type Report = { generation_ms: number; checksum_ms: number; outcomes: Outcome[] } | { error: string };

const root = fileURLToPath(new URL('..', import.meta.url));
const server = await createServer({ root, logLevel: 'warn', server: { port: 0 } });
// A blank page of the dev server's origin, so the worker's modules are served (and transformed) by Vite.
server.middlewares.use('/table-copy-blank', (_req, res) => res.end('<!doctype html><title>table copy</title>'));
let browser: Browser | null = null;
try {
  await server.listen();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const page = await browser.newPage();
  await page.goto(new URL('/table-copy-blank', server.resolvedUrls!.local[0]).href);
  const report = (await page.evaluate(
    ([url, bytes, hangMs]) =>
      new Promise((resolve) => {
        const worker = new Worker(url, { type: 'module' });
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => resolve({ error: e.message || 'the worker failed to load or threw' });
        setTimeout(() => resolve({ error: 'no answer: the probe hung' }), hangMs);
        worker.postMessage({ emptyDb: new Uint8Array(bytes) });
      }),
    ['/scripts/table-copy.worker.ts', [...(await emptyDatabase())], HANG_MS] as const,
  )) as Report;
  if ('error' in report) throw new Error(report.error);
  console.log(
    `visible tables (seed ${MAIN_SPEC.seed}): generated in ${fmt.ms(report.generation_ms)} ms (the worker's first run), checksums in ${fmt.ms(report.checksum_ms)} ms`,
  );
  console.log(
    table(
      ['way of keeping a copy', 'generation ms', 'write ms', 'bytes', 'read ms', 'verify ms', 'same tables', 'error'],
      report.outcomes.map((o) => [
        o.method,
        fmt.ms(o.generation_ms),
        fmt.ms(o.write_ms),
        o.bytes ?? '-',
        fmt.ms(o.read_ms),
        fmt.ms(o.verify_ms),
        fmt.yes(o.same),
        o.error ?? '',
      ]),
    ),
  );
} finally {
  await browser?.close();
  await server.close();
}
