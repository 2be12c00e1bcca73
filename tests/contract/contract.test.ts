// The contract (checks.ts) registered against each Node transport: the in-process Environment, the supervised worker,
// `serve --stdio` as a child process speaking JSON lines, and `serve --http` (POST /api/<op>). The browser's window.sqlOptimEnv is tests/e2e/contract.test.ts.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { OPS, isOp, type OpName } from '../../src/env/ops.ts';
import type { Response } from '../../src/env/types.ts';
import { startSupervised } from '../../src/node/spawn.ts';
import { makeEnv, TEST_EXECUTOR } from '../integration/fixtures.ts';
import { CONTRACT, type Transport } from './checks.ts';
import { startHttpChild } from './http-child.ts';

const BIN = fileURLToPath(new URL('../../bin/sql-optim-env.mjs', import.meta.url));

async function inProcess(): Promise<Transport> {
  const env = await makeEnv();
  // Transports open the scale op's scratch instance before its first call; in process, the caller does.
  await env.scratch?.open();
  return {
    name: 'in-process',
    public: false,
    reveals: false,
    call: async (op, arg) => env.call(op, arg),
    methods: async () => null,
    close: async () => {},
  };
}

async function supervisedWorker(): Promise<Transport> {
  const sup = await startSupervised({ executor: TEST_EXECUTOR });
  return {
    name: 'supervised worker',
    public: false,
    reveals: false,
    call: (op, arg) => sup.call(op as OpName, arg as never),
    methods: async () => null,
    close: () => sup.close(),
  };
}

/** One JSON line per request, the argument encoded as the registry says (none, the line's own fields, or `action`). */
function lineOf(id: number, op: string, arg: unknown): string {
  const args = isOp(op) ? OPS[op].args : 'fields';
  if (args === 'none' || arg === undefined) return JSON.stringify({ id, op });
  if (args === 'action') return JSON.stringify({ id, op, action: arg });
  return JSON.stringify({ id, op, ...(arg as object) });
}

function stdio(): Transport {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [BIN, 'serve', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const waiting = new Map<number, (r: Response<unknown>) => void>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    const { id, ...r } = JSON.parse(line) as { id: number } & Response<unknown>;
    waiting.get(id)?.(r);
    waiting.delete(id);
  });
  let next = 1;
  return {
    name: 'serve --stdio',
    public: true,
    reveals: false,
    call: (op, arg) =>
      new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        child.stdin.write(`${lineOf(id, op, arg)}\n`);
      }),
    methods: async () => null,
    close: () => new Promise((resolve) => (child.on('close', () => resolve()), child.stdin.end())),
  };
}

/** `serve --http` as a child process: each op is POST /api/<op> with its argument as the body, in a session of its own. */
async function http(): Promise<Transport> {
  const server = await startHttpChild();
  const session = `contract-${process.pid}`;
  return {
    name: 'serve --http',
    public: true,
    reveals: false,
    call: async (op, arg) => {
      const res = await fetch(`${server.base}/api/${op}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-session-id': session },
        body: arg === undefined ? '' : JSON.stringify(arg),
      });
      return (await res.json()) as Response<unknown>;
    },
    methods: async () => null,
    close: async () => void (await server.stop()),
  };
}

const TRANSPORTS: [string, () => Promise<Transport> | Transport][] = [
  ['in-process Environment', inProcess],
  ['supervised Node worker', supervisedWorker],
  ['serve --stdio', stdio],
  ['serve --http', http],
];

for (const [name, make] of TRANSPORTS) {
  describe(`contract: ${name}`, () => {
    let t: Transport;
    beforeAll(async () => void (t = await make()));
    afterAll(() => t?.close());
    for (const [title, check] of CONTRACT) it(title, () => check(t));
  });
}
