// Hard deadlines derive from the registry's cost classes; the URL override applies to every op or to none.
import { describe, expect, it } from 'vitest';
import { OP_NAMES } from '../env/ops.ts';
import { DEFAULT_DEADLINES, deadlinesFrom, uniformDeadlines } from './deadlines.ts';

describe('deadlines', () => {
  it('give every op of the registry a deadline: long for calls that run queries, short for reads', () => {
    expect(Object.keys(DEFAULT_DEADLINES).sort()).toEqual([...OP_NAMES].sort());
    expect(DEFAULT_DEADLINES).toMatchObject({
      step: 60_000,
      grade: 60_000,
      execute: 60_000,
      verify: 60_000,
      reset: 60_000,
      restore: 60_000,
    });
    expect(DEFAULT_DEADLINES).toMatchObject({ tasks: 20_000, state: 20_000, leaderboard: 20_000, sample: 20_000, schema: 20_000 });
  });
  it('take ?hard_deadline_ms= for every op, and ignore a value that is not a positive number', () => {
    expect(deadlinesFrom('?hard_deadline_ms=1500')).toEqual(uniformDeadlines(1500));
    expect(Object.values(uniformDeadlines(1500))).toEqual(OP_NAMES.map(() => 1500));
    for (const bad of ['', '?hard_deadline_ms=', '?hard_deadline_ms=-5', '?hard_deadline_ms=soon', '?hard_deadline_ms=0'])
      expect(deadlinesFrom(bad)).toEqual(DEFAULT_DEADLINES);
  });
  it('hand out copies, so a caller cannot change the defaults', () => {
    const d = deadlinesFrom('');
    d.step = 1;
    expect(DEFAULT_DEADLINES.step).toBe(60_000);
  });
});
