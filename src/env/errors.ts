// The environment's one error type and one error-value constructor, used by every layer: a stable code plus a
// message a person understands, always spelled `<CODE>: <sentence>`.
import type { ErrorValue, Response } from './types.ts';

/** Every error code an answer can carry, with when it is used. Codes are stable: clients branch on them. */
export const ERROR_CODES = {
  RESET_NEEDED: 'step, grade or a state-dependent call before any reset',
  EPISODE_DONE: 'step after the episode terminated or was truncated; reset to start another',
  UNKNOWN_TASK: 'a task_id that names no task',
  INVALID_ACTION: 'an action (step, grade) that does not fit the Action schema',
  INVALID_REQUEST: 'a request that is not JSON, names no op, or whose arguments do not fit the op',
  SQL_REJECTED: 'SQL that is not exactly one read-only query (DDL, DML, several statements, settings, files)',
  SQL_ERROR: 'a query DuckDB could not bind or run',
  TIMEOUT: 'a run or call that passed its deadline and was cancelled',
  OUT_OF_MEMORY: "a query that passed the engine's memory limit",
  ENGINE_FATAL: 'the engine trapped (wasm out of bounds and kin); the worker is replaced',
  ENGINE_RESTARTED: 'the worker was replaced during the call; the episode was restored to its last step',
  BUSY: 'the HTTP server has every worker busy and its queue full, or is shutting down: retry later (HTTP 503)',
  INTERNAL: 'a bug: an unexpected exception, reported instead of crashing',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The error value every transport answers: `{code, message: "<CODE>: <message>"}`. */
export function errorValue(code: ErrorCode, message: string): ErrorValue {
  return { code, message: `${code}: ${message}` };
}

/** A failed answer: `{ok: false, error}`. */
export function fail<T = never>(code: ErrorCode, message: string): Response<T> {
  return { ok: false, error: errorValue(code, message) };
}

/** An error with a stable `code`; crosses comlink as name/message, so the code is also in the name. */
export class EnvError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = `EnvError:${code}`;
  }
  toValue(): ErrorValue {
    return errorValue(this.code, this.message);
  }
}

const isCode = (s: string): s is ErrorCode => Object.hasOwn(ERROR_CODES, s);

/** Any thrown value as an error value; unexpected errors become INTERNAL. */
export function toErrorValue(e: unknown): ErrorValue {
  if (e instanceof EnvError) return e.toValue();
  const code = e instanceof Error ? /^EnvError:([A-Z_]+)$/.exec(e.name)?.[1] : undefined;
  const message = e instanceof Error ? e.message : String(e);
  return errorValue(code && isCode(code) ? code : 'INTERNAL', message);
}

/** Runs `fn`, turning any throw into `{ ok: false, error }`. */
export function attempt<T>(fn: () => T): Response<T> {
  try {
    return { ok: true, result: fn() };
  } catch (e) {
    return { ok: false, error: toErrorValue(e) };
  }
}
