// `bench`'s option parsing: defaults, lists, and the messages for bad values.
import { describe, expect, it } from 'vitest';
import { DEFAULT_REPEATS, benchOptions } from './bench-args.ts';

describe('bench options', () => {
  it('defaults to every task, five repeats, nothing skipped', () => {
    expect(benchOptions({})).toEqual({ tasks: [], repeats: DEFAULT_REPEATS, skip: [] });
    expect(DEFAULT_REPEATS).toBe(5);
  });

  it('reads comma lists and the repeat count', () => {
    expect(benchOptions({ tasks: 'task_1_basic_antipatterns, task_2_correlated_subqueries', repeats: '3', skip: 'native,page' })).toEqual({
      tasks: ['task_1_basic_antipatterns', 'task_2_correlated_subqueries'],
      repeats: 3,
      skip: ['native', 'page'],
    });
  });

  it('refuses a bad repeat count or an unknown section', () => {
    expect(() => benchOptions({ repeats: 'five' })).toThrow(/--repeats/);
    expect(() => benchOptions({ repeats: '-1' })).toThrow(/--repeats/);
    expect(() => benchOptions({ skip: 'native,browser' })).toThrow(/unknown section "browser"/);
  });
});
