// `serve --stdio`: one JSON request per input line, one JSON response per output line, in order; never exits on bad input.
import { createInterface } from 'node:readline';
import type { EnvOp as Op } from '../worker/protocol.ts';
import type { Supervisor } from '../worker/supervisor.ts';
import type { Response } from '../env/types.ts';

const OPS: Op[] = ['reset', 'step', 'state', 'grade', 'execute', 'tasks', 'leaderboard'];

/** The argument each op takes from a request line. */
function argument(op: Op, req: Record<string, unknown>): unknown {
  if (op === 'step' || op === 'grade') return req.action;
  if (op === 'reset') return { task_id: req.task_id, seed: req.seed };
  if (op === 'execute') return { task_id: req.task_id, optimized_query: req.optimized_query };
  return undefined;
}

/** Answers one request line; the id is echoed, or null when the line is not a JSON object. */
export async function answer(line: string, env: Supervisor): Promise<{ id: unknown } & Response<unknown>> {
  let req: unknown;
  try {
    req = JSON.parse(line);
  } catch (e) {
    return {
      id: null,
      ok: false,
      error: { code: 'INVALID_REQUEST', message: `INVALID_REQUEST: the line is not valid JSON (${(e as Error).message})` },
    };
  }
  if (typeof req !== 'object' || req === null || Array.isArray(req))
    return {
      id: null,
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'INVALID_REQUEST: each line must be a JSON object like {"id": 1, "op": "tasks"}' },
    };
  const r = req as Record<string, unknown>;
  const id = r.id ?? null;
  if (!OPS.includes(r.op as Op))
    return {
      id,
      ok: false,
      error: {
        code: 'INVALID_REQUEST',
        message: `INVALID_REQUEST: "op" must be one of ${OPS.join(', ')} (got ${JSON.stringify(r.op) ?? 'nothing'})`,
      },
    };
  if ((r.op === 'step' || r.op === 'grade') && (typeof r.action !== 'object' || r.action === null))
    return { id, ok: false, error: { code: 'INVALID_ACTION', message: `INVALID_ACTION: ${r.op} needs an "action" object` } };
  return { id, ...(await env.call(r.op as Op, argument(r.op as Op, r))) };
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
