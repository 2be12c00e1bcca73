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

/**
 * Workers by default: one per core but one. Timed rounds run alone on the engines (the scheduler holds every other
 * worker's calls while one runs), yet with a second worker on 2 cores a fixed rewrite's speedup under 16 sessions was
 * 0.947, 0.983 and 0.944 of alone in three runs of `npm run bench:load`, against 1.110, 1.002, 0.997 and 0.964 with one
 * (docs/results.md): the runs' own spread (about ±5 %) is as large as the difference, but every two-worker run fell
 * below 1. What a worker does outside its calls (posting a result, collecting its garbage) is not held, and on 2 cores
 * it shares the core a round does not use with the server. So one core is left to the server, as for the measurement
 * slots; one worker now steps about as fast as two did before steps got cheaper (issue 13).
 */
export const defaultWorkers = (cores: number): number => Math.max(1, cores - 1);

/** Runs until a signal; resolves with the exit code. */
export async function serveHttpCommand(values: Record<string, unknown>, setup: WorkerSetup): Promise<number> {
  const str = (k: string) => values[k] as string | undefined;
  const cores = availableParallelism();
  const workers = int(str('workers'), defaultWorkers(cores), 'workers', 1);
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
