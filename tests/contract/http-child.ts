// Starts `serve --http` as a child process on port 0 and reads the port it prints on stderr (shared by the contract
// registration and the conformance tests), and talks to it: JSON over HTTP, and a WebSocket whose replies are read in order.
/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers of another protocol, asserted field by field */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const BIN = fileURLToPath(new URL('../../bin/sql-optim-env.mjs', import.meta.url));

export interface HttpChild {
  base: string;
  port: number;
  child: ChildProcess;
  stderr: () => string;
  /** SIGTERM, then resolves with the exit code */
  stop(): Promise<number | null>;
}

/** One worker unless `extra` says otherwise: booting more costs the suite time, and only the pool tests need them. */
export function startHttpChild(extra: string[] = []): Promise<HttpChild> {
  const workers = extra.includes('--workers') ? [] : ['--workers', '1'];
  const child = spawn(process.execPath, [BIN, 'serve', '--http', '--port', '0', ...workers, ...extra], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(err);
      if (m) {
        const port = Number(m[1]);
        resolve({
          base: `http://127.0.0.1:${port}`,
          port,
          child,
          stderr: () => err,
          stop: () => (child.kill('SIGTERM'), exited),
        });
      }
    });
    void exited.then((code) => reject(new Error(`serve --http exited with ${code} before listening: ${err}`)));
  });
}

/** One HTTP call with a JSON body (a string is sent as it is), as a session when `session` is given. */
export async function request(
  server: HttpChild,
  method: string,
  path: string,
  body?: unknown,
  session?: string,
): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (session) headers['x-session-id'] = session;
  const res = await fetch(server.base + path, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

export interface TestSocket {
  ws: WebSocket;
  /** sends a message (a string as it is) and resolves with the next reply */
  send: (m: unknown) => Promise<any>;
  next: () => Promise<any>;
}

/** A WebSocket on /ws whose replies are read in order. */
export async function openSocket(server: HttpChild): Promise<TestSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`);
  const inbox: any[] = [];
  const waiting: ((m: any) => void)[] = [];
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString());
    const w = waiting.shift();
    if (w) w(m);
    else inbox.push(m);
  });
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  const next = () => (inbox.length ? Promise.resolve(inbox.shift()) : new Promise((resolve) => waiting.push(resolve)));
  return { ws, next, send: (m) => (ws.send(typeof m === 'string' ? m : JSON.stringify(m)), next()) };
}
