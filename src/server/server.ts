// `serve --http`: starts the worker pool, the sessions and one node:http server carrying the HTTP routes and the
// WebSocket /ws; shuts down gracefully (stop accepting, let running calls finish, close the workers).
import { randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { startSupervised, type WorkerSetup } from '../node/spawn.ts';
import { Dispatcher } from './dispatch.ts';
import { WorkerPool } from './pool.ts';
import { MeasurementScheduler } from './scheduler.ts';
import { route, type Reply } from './routes.ts';
import { SessionStore } from './sessions.ts';
import { MAX_MESSAGE_BYTES, parseJson, readBody, send, sessionOf } from './wire.ts';
import { serveSocket } from './ws.ts';

export interface HttpOptions {
  port: number;
  host: string;
  workers: number;
  /** timed rounds that may run at once across the workers (the measurement scheduler) */
  measureSlots: number;
  /** calls that may wait for a free worker */
  queue: number;
  sessionTtlMs: number;
  /** running calls get this long to finish at shutdown before they are stopped */
  graceMs: number;
  setup: WorkerSetup;
  log: (s: string) => void;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

export async function serveHttp(o: HttpOptions): Promise<RunningServer> {
  // Every worker judges on the same hidden data: one seed, drawn here unless fixed, never shown.
  const setup = { ...o.setup, judgedSeed: o.setup.judgedSeed ?? randomInt(2 ** 31) };
  const measurement = new MeasurementScheduler(o.measureSlots);
  const sups = await Promise.all(
    Array.from({ length: o.workers }, (_, i) =>
      startSupervised(setup, {}, { link: () => measurement.link(i), waitedMs: () => measurement.waitedMs(i) }),
    ),
  );
  for (const sup of sups) sup.events.on('notice', (n) => o.log(n.text));
  const status = sups[0].status;
  const tableStats = status.kind === 'ready' ? Object.fromEntries(status.info.tables.map((t) => [t.name, t.rows])) : {};
  const sessions = new SessionStore(o.sessionTtlMs);
  const dispatcher = new Dispatcher(new WorkerPool(sups, o.queue), sessions, measurement);

  const server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const found = route(req.method ?? 'GET', path);
      if (found === null) return send(res, 404, { detail: 'Not Found' });
      if (!('handle' in found)) return send(res, found.status, found.body);
      const s = sessionOf(req);
      if ('error' in s) return send(res, 400, { detail: s.error });
      const text = await readBody(req);
      if (text === null)
        return send(res, 413, { detail: `the body is over the limit of ${MAX_MESSAGE_BYTES} bytes` }, { connection: 'close' });
      const parsed = parseJson(text);
      const reply: Reply = await found.handle({
        session: sessions.get(s.id),
        body: 'value' in parsed ? parsed.value : undefined,
        invalidJson: 'invalid' in parsed ? parsed.invalid : null,
        dispatcher,
        tableStats,
      });
      send(res, reply.status, reply.body, { 'x-session-id': s.id });
    } catch (e) {
      if (!res.headersSent) send(res, 500, { detail: e instanceof Error ? e.message : String(e) });
    }
  }

  // The size limit is checked per message (a clear error, the connection kept); far past it the socket is closed (1009).
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * MAX_MESSAGE_BYTES });
  wss.on('connection', (ws) => serveSocket(ws, dispatcher));
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws') return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  await new Promise<void>((resolve) => server.listen(o.port, o.host, resolve));
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const ws of wss.clients) ws.close(1001, 'the server is shutting down');
      await dispatcher.pool.close(o.graceMs);
      for (let i = 0; i < o.workers; i++) measurement.unlink(i);
      await new Promise((resolve) => setImmediate(resolve)); // the last answers are written
      server.closeAllConnections();
      await stopped;
      sessions.close();
    })());
  return { port, close };
}
