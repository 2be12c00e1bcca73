// Reading model replies: where the JSON may sit, each clear slip fixed and recorded, everything else refused with a reason.
import { describe, expect, it } from 'vitest';
import { parseReply } from './parse.ts';

const ACTION = {
  suggestions: [{ issue_type: 'select_star', line: 1, severity: 'low', description: 'all columns', fix: 'name them' }],
  optimized_query: 'SELECT id FROM orders',
  summary: 'select_star',
  estimated_improvement: '2x',
  approved: false,
};
const JSON_TEXT = JSON.stringify(ACTION);

function read(text: string) {
  const r = parseReply(text);
  if (!r.ok) throw new Error(`expected a readable reply, got: ${r.reason}`);
  return r;
}

function refused(text: string) {
  const r = parseReply(text);
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.action)}`);
  return r;
}

describe('where the JSON sits', () => {
  it('reads plain JSON with no coercion', () => {
    expect(read(JSON_TEXT)).toEqual({ ok: true, action: ACTION, coercions: [] });
  });

  it('reads pretty-printed JSON with surrounding whitespace', () => {
    expect(read(`\n  ${JSON.stringify(ACTION, null, 2)}\n`).action).toEqual(ACTION);
  });

  it('reads a ```json fence and says so', () => {
    const r = read(`\`\`\`json\n${JSON_TEXT}\n\`\`\``);
    expect([r.action, r.coercions]).toEqual([ACTION, ['read the JSON object inside a ``` fence']]);
  });

  it('reads a bare ``` fence after prose', () => {
    expect(read(`Here it is:\n\`\`\`\n${JSON_TEXT}\n\`\`\`\nHope it helps.`).coercions).toEqual([
      'read the JSON object inside a ``` fence',
    ]);
  });

  it('reads a fence whose SQL string itself holds ``` (string-aware matching)', () => {
    const withFence = { ...ACTION, optimized_query: '```sql\nSELECT id FROM orders\n```' };
    const r = read(`\`\`\`json\n${JSON.stringify(withFence)}\n\`\`\``);
    expect(r.action.optimized_query).toBe('SELECT id FROM orders');
    expect(r.coercions).toEqual(['read the JSON object inside a ``` fence', 'optimized_query: removed the ``` fence around the SQL']);
  });

  it('reads the first balanced object out of prose, skipping braces that do not parse', () => {
    const r = read(`I looked at {the query} carefully. My answer: ${JSON_TEXT} That is all {really}.`);
    expect([r.action, r.coercions]).toEqual([ACTION, ['read the JSON object out of the prose around it']]);
  });

  it('prefers an object with optimized_query over an earlier example object', () => {
    const r = read(`For example {"line": 4} would be a suggestion. Answer: ${JSON_TEXT}`);
    expect(r.action).toEqual(ACTION);
  });

  it('handles braces and escaped quotes inside strings', () => {
    const tricky = { ...ACTION, summary: 'a "quoted" } brace and a \\ backslash {' };
    expect(read(`Answer: ${JSON.stringify(tricky)}`).action.summary).toBe(tricky.summary);
  });

  it('skips a <think> section with braces in it', () => {
    const r = read(`<think>maybe {"optimized_query": "SELECT 1"} or not</think>\n${JSON_TEXT}`);
    expect([r.action, r.coercions]).toEqual([ACTION, ['skipped the <think> section']]);
  });

  it('reads an object that was sent as a JSON string', () => {
    expect(read(JSON.stringify(JSON_TEXT)).coercions).toEqual([
      'the reply was a JSON string holding the object: read the object inside it',
    ]);
  });

  it('unwraps {"action": {…}}', () => {
    expect(read(JSON.stringify({ action: ACTION })).coercions).toEqual(['used the object under "action"']);
  });
});

describe('clear slips, each coerced and recorded', () => {
  const withSuggestion = (s: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ ...ACTION, suggestions: [{ ...ACTION.suggestions[0], ...s }], ...extra });

  it('line "4" → 4', () => {
    const r = read(withSuggestion({ line: '4' }));
    expect([r.action.suggestions[0].line, r.coercions]).toEqual([4, ['suggestions[0].line: "4" → 4']]);
  });

  it('line "lines 4-5" → 4, [7, 8] → 7, null → 0', () => {
    expect(read(withSuggestion({ line: 'lines 4-5' })).action.suggestions[0].line).toBe(4);
    const r = read(withSuggestion({ line: [7, 8] }));
    expect([r.action.suggestions[0].line, r.coercions]).toEqual([7, ['suggestions[0].line: a list of 2 → 7']]);
    expect(read(withSuggestion({ line: null })).coercions).toEqual(['suggestions[0].line: null → 0']);
  });

  it('severity "critical | high" → the first valid severity', () => {
    const r = read(withSuggestion({ severity: 'critical | high' }));
    expect([r.action.suggestions[0].severity, r.coercions]).toEqual([
      'critical',
      ['suggestions[0].severity: "critical | high" → "critical"'],
    ]);
  });

  it('severity "High" is read without a coercion (the schema is case-insensitive), "Very HIGH " with one', () => {
    expect(read(withSuggestion({ severity: 'High' }))).toMatchObject({ action: { suggestions: [{ severity: 'high' }] }, coercions: [] });
    expect(read(withSuggestion({ severity: 'Very HIGH ' })).coercions).toEqual(['suggestions[0].severity: "Very HIGH " → "high"']);
  });

  it('severity null → medium', () => {
    expect(read(withSuggestion({ severity: null })).action.suggestions[0].severity).toBe('medium');
  });

  it('approved "true" → true, "No" → false, 1 → true, null → false', () => {
    const r = read(JSON.stringify({ ...ACTION, approved: 'true' }));
    expect([r.action.approved, r.coercions]).toEqual([true, ['approved: "true" → true']]);
    expect(read(JSON.stringify({ ...ACTION, approved: 'No' })).action.approved).toBe(false);
    expect(read(JSON.stringify({ ...ACTION, approved: 1 })).action.approved).toBe(true);
    expect(read(JSON.stringify({ ...ACTION, approved: null })).coercions).toEqual(['approved: null → false']);
  });

  it('a number estimated_improvement → "3x"', () => {
    const r = read(JSON.stringify({ ...ACTION, estimated_improvement: 3 }));
    expect([r.action.estimated_improvement, r.coercions]).toEqual(['3x', ['estimated_improvement: 3 → "3x"']]);
  });

  it('missing suggestions → [], null → [], a single object → a list of one', () => {
    const { suggestions: _, ...bare } = ACTION;
    const r = read(JSON.stringify(bare));
    expect([r.action.suggestions, r.coercions]).toEqual([[], ['suggestions: nothing → a list of 0']]);
    expect(read(JSON.stringify({ ...ACTION, suggestions: null })).action.suggestions).toEqual([]);
    const one = read(JSON.stringify({ ...ACTION, suggestions: ACTION.suggestions[0] }));
    expect([one.action.suggestions, one.coercions]).toEqual([ACTION.suggestions, ['suggestions: a single object → a list of one']]);
  });

  it('keeps an unknown issue type as given (grading counts it as a false positive)', () => {
    const r = read(withSuggestion({ issue_type: 'bad_vibes' }));
    expect([r.action.suggestions[0].issue_type, r.coercions]).toEqual(['bad_vibes', []]);
  });

  it('type → issue_type; null description and fix → ""; unknown fields ignored and named', () => {
    const r = read(
      JSON.stringify({
        ...ACTION,
        confidence: 0.9,
        suggestions: [{ type: 'select_star', line: 1, severity: 'low', description: null, fix: null, why: 'x' }],
      }),
    );
    expect(r.action.suggestions[0]).toEqual({ issue_type: 'select_star', line: 1, severity: 'low', description: '', fix: '' });
    expect(r.coercions).toEqual([
      'ignored the unknown field "confidence"',
      'suggestions[0].type → suggestions[0].issue_type',
      'ignored the unknown field "suggestions[0].why"',
      'suggestions[0].description: null → ""',
      'suggestions[0].fix: null → ""',
    ]);
  });

  it('fills schema defaults for omitted optional fields without calling them coercions', () => {
    const r = read(JSON.stringify({ optimized_query: 'SELECT 1', suggestions: [{ issue_type: 'select_star' }] }));
    expect(r.action).toEqual({
      suggestions: [{ issue_type: 'select_star', line: 0, severity: 'medium', description: '', fix: '' }],
      optimized_query: 'SELECT 1',
      summary: '',
      estimated_improvement: '',
      approved: false,
    });
    expect(r.coercions).toEqual([]);
  });
});

describe('refusals name the reason', () => {
  it('an empty reply', () => {
    expect(refused('   ').reason).toBe('the reply is empty');
  });

  it('prose with no JSON', () => {
    expect(refused('I think the query is fine.').reason).toBe('the reply holds no JSON object (it begins: "I think the query is fine.")');
  });

  it('a JSON object cut off in the middle', () => {
    expect(refused(`Here: ${JSON_TEXT.slice(0, 40)}`).reason).toBe(
      'the reply has a "{" at character 7 but no complete JSON object after it (was it cut off?)',
    );
  });

  it('no optimized_query', () => {
    expect(refused('{"summary": "looks slow"}').reason).toBe(
      'the JSON does not fit the action schema: optimized_query must be a string (got nothing)',
    );
  });

  it('a line that is not a number, a severity with no valid word', () => {
    const bad = { ...ACTION, suggestions: [{ issue_type: 'x', line: 'top', severity: 'severe' }] };
    expect(refused(JSON.stringify(bad)).reason).toBe(
      'the JSON does not fit the action schema: suggestions[0].line must be a number (got "top"); ' +
        'suggestions[0].severity must be one of low, medium, high, critical (got "severe")',
    );
  });

  it('keeps the coercions made before the refusal', () => {
    const r = refused('```json\n{"summary": "x", "approved": "yes"}\n```');
    expect(r.coercions).toEqual([
      'read the JSON object inside a ``` fence',
      'suggestions: nothing → a list of 0',
      'approved: "yes" → true',
    ]);
  });

  it('a JSON array is not an action, but the object inside it is read', () => {
    expect(read(`[${JSON_TEXT}]`).coercions).toEqual(['read the JSON object out of the prose around it']);
    expect(refused('[1, 2]').reason).toBe('the reply holds no JSON object (it begins: "[1, 2]")');
  });
});
