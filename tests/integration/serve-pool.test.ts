// `serve --http` with a pool of two workers and no queue (a child process, the real engine): concurrent steps of two
// sessions are timed one round at a time and both count on the leaderboard; a full pool refuses with BUSY (503,
// CAPACITY_REACHED) and serves again once free; idle sessions expire, over HTTP and WebSocket. Deadlines only catch hangs.
/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers of another protocol, asserted field by field */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type HttpChild, openSocket, request, startHttpChild } from '../contract/http-child.ts';

const T1 = 'task_1_basic_antipatterns';
const TTL_S = 2;

let server: HttpChild;
beforeAll(
  async () =>
    void (server = await startHttpChild(['--workers', '2', '--measure-slots', '1', '--queue', '0', '--session-ttl', String(TTL_S)])),
);
afterAll(async () => {
  if (server.child.exitCode === null) await server.stop();
});

const http = (method: string, path: string, body?: unknown, session?: string) => request(server, method, path, body, session);
const metrics = async () => (await http('GET', '/metrics')).json;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A step that is timed and checked: the original itself, which is correct (and a no-op, so it earns little). */
async function timedStep(session: string) {
  const obs = (await http('POST', '/api/reset', { task_id: T1 }, session)).json.result;
  const action = { optimized_query: `${obs.sql_query}\n` };
  return http('POST', '/api/step', action, session);
}

/** Until `ok(metrics)` holds (a deadline catches a hang). */
async function until(ok: (m: any) => boolean): Promise<void> {
  while (!ok(await metrics())) await sleep(25);
}

describe('a pool of two workers', () => {
  it('times concurrent steps one round at a time, reports the wait, and counts both on the leaderboard', async () => {
    const [a, b] = await Promise.all([timedStep('pool-a'), timedStep('pool-b')]);
    for (const s of [a, b]) {
      assert.equal(s.status, 200, JSON.stringify(s.json));
      const { info, observation } = s.json.result;
      assert.ok(observation.last_execution.pairs >= 6, 'timed');
      assert.equal(observation.last_execution.results_match, true);
      for (const k of ['queue_ms', 'restore_ms', 'measure_wait_ms']) assert.ok(info[k] >= 0, k);
    }
    const m = await metrics();
    assert.equal(m.workers, 2);
    assert.deepEqual([m.measurement.slots, m.measurement.max_concurrent], [1, 1]);
    assert.ok(m.measurement.rounds >= 2 * 7, `each step timed a warm-up and at least 6 pairs (${m.measurement.rounds} rounds)`);
    const row = (await http('POST', '/api/leaderboard')).json.result.find((r: any) => r.task_id === T1);
    assert.equal(row.attempts, 2);
  });

  it('refuses with BUSY while both workers are busy and the queue holds none, then serves again', async () => {
    // Cross joins of the largest table: each runs until its run deadline cancels it, holding a worker meanwhile.
    const runaway = (s: string) =>
      http('POST', '/api/execute', { task_id: T1, optimized_query: 'SELECT count(*) FROM events a, events b' }, s);
    const running = [runaway('busy-a'), runaway('busy-b')];
    await until((m) => m.busy_workers === 2);
    const refused = await http('POST', '/api/tasks', undefined, 'busy-c');
    assert.equal(refused.status, 503);
    assert.equal(refused.json.error.code, 'BUSY');
    const original = await http('GET', '/tasks', undefined, 'busy-c');
    assert.deepEqual([original.status, typeof original.json.detail], [503, 'string']);
    const ws = await openSocket(server);
    const wsRefused = await ws.send({ type: 'reset', data: {} });
    assert.deepEqual([wsRefused.type, wsRefused.data.code], ['error', 'CAPACITY_REACHED']);
    ws.ws.close();
    for (const r of await Promise.all(running)) assert.equal(r.json.result?.timed_out, true, JSON.stringify(r.json));
    // A new connection: the refused one has been idle past the session lifetime meanwhile.
    const again = await openSocket(server);
    assert.equal((await again.send({ type: 'reset', data: {} })).type, 'observation');
    again.ws.close();
    assert.equal((await http('POST', '/api/tasks', undefined, 'busy-c')).status, 200);
  });

  it('forgets an idle HTTP session and closes an idle WebSocket, but never a session with a call under way', async () => {
    await http('POST', '/api/reset', { task_id: T1 }, 'idle');
    const ws = await openSocket(server);
    await ws.send({ type: 'reset', data: {} });
    const closed = new Promise<number>((resolve) => ws.ws.once('close', (code) => resolve(code)));
    await sleep(TTL_S * 1000 + 2500); // past the lifetime and the next sweep
    assert.equal(await closed, 1001);
    const state = (await http('POST', '/api/state', undefined, 'idle')).json.result;
    assert.deepEqual([state.task_id, state.step_count], [null, 0]);
  });
});
