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
  // One worker per core: timed rounds run alone on the engines (the scheduler holds every other worker's engine runs
  // while one runs), so more workers buy parallel checks, plans and restores without bending the timing. Measured with
  // `npm run bench:load` on 2 cores: a fixed rewrite's speedup under 16 sessions was 1.009 of alone with two workers
  // (0.908 when rounds only excluded other rounds). Rounds at once: one per core but one, so no two share a core.
  const cores = availableParallelism();
  const workers = int(str('workers'), cores, 'workers', 1);
  const server = await serveHttp({
    port: int(str('port'), 8000, 'port', 0),
    host: str('host') ?? '127.0.0.1',
    workers,
    measureSlots: int(str('measure-slots'), Math.max(1, Math.min(workers, cores - 1)), 'measure-slots', 1),
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
