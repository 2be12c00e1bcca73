// The op registry: every op's request parser (defaults, leniency, whole messages), JSON-lines arguments, exposure.
import { describe, expect, it } from 'vitest';
import { EXPOSED_OPS, OPS, OP_NAMES, argumentOf, parseRequest, unknownOp } from './ops.ts';

const message = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return `${(e as { code?: string }).code}: ${(e as Error).message}`;
  }
  return 'no error';
};

describe('op registry', () => {
  it('exposes every op but restore, in registry order', () => {
    expect(OP_NAMES).toEqual([
      'tasks',
      'reset',
      'step',
      'state',
      'grade',
      'execute',
      'scale',
      'leaderboard',
      'verify',
      'sample',
      'schema',
      'hint',
      'solution',
      'restore',
    ]);
    expect(EXPOSED_OPS).toEqual(OP_NAMES.filter((k) => k !== 'restore'));
  });
  it('marks the ops that change the episode or leaderboard', () => {
    expect(OP_NAMES.filter((k) => OPS[k].mutates)).toEqual(['reset', 'step', 'hint', 'solution', 'restore']);
  });
  it('marks the ops that run on the hidden data (the page makes them wait until it is generated)', () => {
    expect(OP_NAMES.filter((k) => OPS[k].judges)).toEqual(['step', 'verify']);
  });
  it('names an unknown op and the known ones', () => {
    expect(unknownOp('nope', ['a', 'b'])).toBe('unknown op "nope"; ops are a, b');
    expect(unknownOp(undefined, ['a'])).toBe('unknown op nothing; ops are a');
  });
});

describe('parsing actions', () => {
  it('fills defaults and reads severity case-insensitively and a numeric estimate as "Nx"', () => {
    expect(
      parseRequest('step', {
        optimized_query: 'SELECT 1',
        estimated_improvement: 3,
        suggestions: [{ issue_type: 'select_star', severity: 'HIGH' }],
      }),
    ).toEqual({
      optimized_query: 'SELECT 1',
      summary: '',
      estimated_improvement: '3x',
      approved: false,
      suggestions: [{ issue_type: 'select_star', line: 0, severity: 'high', description: '', fix: '' }],
    });
  });
  it.each([
    ['nothing', undefined, 'INVALID_ACTION: action must be an object (got nothing)'],
    ['a list', [], 'INVALID_ACTION: action must be an object (got a list of 0)'],
    ['a number as the query', { optimized_query: 5 }, 'INVALID_ACTION: action.optimized_query must be a string (got 5)'],
    [
      'two severities in one',
      { optimized_query: 'x', suggestions: [{ issue_type: 'a', severity: 'critical | high' }] },
      'INVALID_ACTION: action.suggestions[0].severity must be one of low, medium, high, critical (got "critical | high")',
    ],
    [
      'a negative line',
      { optimized_query: 'x', suggestions: [{ issue_type: 'a', line: -1 }] },
      'INVALID_ACTION: action.suggestions[0].line must be at least 0 (got -1)',
    ],
    [
      'a fractional line',
      { optimized_query: 'x', suggestions: [{ issue_type: 'a', line: 2.5 }] },
      'INVALID_ACTION: action.suggestions[0].line must be an integer (got 2.5)',
    ],
    [
      '51 suggestions',
      { optimized_query: 'x', suggestions: Array.from({ length: 51 }, () => ({ issue_type: 'a' })) },
      'INVALID_ACTION: action.suggestions must have at most 50 entries (got 51 entries)',
    ],
    [
      'a long summary and a text approval',
      { optimized_query: 'x', summary: 'y'.repeat(4001), approved: 'yes' },
      'INVALID_ACTION: action.summary must be at most 4000 characters (got 4001 characters); action.approved must be true or false (got "yes")',
    ],
  ])('refuses %s with a whole message', (_, action, expected) => {
    expect(message(() => parseRequest('step', action))).toBe(expected);
  });
  it('lists three problems and counts the rest', () => {
    const bad = { optimized_query: 1, summary: 2, approved: 3, estimated_improvement: true };
    expect(message(() => parseRequest('grade', bad))).toMatch(/^INVALID_ACTION: action\.optimized_query .*; .*; .*; and 1 more$/);
  });
});

describe('parsing other requests', () => {
  it('defaults the seed to null and the sample size to 5, ignoring unknown fields', () => {
    expect(parseRequest('reset', { task_id: 't', extra: 1 })).toEqual({ task_id: 't', seed: null, reward: null, deadlines: null });
    const deadlines = { run_ms: 20_000, factor: 20 };
    expect(parseRequest('reset', { task_id: 't', deadlines }).deadlines).toEqual(deadlines);
    expect(parseRequest('sample', { table: 'users' })).toEqual({ table: 'users', n: 5 });
  });
  it.each([
    ['reset', 'x', 'INVALID_REQUEST: the request must be an object (got "x")'],
    ['reset', { task_id: 't', seed: 1.5 }, 'INVALID_REQUEST: seed must be an integer (got 1.5)'],
    ['reset', { task_id: 't', seed: 2 ** 60 }, 'INVALID_REQUEST: seed must be at most 9007199254740991 (got 1152921504606847000)'],
    ['execute', { optimized_query: 'x' }, 'INVALID_REQUEST: task_id must be a string (got nothing)'],
    ['sample', { table: 'users', n: 0 }, 'INVALID_REQUEST: n must be at least 1 (got 0)'],
    ['reset', { task_id: 't', deadlines: { run_ms: 99 } }, 'INVALID_REQUEST: deadlines.run_ms must be at least 100 (got 99)'],
    [
      'reset',
      { task_id: 't', deadlines: { original_ms: 120_001 } },
      'INVALID_REQUEST: deadlines.original_ms must be at most 120000 (got 120001)',
    ],
    ['reset', { task_id: 't', deadlines: { diff_ms: 1.5 } }, 'INVALID_REQUEST: deadlines.diff_ms must be an integer (got 1.5)'],
    ['reset', { task_id: 't', deadlines: { factor: 101 } }, 'INVALID_REQUEST: deadlines.factor must be at most 100 (got 101)'],
    ['reset', { task_id: 't', deadlines: { run_ms: 200, runms: 1 } }, 'INVALID_REQUEST: deadlines has no field "runms"'],
    [
      'restore',
      { version: 2 },
      'INVALID_REQUEST: version must be 1 (got 2); episode must be an object (got nothing); leaderboard must be a list (got nothing); and 1 more',
    ],
  ] as const)('%s(%o) is refused with a whole message', (op, arg, expected) => {
    expect(message(() => parseRequest(op, arg))).toBe(expected);
  });
});

describe('JSON-lines arguments', () => {
  it('takes nothing, the action, or the fields less id and op', () => {
    expect(argumentOf('tasks', { id: 1, op: 'tasks', x: 1 })).toBeUndefined();
    expect(argumentOf('step', { id: 1, op: 'step', action: { optimized_query: 'q' } })).toEqual({ optimized_query: 'q' });
    expect(argumentOf('reset', { id: 1, op: 'reset', task_id: 't', seed: 2 })).toEqual({ task_id: 't', seed: 2 });
  });
});
