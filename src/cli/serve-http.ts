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
  // One worker by default: measured with `npm run bench:load` on 2 cores, a second worker's checks and plans running
  // beside a timed round lowered a fixed rewrite's speedup by 9 % under 16 sessions (0.908 of alone), while one worker
  // kept it at 1.002. More workers buy throughput at that cost; timed rounds then get one core fewer than there are,
  // so no two share a core.
  const cores = availableParallelism();
  const workers = int(str('workers'), 1, 'workers', 1);
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
