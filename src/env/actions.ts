// Validation of requests from outside (agents, the stdio server, the page): clear messages naming the bad field.
import { EnvError } from './errors.ts';
import type { Action, Severity, Suggestion } from './types.ts';

const SEVERITIES: Severity[] = ['low', 'medium', 'high', 'critical'];
/** More suggestions than this is spraying, not diagnosis; the cap also bounds the work of grading. */
export const MAX_SUGGESTIONS = 50;
/** Free-text fields are capped so a request cannot carry megabytes into history and replays. */
export const MAX_TEXT = 4_000;

function invalid(field: string, what: string, got: unknown): never {
  const shown = JSON.stringify(got);
  throw new EnvError('INVALID_ACTION', `${field} ${what} (got ${shown === undefined ? 'nothing' : shown.slice(0, 60)})`);
}

function text(o: Record<string, unknown>, field: string, path: string, fallback?: string): string {
  const v = o[field];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string') invalid(path, 'must be a string', v);
  if (v.length > MAX_TEXT && field !== 'optimized_query') invalid(path, `must be at most ${MAX_TEXT} characters`, `${v.length} characters`);
  return v;
}

function suggestion(v: unknown, i: number): Suggestion {
  const p = `suggestions[${i}]`;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) invalid(p, 'must be an object', v);
  const o = v as Record<string, unknown>;
  const issue_type = text(o, 'issue_type', `${p}.issue_type`);
  const line = o.line ?? 0;
  if (!Number.isInteger(line) || (line as number) < 0) invalid(`${p}.line`, 'must be a line number (integer ≥ 0)', o.line);
  const sev = typeof o.severity === 'string' ? o.severity.toLowerCase() : (o.severity ?? 'medium');
  if (!SEVERITIES.includes(sev as Severity)) invalid(`${p}.severity`, `must be one of ${SEVERITIES.join(', ')}`, o.severity);
  return {
    issue_type,
    line: line as number,
    severity: sev as Severity,
    description: text(o, 'description', `${p}.description`, ''),
    fix: text(o, 'fix', `${p}.fix`, ''),
  };
}

/** Checks an action; optional fields get their defaults (no suggestions, empty texts, not approved). */
export function parseAction(v: unknown): Action {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) invalid('action', 'must be an object', v);
  const o = v as Record<string, unknown>;
  const suggestions = o.suggestions ?? [];
  if (!Array.isArray(suggestions)) invalid('suggestions', 'must be a list', suggestions);
  if (suggestions.length > MAX_SUGGESTIONS)
    invalid('suggestions', `must have at most ${MAX_SUGGESTIONS} entries`, `${suggestions.length} entries`);
  const approved = o.approved ?? false;
  if (typeof approved !== 'boolean') invalid('approved', 'must be true or false', approved);
  return {
    suggestions: suggestions.map(suggestion),
    optimized_query: text(o, 'optimized_query', 'optimized_query'),
    summary: text(o, 'summary', 'summary', ''),
    estimated_improvement:
      typeof o.estimated_improvement === 'number'
        ? `${o.estimated_improvement}x`
        : text(o, 'estimated_improvement', 'estimated_improvement', ''),
    approved,
  };
}

/** Checks a reset request. */
export function parseReset(v: unknown): { task_id: string; seed: number | null } {
  if (typeof v !== 'object' || v === null)
    throw new EnvError('INVALID_REQUEST', 'reset needs an object like {"task_id": "task_1_basic_antipatterns"}');
  const o = v as Record<string, unknown>;
  if (typeof o.task_id !== 'string')
    throw new EnvError('INVALID_REQUEST', `task_id must be a string (got ${JSON.stringify(o.task_id) ?? 'nothing'})`);
  const seed = o.seed ?? null;
  if (seed !== null && (!Number.isSafeInteger(seed) || (seed as number) < 0))
    throw new EnvError('INVALID_REQUEST', `seed must be a non-negative integer or null (got ${JSON.stringify(seed)})`);
  return { task_id: o.task_id, seed: seed as number | null };
}
