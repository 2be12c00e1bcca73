// OpenEnv's WebSocket protocol on /ws: one session per connection; messages {"type": "reset"|"step"|"state"|"close",
// "data"?}; replies {"type": "observation"|"state"|"error", "data"}. Source: meta-pytorch/OpenEnv,
// src/openenv/core/env_server/types.py (WS*Message, WS*Response, WSErrorCode) and http_server.py (websocket_endpoint:
// invalid JSON, unknown type and validation errors answered without closing; close ends the session).
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { EnvState, Observation, StepResult } from '../env/types.ts';
import { type Dispatched, type Dispatcher, waits } from './dispatch.ts';
import * as openenv from './openenv.ts';
import { DEFAULT_TASK } from './original.ts';
import { isRecord, MAX_MESSAGE_BYTES } from './wire.ts';

/** The fields each message type may carry (OpenEnv's BaseMessage forbids extras). */
const FIELDS: Record<string, string[]> = { reset: ['type', 'data'], step: ['type', 'data'], state: ['type'], close: ['type'] };

type Reply = { type: 'observation' | 'state' | 'error'; data: Record<string, unknown> };
const error = (code: openenv.WsErrorCode, message: string, extra: Record<string, unknown> = {}): Reply => ({
  type: 'error',
  data: { message, code, ...extra },
});

/** An env error as OpenEnv's error reply; our {code, message} rides along as `error`. */
function envError(d: Dispatched): Reply {
  if (d.response.ok) throw new Error('envError() of a successful answer');
  const e = d.response.error;
  if (d.refused) return error('CAPACITY_REACHED', e.message.replace(/^BUSY: /, ''));
  const code = e.code === 'INVALID_ACTION' || e.code === 'INVALID_REQUEST' ? 'VALIDATION_ERROR' : 'EXECUTION_ERROR';
  return error(code, e.message, { error: e });
}

/** Serves one connection until it closes; its session is dropped then, and a call still running is discarded. */
export function serveSocket(ws: WebSocket, dispatcher: Dispatcher): void {
  const session = dispatcher.sessions.get(`ws-${randomUUID()}`);
  const reply = (r: Reply) => (ws.readyState === ws.OPEN ? ws.send(JSON.stringify(r)) : undefined);
  ws.on('close', () => dispatcher.sessions.drop(session.id));
  // An idle connection past the session lifetime is closed, as an idle HTTP session is forgotten.
  session.onExpire = () => ws.close(1001, 'the session expired after being idle');
  ws.on('message', (raw, isBinary) => {
    const bytes = Array.isArray(raw) ? raw.reduce((n, b) => n + b.length, 0) : (raw as Buffer | ArrayBuffer).byteLength;
    if (bytes > MAX_MESSAGE_BYTES)
      return reply(error('VALIDATION_ERROR', `message of ${bytes} bytes is over the limit of ${MAX_MESSAGE_BYTES} bytes`));
    let msg: unknown;
    try {
      msg = JSON.parse(isBinary ? Buffer.from(raw as Buffer).toString('utf8') : raw.toString());
    } catch (e) {
      return reply(error('INVALID_JSON', `Invalid JSON: ${(e as Error).message}`));
    }
    const type = isRecord(msg) ? msg.type : undefined;
    if (!isRecord(msg) || typeof type !== 'string' || !Object.hasOwn(FIELDS, type))
      return reply(error('UNKNOWN_TYPE', `Unknown message type: ${isRecord(msg) ? String(msg.type ?? '') : ''}`));
    const extra = Object.keys(msg).filter((k) => !FIELDS[type].includes(k));
    if (extra.length > 0)
      return reply(error('VALIDATION_ERROR', `Invalid message: ${type} has no field ${extra.map((k) => JSON.stringify(k)).join(', ')}`));
    if (type === 'close') return ws.close(1000, 'closed by the client');
    void handle(type, msg.data).then(reply, (e: unknown) => reply(error('EXECUTION_ERROR', e instanceof Error ? e.message : String(e))));
  });

  async function handle(type: string, data: unknown): Promise<Reply> {
    if (type === 'reset') {
      if (data !== undefined && !isRecord(data)) return error('VALIDATION_ERROR', 'Invalid message: reset data must be an object');
      const { episode_id: _e, ...rest } = (data ?? {}) as Record<string, unknown>;
      const d = await dispatcher.run(session, 'reset', {
        ...rest,
        task_id: typeof rest.task_id === 'string' ? rest.task_id : DEFAULT_TASK,
      });
      return d.response.ok ? { type: 'observation', data: openenv.resetResponse(d.response.result as Observation) } : envError(d);
    }
    if (type === 'step') {
      if (!isRecord(data)) return error('VALIDATION_ERROR', 'Invalid message: step needs data, the action object');
      const d = await dispatcher.run(session, 'step', data);
      if (!d.response.ok) return envError(d);
      return {
        type: 'observation',
        data: openenv.stepResponse(d.response.result as StepResult, waits(d)),
      };
    }
    const d = await dispatcher.run(session, 'state', undefined);
    return d.response.ok ? { type: 'state', data: openenv.stateData(d.response.result as EnvState, session.id) } : envError(d);
  }
}
