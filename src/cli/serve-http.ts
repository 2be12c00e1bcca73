// `serve --http`: reads the server's flags, starts it, prints where it listens (stderr), and shuts down on SIGTERM/SIGINT.
import { availableParallelism } from 'node:os';
import { serveHttp } from '../server/server.ts';
import type { WorkerSetup } from '../node/spawn.ts';

const log = (s: string) => process.stderr.write(`${s}\n`);

function int(v: string | undefined, fallback: number, name: string, min: number): number {
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isSafeInteger(n) || n < min) {
    log(`error: --${name} must be an integer of at least ${min} (got ${v})`);
    process.exit(2);
  }
  return n;
}

/** Runs until a signal; resolves with the exit code. */
export async function serveHttpCommand(values: Record<string, unknown>, setup: WorkerSetup): Promise<number> {
  const str = (k: string) => values[k] as string | undefined;
  // One worker per core by default; timed rounds get one core fewer, so the rest of every step (checks on the other
  // datasets, plans, restores, the server itself) has a core of its own and never runs beside a timed run.
  const cores = availableParallelism();
  const workers = int(str('workers'), cores, 'workers', 1);
  const server = await serveHttp({
    port: int(str('port'), 8000, 'port', 0),
    host: str('host') ?? '127.0.0.1',
    workers,
    measureSlots: int(str('measure-slots'), Math.max(1, cores - 1), 'measure-slots', 1),
    queue: int(str('queue'), 64, 'queue', 0),
    sessionTtlMs: int(str('session-ttl'), 3600, 'session-ttl', 1) * 1000,
    graceMs: 60_000,
    setup,
    log,
  });
  log(`sql-optim-env: listening on http://${str('host') ?? '127.0.0.1'}:${server.port}`);
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      log(`sql-optim-env: ${signal}: finishing running calls, then closing`);
      void server.close().then(() => resolve(0));
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
