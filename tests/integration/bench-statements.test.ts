// The bench's steps are statements of their own after the gate, so no step reads another's remembered checks.
import { beforeAll, describe, expect, it } from 'vitest';
import { benchStatement } from '../../src/cli/bench.ts';
import { MAIN_SPEC, generateDataset } from '../../src/env/dataset.ts';
import { DuckDBEngine } from '../../src/env/engine.ts';
import { instantiate, loadTasks } from '../../src/env/tasks.ts';
import { loadDuckDB } from '../../src/node/load-duckdb.ts';
import { readTaskFiles } from '../../src/node/task-files.ts';

describe("the bench's numbered steps", () => {
  let engine: DuckDBEngine;
  beforeAll(async () => {
    engine = new DuckDBEngine(await loadDuckDB());
    generateDataset(engine, { ...MAIN_SPEC, scale: 0.01 });
  }, 120_000);

  it('gate to a different statement each time, for every task', () => {
    for (const def of loadTasks(readTaskFiles()).values()) {
      const reference = instantiate(def, null).reference;
      const [one, two] = [1, 2].map((n) => engine.gate(benchStatement(reference, n)).sql);
      // (A number after the reference's closing semicolon would be gated away with it: the same statement each time.)
      expect(one, def.id).not.toBe(two);
    }
  });
});
