// The environment's one error type: a stable code plus a message a person understands.
import type { ErrorCode, ErrorValue, Response } from './types.ts';

/** An error with a stable `code`; crosses comlink as name/message, so the code is also in the name. */
export class EnvError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = `EnvError:${code}`;
  }
  toValue(): ErrorValue {
    return { code: this.code, message: `${this.code}: ${this.message}` };
  }
}

/** Any thrown value as an error value; unexpected errors become INTERNAL. */
export function toErrorValue(e: unknown): ErrorValue {
  if (e instanceof EnvError) return e.toValue();
  const name = e instanceof Error ? e.name : '';
  const m = /^EnvError:([A-Z_]+)$/.exec(name);
  const message = e instanceof Error ? e.message : String(e);
  if (m) return { code: m[1] as ErrorCode, message: `${m[1]}: ${message}` };
  return { code: 'INTERNAL', message: `INTERNAL: ${message}` };
}

/** Runs `fn`, turning any throw into `{ ok: false, error }`. */
export function attempt<T>(fn: () => T): Response<T> {
  try {
    return { ok: true, result: fn() };
  } catch (e) {
    return { ok: false, error: toErrorValue(e) };
  }
}
