// What a later step runs beside its timed rounds, by kind of statement: the reference submitted as an oracle step
// (as the bench does, each step a statement of its own), two steps to warm up, then STEPS measured steps per task.
//   npx tsx scripts/step-overhead.ts [task ids…]   (default: the four decoys, where the overhead weighs most)
// A diagnostic: it counts and times every engine run of the steps by wrapping the engine's run and gate.
import { benchStatement } from '../src/cli/bench.ts';
import { DuckDBEngine, type GatedSql } from '../src/env/engine.ts';
import { instantiate, loadTasks } from '../src/env/tasks.ts';
import { createNodeEnvironment } from '../src/node/create.ts';
import { readTaskFiles } from '../src/node/task-files.ts';
import { oracleAction } from '../src/policies/oracle.ts';

const STEPS = 6;

/** The kind of a statement the executor runs, by how its text starts (engine.ts runs them all). */
function kind(text: string): string {
  if (text.startsWith('DESCRIBE')) return 'describe (columns)';
  if (text.startsWith('EXPLAIN (ANALYZE')) return 'analysed plan';
  if (text.startsWith('EXPLAIN')) return 'plain plan (no-op test)';
  if (text.startsWith('SELECT COLUMNS(*)::VARCHAR')) return 'preview';
  return 'fingerprint runs (timed and checks)';
}

const totals = new Map<string, { runs: number; ms: number }>();
let counting = false;
const add = (k: string, ms: number) => {
  if (!counting) return;
  const t = totals.get(k) ?? { runs: 0, ms: 0 };
  totals.set(k, { runs: t.runs + 1, ms: t.ms + ms });
};
const proto = DuckDBEngine.prototype;
const { run, gate } = proto;
proto.run = function (this: DuckDBEngine, g: GatedSql, build: (sql: string) => string, o: { deadlineMs: number }) {
  const t = performance.now();
  try {
    return run.call(this, g, build, o);
  } finally {
    add(kind(build(g.sql)), performance.now() - t);
  }
};
proto.gate = function (this: DuckDBEngine, sql: string) {
  const t = performance.now();
  try {
    return gate.call(this, sql);
  } finally {
    add('gate', performance.now() - t);
  }
};

const defs = loadTasks(readTaskFiles());
const ids = process.argv.slice(2).length ? process.argv.slice(2) : [...defs.values()].filter((d) => d.decoy).map((d) => d.id);
const env = await createNodeEnvironment();
let n = 0;
for (const id of ids) {
  const def = defs.get(id);
  if (!def) throw new Error(`unknown task "${id}"`);
  const step = () => {
    const obs = env.reset({ task_id: id });
    if (!obs.ok) throw new Error(obs.error.message);
    const r = env.step(oracleAction(obs.result, benchStatement(instantiate(def, null).reference, ++n)));
    if (!r.ok) throw new Error(r.error.message);
    return r.result.info;
  };
  step();
  step();
  totals.clear();
  counting = true;
  let wall = 0;
  let timed = 0;
  for (let i = 0; i < STEPS; i++) {
    const info = step();
    wall += info.wall_ms;
    timed += info.timed_ms ?? NaN;
  }
  counting = false;
  console.log(
    `${id}: per step wall ${(wall / STEPS).toFixed(1)} ms, timed ${(timed / STEPS).toFixed(1)} ms, wall/timed ${(wall / timed).toFixed(3)}`,
  );
  const line = (k: string, runs: string, ms: number) =>
    console.log(`  ${k.padEnd(44)} ${runs.padStart(5)} ${(ms / STEPS).toFixed(1).padStart(7)} ms`);
  for (const [k, t] of totals) line(k, (t.runs / STEPS).toFixed(1), t.ms);
  // The timed rounds are all fingerprint runs (on the judged data); the rest of those are the checks.
  const fp = totals.get(kind('SELECT'))?.ms ?? 0;
  line('of which checks (outside the timed rounds)', '', fp - timed);
  line('outside any run', '', wall - [...totals.values()].reduce((s, t) => s + t.ms, 0));
}
