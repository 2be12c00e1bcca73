// Pins: when the original query fails (here, times out), it is reported as original_error and not blamed on the rewrite.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXECUTOR, Executor } from '../../src/env/executor.ts';
import { grade } from '../../src/env/grader.ts';
import { instantiate, loadTasks } from '../../src/env/tasks.ts';
import type { ExecutionResult } from '../../src/env/types.ts';
import { readTaskFiles } from '../../src/node/task-files.ts';
import { TEST_EXECUTOR, action, makeRig } from '../integration/fixtures.ts';

// Fixed in 46cb098: an original that timed out (e.g. under load) was recorded as the rewrite's error, so a correct
// rewrite got "wrong result" and no credit. Now the matches stay undecided (null) and the grader's feedback says whose
// query failed.

let result: ExecutionResult;
beforeAll(async () => {
  const { rig } = await makeRig();
  // A runaway original (a trillion-row cross join never finishes), cancelled at a deadline of 3 s chosen for it.
  const x = new Executor(rig, { ...DEFAULT_EXECUTOR, ...TEST_EXECUTOR, originalDeadlineMs: 3_000 });
  result = x.compare('SELECT count(*) FROM events a, events b', 'SELECT 1', { orderSensitive: false, judge: true, withPlans: false });
});

describe('a failing original', () => {
  it('blames a failing original on the original, not on the rewrite', () => {
    const r = result;
    expect(r.original_error).toMatch(/^TIMEOUT: cancelled after/);
    expect([r.optimized_error, r.results_match, r.holdout_match]).toEqual([null, null, null]);
    expect(r.verdict).toMatch(/the original query timed out .*the rewrite could not be compared/);
  });

  it('the grader says the original, not the rewrite, failed', () => {
    const task = instantiate(loadTasks(readTaskFiles()).get('task_1_basic_antipatterns')!, null);
    const r = grade({ task, action: action('SELECT 1'), execution: result, referenceSpeedup: 5 });
    expect(r.breakdown.result_correctness).toBe(0);
    expect(r.feedback[0]).toBe(
      'The original query failed on this machine (TIMEOUT: cancelled after 3.0 s); the rewrite could not be compared.',
    );
  });
});
