// The HTTP plumbing the routes share: sessions from the request, bodies read under a size limit, JSON replies, and the
// HTTP status of each error code.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode } from '../env/errors.ts';

/** Largest request body or WebSocket message accepted (an action is at most ~250 kB: 50 suggestions of 4 kB texts). */
export const MAX_MESSAGE_BYTES = 1 << 20;
export const SESSION_HEADER = 'x-session-id';
export const SESSION_COOKIE = 'sql_optim_session';
/** The session of a client that names none (plain curl). */
export const DEFAULT_SESSION = 'default';
const SESSION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's session id (header, then cookie, then the default), or an error message when it is malformed. */
export function sessionOf(req: IncomingMessage): { id: string } | { error: string } {
  const header = req.headers[SESSION_HEADER];
  const cookie = /(?:^|;\s*)sql_optim_session=([^;]*)/.exec(req.headers.cookie ?? '')?.[1];
  const id = (Array.isArray(header) ? header[0] : header) ?? cookie ?? DEFAULT_SESSION;
  return SESSION_ID.test(id)
    ? { id }
    : { error: `${SESSION_HEADER} must be 1 to 128 letters, digits or . _ : - (got ${JSON.stringify(id)})` };
}

/** The body as text, or null when it passes the limit (the rest is discarded). */
export function readBody(req: IncomingMessage, limit = MAX_MESSAGE_BYTES): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parses a body: undefined when empty, {invalid} when it is not JSON. */
export function parseJson(text: string): { value: unknown } | { invalid: string } {
  if (text.trim() === '') return { value: undefined };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    return { invalid: (e as Error).message };
  }
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The HTTP status of an error (the original answers 400 for a bad episode or task, 422 for a bad body, 500 otherwise). */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'INVALID_ACTION':
    case 'INVALID_REQUEST':
      return 422;
    case 'RESET_NEEDED':
    case 'EPISODE_DONE':
    case 'UNKNOWN_TASK':
    case 'SQL_REJECTED':
    case 'SQL_ERROR':
      return 400;
    case 'BUSY':
      return 503;
    default:
      return 500;
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
