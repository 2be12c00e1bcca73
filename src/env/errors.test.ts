// The one error constructor and the conversions every layer relies on: code in the value and in the message.
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, EnvError, attempt, errorValue, fail, toErrorValue } from './errors.ts';

describe('errors', () => {
  it('spells every error value "<CODE>: <message>"', () => {
    expect(errorValue('TIMEOUT', 'too slow')).toEqual({ code: 'TIMEOUT', message: 'TIMEOUT: too slow' });
    expect(fail('UNKNOWN_TASK', 'no task "x"')).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_TASK', message: 'UNKNOWN_TASK: no task "x"' },
    });
    expect(new EnvError('SQL_ERROR', 'bad').toValue()).toEqual({ code: 'SQL_ERROR', message: 'SQL_ERROR: bad' });
  });
  it('keeps the code of an EnvError that crossed comlink as a plain Error named EnvError:<CODE>', () => {
    const crossed = Object.assign(new Error('the worker said so'), { name: 'EnvError:OUT_OF_MEMORY' });
    expect(toErrorValue(crossed)).toEqual({ code: 'OUT_OF_MEMORY', message: 'OUT_OF_MEMORY: the worker said so' });
  });
  it('turns anything else, and an undocumented code, into INTERNAL', () => {
    expect(toErrorValue(new TypeError('x is undefined'))).toEqual({ code: 'INTERNAL', message: 'INTERNAL: x is undefined' });
    expect(toErrorValue('a string')).toEqual({ code: 'INTERNAL', message: 'INTERNAL: a string' });
    const forged = Object.assign(new Error('m'), { name: 'EnvError:NOT_A_CODE' });
    expect(toErrorValue(forged)).toEqual({ code: 'INTERNAL', message: 'INTERNAL: m' });
  });
  it('attempt answers ok with the value, or the error value of what was thrown', () => {
    expect(attempt(() => 3)).toEqual({ ok: true, result: 3 });
    expect(
      attempt(() => {
        throw new EnvError('RESET_NEEDED', 'call reset');
      }),
    ).toEqual({ ok: false, error: { code: 'RESET_NEEDED', message: 'RESET_NEEDED: call reset' } });
  });
  it('documents every code in one sentence', () => {
    for (const [code, doc] of Object.entries(ERROR_CODES)) expect([code, doc.length > 10]).toEqual([code, true]);
  });
});
