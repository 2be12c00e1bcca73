// `serve --stdio`: one JSON request per input line, one JSON response per output line, in order; never exits on bad input.
import { createInterface } from 'node:readline';
import { errorValue } from '../env/errors.ts';
import { EXPOSED_OPS, argumentOf, type ExposedOp, unknownOp } from '../env/ops.ts';
import type { Response } from '../env/types.ts';
import type { Supervisor } from '../worker/supervisor.ts';

type Reply = { id: unknown } & Response<unknown>;
const refuse = (id: unknown, message: string): Reply => ({ id, ok: false, error: errorValue('INVALID_REQUEST', message) });
const isExposed = (op: unknown): op is ExposedOp => (EXPOSED_OPS as unknown[]).includes(op);

/** Answers one request line; the id is echoed, or null when the line is not a JSON object. */
export async function answer(line: string, env: Supervisor): Promise<Reply> {
  let req: unknown;
  try {
    req = JSON.parse(line);
  } catch (e) {
    return refuse(null, `the line is not valid JSON (${(e as Error).message})`);
  }
  if (typeof req !== 'object' || req === null || Array.isArray(req))
    return refuse(null, 'each line must be a JSON object like {"id": 1, "op": "tasks"}');
  const r = req as Record<string, unknown>;
  const id = r.id ?? null;
  if (!isExposed(r.op)) return refuse(id, unknownOp(r.op, EXPOSED_OPS));
  return { id, ...(await env.call(r.op, argumentOf(r.op, r) as never)) };
}

/** Reads stdin until it ends; answers are written in request order. */
export async function serveStdio(env: Supervisor, input = process.stdin, output = process.stdout): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let last: Promise<void> = Promise.resolve();
  for await (const line of rl) {
    if (line.trim() === '') continue;
    const reply = answer(line, env); // the supervisor serialises calls, so replies resolve in order
    last = last.then(async () => void output.write(`${JSON.stringify(await reply)}\n`));
  }
  await last;
}
