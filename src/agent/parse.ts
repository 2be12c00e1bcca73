// Reading a model's reply as an Action: lenient about where the JSON sits and about clear slips in its values (each fix
// recorded as a sentence), then strict: the result must pass the environment's one Action schema.
import { Action, SEVERITIES } from '../env/types.ts';
import { EnvError } from '../env/errors.ts';
import { parseWith, shown } from '../env/validate.ts';

/** The action read from a reply and every lenient fix applied, or why the reply could not be read. */
export type ParsedReply = { ok: true; action: Action; coercions: string[] } | { ok: false; reason: string; coercions: string[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const ACTION_FIELDS = ['suggestions', 'optimized_query', 'summary', 'estimated_improvement', 'approved'];
const SUGGESTION_FIELDS = ['issue_type', 'line', 'description', 'severity', 'fix'];

/** Reads a model's reply: plain JSON, a fenced ```json block, or the first JSON object in prose. Pure. */
export function parseReply(text: string): ParsedReply {
  const coercions: string[] = [];
  const found = findObject(text, coercions);
  if (typeof found === 'string') return { ok: false, reason: found, coercions };
  const value = coerceAction(found, coercions);
  try {
    return { ok: true, action: parseWith(Action, value, 'INVALID_ACTION', ''), coercions };
  } catch (e) {
    const why = e instanceof EnvError ? e.message : String(e);
    return { ok: false, reason: `the JSON does not fit the action schema: ${why}`, coercions };
  }
}

/** The JSON object of a reply, or why there is none. */
function findObject(raw: string, notes: string[]): Obj | string {
  let text = raw.trim();
  if (!text) return 'the reply is empty';
  // Reasoning models think aloud before answering; braces in the thoughts are not the answer.
  const thoughtless = text.replace(/<think>[\s\S]*?<\/think>/gi, '').trim();
  if (thoughtless !== text) {
    notes.push('skipped the <think> section');
    text = thoughtless;
  }
  const whole = tryJson(text);
  if (isObj(whole)) return whole;
  if (typeof whole === 'string' && isObj(tryJson(whole))) {
    notes.push('the reply was a JSON string holding the object: read the object inside it');
    return tryJson(whole) as Obj;
  }
  const candidates = balancedObjects(text);
  const pick = candidates.find((c) => 'optimized_query' in c.value || isObj(c.value.action)) ?? candidates[0];
  if (pick) {
    const fenced = /```[a-z]*\s*$/i.test(text.slice(0, pick.start));
    notes.push(fenced ? 'read the JSON object inside a ``` fence' : 'read the JSON object out of the prose around it');
    return pick.value;
  }
  const open = text.indexOf('{');
  if (open >= 0) return `the reply has a "{" at character ${open + 1} but no complete JSON object after it (was it cut off?)`;
  return `the reply holds no JSON object (it begins: ${shown(text)})`;
}

function tryJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** Every top-level {…} span (string-aware brace matching) that parses as a JSON object, in order. */
function balancedObjects(text: string): { start: number; value: Obj }[] {
  const out: { start: number; value: Obj }[] = [];
  for (let start = text.indexOf('{'); start >= 0;) {
    const end = matchingBrace(text, start);
    const value = end < 0 ? undefined : tryJson(text.slice(start, end + 1));
    if (isObj(value)) out.push({ start, value });
    start = text.indexOf('{', isObj(value) ? end + 1 : start + 1);
  }
  return out;
}

/** Index of the brace closing the one at `start`, or -1. */
function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Clear slips fixed, each recorded; anything unclear is left for the schema to reject. */
function coerceAction(found: Obj, notes: string[]): Obj {
  let o = found;
  if (!('optimized_query' in o) && isObj(o.action)) {
    notes.push('used the object under "action"');
    o = o.action;
  }
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) {
    if (ACTION_FIELDS.includes(k)) out[k] = v;
    else notes.push(`ignored the unknown field "${k}"`);
  }
  const fix = (field: string, to: unknown) => {
    notes.push(`${field}: ${shown(out[field])} → ${shown(to)}`);
    out[field] = to;
  };

  const q = out.optimized_query;
  const fence = typeof q === 'string' ? /^\s*```[a-z]*[ \t]*\n?([\s\S]*?)\n?[ \t]*```\s*$/i.exec(q) : null;
  if (fence) {
    notes.push('optimized_query: removed the ``` fence around the SQL');
    out.optimized_query = fence[1];
  }

  if (out.suggestions === undefined || out.suggestions === null) fix('suggestions', []);
  else if (isObj(out.suggestions)) {
    notes.push('suggestions: a single object → a list of one');
    out.suggestions = [out.suggestions];
  }
  if (Array.isArray(out.suggestions)) out.suggestions = out.suggestions.map((s, i) => (isObj(s) ? coerceSuggestion(s, i, notes) : s));

  if (typeof out.approved === 'string' && /^\s*(true|yes|false|no)\s*$/i.test(out.approved))
    fix('approved', /^\s*(true|yes)\s*$/i.test(out.approved));
  else if (out.approved === 1 || out.approved === 0) fix('approved', out.approved === 1);
  else if (out.approved === null) fix('approved', false);

  if (typeof out.estimated_improvement === 'number') fix('estimated_improvement', `${out.estimated_improvement}x`);
  for (const k of ['estimated_improvement', 'summary']) if (out[k] === null) fix(k, '');
  return out;
}

function coerceSuggestion(s: Obj, i: number, notes: string[]): Obj {
  const at = `suggestions[${i}]`;
  const out: Obj = {};
  for (const [k, v] of Object.entries(s)) {
    if (SUGGESTION_FIELDS.includes(k)) out[k] = v;
    else if (k === 'type' && !('issue_type' in s)) {
      notes.push(`${at}.type → ${at}.issue_type`);
      out.issue_type = v;
    } else notes.push(`ignored the unknown field "${at}.${k}"`);
  }
  const fix = (field: string, to: unknown) => {
    notes.push(`${at}.${field}: ${shown(out[field])} → ${shown(to)}`);
    out[field] = to;
  };

  const line = out.line;
  const firstInt = typeof line === 'string' ? /\d+/.exec(line) : null;
  if (firstInt) fix('line', Number(firstInt[0]));
  else if (Array.isArray(line) && Number.isInteger(line[0])) fix('line', line[0]);
  else if (line === null) fix('line', 0);

  const sev = out.severity;
  if (typeof sev === 'string' && !(SEVERITIES as readonly string[]).includes(sev.toLowerCase())) {
    const word = sev
      .toLowerCase()
      .match(/[a-z]+/g)
      ?.find((w) => (SEVERITIES as readonly string[]).includes(w));
    if (word) fix('severity', word);
  } else if (sev === null) fix('severity', 'medium');

  for (const k of ['description', 'fix']) if (out[k] === null) fix(k, '');
  return out;
}
