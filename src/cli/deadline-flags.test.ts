// The command line's deadline flags: seconds become the executor's milliseconds, and a bad value is refused with the
// flag, what it accepts (the bounds of reset's deadlines) and what was typed.
import { describe, expect, it } from 'vitest';
import { deadlineOptions, defaultAndRange } from './deadline-flags.ts';

describe('deadline flags', () => {
  it('turn seconds into the executor options they set, and leave the others alone', () => {
    expect(deadlineOptions({})).toEqual({ ok: true, executor: {} });
    expect(deadlineOptions({ 'run-deadline': '20', 'deadline-factor': '2.5', 'original-deadline': '0.1', 'diff-deadline': '120' })).toEqual(
      {
        ok: true,
        executor: { runDeadlineMs: 20_000, deadlineFactor: 2.5, originalDeadlineMs: 100, diffDeadlineMs: 120_000 },
      },
    );
  });

  it.each([
    ['run-deadline', 'abc', '--run-deadline must be a number of seconds from 0.1 to 120 (got "abc")'],
    ['run-deadline', '', '--run-deadline must be a number of seconds from 0.1 to 120 (got "")'],
    ['run-deadline', '0x10', '--run-deadline must be a number of seconds from 0.1 to 120 (got "0x10")'],
    ['run-deadline', '3600', '--run-deadline must be a number of seconds from 0.1 to 120 (got "3600")'],
    ['original-deadline', '0.01', '--original-deadline must be a number of seconds from 0.1 to 120 (got "0.01")'],
    ['diff-deadline', '-5', '--diff-deadline must be a number of seconds from 0.1 to 120 (got "-5")'],
    ['deadline-factor', '0.5', '--deadline-factor must be a number from 1 to 100 (got "0.5")'],
    ['deadline-factor', '1e3', '--deadline-factor must be a number from 1 to 100 (got "1e3")'],
  ] as const)('refuses --%s %j with a whole message', (flag, value, message) => {
    expect(deadlineOptions({ [flag]: value })).toEqual({ ok: false, message });
  });

  it('tell the help their default and bounds in the unit they are typed in', () => {
    expect([defaultAndRange('run-deadline'), defaultAndRange('deadline-factor')]).toEqual([
      '(default 5; 0.1 to 120)',
      '(default 10; 1 to 100)',
    ]);
  });
});
