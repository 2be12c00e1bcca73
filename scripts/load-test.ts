// Load test of `serve --http` (npm run bench:load): 1, 4 and 16 concurrent sessions each play rule-policy episodes
// over the tasks for a bounded time against one server (default flags: a worker per core but one, the measurement scheduler).
// Prints steps per minute, the waits steps report, memory per worker, whether any session saw another's episode, and
// the spread of one fixed rewrite's speedup (task 1's reference) measured alone and under the heaviest load.
// LOAD_SECONDS (default 60) bounds each level; LOAD_LEVELS (default 1,4,16) picks the levels; LOAD_WORKERS (default:
// serve --http's own) sizes the pool.
import { availableParallelism, loadavg } from 'node:os';
import { instantiate, loadTasks } from '../src/env/tasks.ts';
import type { Observation, Response, StepResult } from '../src/env/types.ts';
import { readTaskFiles } from '../src/node/task-files.ts';
import { defaultWorkers } from '../src/cli/serve-http.ts';
import { oracleAction } from '../src/policies/oracle.ts';
import { createRulesPolicy } from '../src/policies/rules.ts';
import { runEpisode, viaCall } from '../src/policies/runner.ts';
import { type HttpChild, request, startHttpChild } from '../tests/contract/http-child.ts';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const LEVELS = (process.env.LOAD_LEVELS ?? '1,4,16').split(',').map(Number);
const PROBE_TASK = 'task_1_basic_antipatterns';
const PROBE_STEPS = 8;
const JUDGED_SEED = '7';

const caller = (server: HttpChild, session: string) => ({
  call: async (op: string, arg?: unknown) => (await request(server, 'POST', `/api/${op}`, arg, session)).json as Response<never>,
});

const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const median = (xs: number[]) => quantile(xs, 0.5);
const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '–');

/** One fixed rewrite stepped PROBE_STEPS times on fresh episodes: its speedups. */
async function probe(server: HttpChild, session: string): Promise<number[]> {
  const def = loadTasks(readTaskFiles()).get(PROBE_TASK)!;
  const c = caller(server, session);
  const speedups: number[] = [];
  for (let i = 0; i < PROBE_STEPS; i++) {
    const obs = (await c.call('reset', { task_id: PROBE_TASK })) as Response<Observation>;
    if (!obs.ok) throw new Error(obs.error.message);
    const r = (await c.call('step', oracleAction(obs.result, instantiate(def, null).reference))) as Response<StepResult>;
    if (!r.ok) throw new Error(r.error.message);
    const s = r.result.observation.last_execution?.speedup;
    if (s != null) speedups.push(s);
  }
  return speedups;
}

interface LevelResult {
  sessions: number;
  steps: number;
  episodes: number;
  errors: number;
  crossed: number;
  perMin: number;
  queue: number[];
  wait: number[];
  rssMb: number;
  probe: number[] | null;
}

/** `n` sessions playing episodes until the time is up; with `withProbe`, the probe runs alongside. */
async function level(server: HttpChild, n: number, ids: string[], withProbe: boolean): Promise<LevelResult> {
  const stop = new AbortController();
  const out: LevelResult = {
    sessions: n,
    steps: 0,
    episodes: 0,
    errors: 0,
    crossed: 0,
    perMin: 0,
    queue: [],
    wait: [],
    rssMb: 0,
    probe: null,
  };
  const t0 = performance.now();
  const timer = setTimeout(() => stop.abort(), SECONDS * 1000);
  const player = async (k: number) => {
    for (let e = 0; !stop.signal.aborted; e++) {
      const task_id = ids[(k * 5 + e) % ids.length];
      const run = await runEpisode(viaCall(caller(server, `load-${n}-${k}`)), {
        task_id,
        policy: createRulesPolicy(),
        signal: stop.signal,
        onStep: (r) => {
          if (r.error) out.errors++;
          if (!r.result) return;
          out.steps++;
          // Another session's episode would show its task here.
          if (r.result.observation.task_id !== task_id) out.crossed++;
          const info = r.result.info as unknown as Record<string, number>;
          out.queue.push(info.queue_ms);
          out.wait.push(info.measure_wait_ms);
        },
      });
      if (run.first && run.first.task_id !== task_id) out.crossed++;
      out.episodes++;
    }
  };
  const probing = withProbe ? probe(server, `probe-${n}`).then((p) => (out.probe = p)) : null;
  await Promise.all([...Array.from({ length: n }, (_, k) => player(k)), probing]);
  clearTimeout(timer);
  out.perMin = out.steps / ((performance.now() - t0) / 60_000);
  out.rssMb = (await request(server, 'GET', '/metrics')).json.rss_bytes / 2 ** 20;
  return out;
}

const rssOf = async (server: HttpChild) => (await request(server, 'GET', '/metrics')).json.rss_bytes / 2 ** 20;

const workers = Number(process.env.LOAD_WORKERS ?? defaultWorkers(availableParallelism()));
console.log(
  `# load test: ${availableParallelism()} cores, ${workers} workers, ${SECONDS} s per level, load before ${loadavg()[0].toFixed(2)}`,
);
// Memory per worker: the difference in resident size between the pool and a pool of another size (one worker, or two
// when the pool has one), each booted and after the same probe steps.
const otherWorkers = workers === 1 ? 2 : 1;
const other = await startHttpChild(['--workers', String(otherWorkers), '--judged-seed', JUDGED_SEED]);
await probe(other, 'mem');
const rssOther = await rssOf(other);
await other.stop();
const server = await startHttpChild(['--workers', String(workers), '--judged-seed', JUDGED_SEED]);
await probe(server, 'warm');
const rssAll = await rssOf(server);
const ids = ((await request(server, 'POST', '/api/tasks')).json.result as { id: string }[]).map((t) => t.id);
const alone = await probe(server, 'alone');
const results: LevelResult[] = [];
for (const [i, n] of LEVELS.entries()) results.push(await level(server, n, ids, i === LEVELS.length - 1));
const metrics = (await request(server, 'GET', '/metrics')).json;
await server.stop();

console.log(
  '\n| sessions | steps | steps/min | episodes | env errors | crossed episodes | queue wait p50 / p95 (ms) | measurement wait p50 / p95 (ms) | server RSS (MB) |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results)
  console.log(
    `| ${r.sessions} | ${r.steps} | ${f(r.perMin, 1)} | ${r.episodes} | ${r.errors} | ${r.crossed} | ${f(median(r.queue))} / ${f(quantile(r.queue, 0.95))} | ${f(median(r.wait))} / ${f(quantile(r.wait, 0.95))} | ${f(r.rssMb)} |`,
  );
const loaded = results.at(-1)!.probe ?? [];
const spread = (xs: number[]) =>
  `median ${f(median(xs), 2)}×, range ${f(Math.min(...xs), 2)}–${f(Math.max(...xs), 2)}× (${xs.length} steps)`;
// The larger pool's resident size minus the smaller's, per worker more: a negative figure (noise) stays visible.
const perWorker = workers > otherWorkers ? (rssAll - rssOther) / (workers - otherWorkers) : (rssOther - rssAll) / (otherWorkers - workers);
console.log(
  `\nmemory per worker: ${f(perWorker)} MB (RSS ${f(rssAll)} MB with ${workers} workers, ${f(rssOther)} MB with ${otherWorkers})`,
);
console.log(`probe (${PROBE_TASK}, its reference): alone ${spread(alone)}; with ${LEVELS.at(-1)} sessions ${spread(loaded)}`);
console.log(`under load / alone (medians): ${f(median(loaded) / median(alone), 3)}`);
console.log(`scheduler: ${JSON.stringify(metrics.measurement)}; restores ${metrics.restores}; load after ${loadavg()[0].toFixed(2)}`);
