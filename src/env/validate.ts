// Runtime validation against the one schema: parses a value from outside, or names each bad path and the value received.
import type { z } from 'zod';
import { EnvError, type ErrorCode } from './errors.ts';

/** How many problems one message lists; an agent fixes them a few at a time. */
const MAX_LISTED = 3;

/** `root.a[0].b` from zod's path segments (`a[0].b` without a root; "the request" for the whole of it). */
export function pathOf(root: string, path: readonly PropertyKey[]): string {
  const p = path.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${String(k)}`), root);
  return p.replace(/^\./, '') || 'the request';
}

/** A received value, short: JSON up to 60 characters, or what kind of thing it is. */
export function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'object' && v !== null) return 'an object';
  return String(v);
}

const KIND: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  tuple: 'a list',
  null: 'null',
};

/** What one zod issue asks for, in plain words. */
function wanted(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${KIND[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `must be ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.join(', ')}`}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${issue.maximum} characters`
        : issue.origin === 'array'
          ? `must have at most ${issue.maximum} entries`
          : `must be at most ${issue.maximum}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `must have at least ${issue.minimum} ${issue.minimum === 1 ? 'entry' : 'entries'}`
        : `must be at least ${issue.minimum}`;
    case 'invalid_union':
      return 'does not fit any allowed form';
    case 'unrecognized_keys':
      // Only strict objects (e.g. reset's deadlines) refuse a field: a misspelt one must not be ignored silently.
      return `has no field ${issue.keys.map((k) => JSON.stringify(k)).join(' or ')}`;
    default:
      return issue.message;
  }
}

/** The received value as the message shows it: lengths for texts and lists that are too long. */
function received(issue: z.core.$ZodIssue): string {
  const v = issue.input;
  if (issue.code === 'too_big' && typeof v === 'string') return `${v.length} characters`;
  if (issue.code === 'too_big' && Array.isArray(v)) return `${v.length} entries`;
  return shown(v);
}

/** Parses `value` with `schema`; on failure throws EnvError(code) naming each bad path (from `root`) and what it received. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, code: ErrorCode, root: string): z.output<S> {
  const r = schema.safeParse(value, { reportInput: true });
  if (r.success) return r.data;
  // A field that should not be there is the value received; repeating the object it sits in adds nothing.
  const got = (i: z.core.$ZodIssue) => (i.code === 'unrecognized_keys' ? '' : ` (got ${received(i)})`);
  const listed = r.error.issues.slice(0, MAX_LISTED).map((i) => `${pathOf(root, i.path)} ${wanted(i)}${got(i)}`);
  const more = r.error.issues.length - listed.length;
  throw new EnvError(code, listed.join('; ') + (more > 0 ? `; and ${more} more` : ''));
}
