// The chat messages an LLM policy sends for a step: the rules and the action format, then the task, and what every
// earlier step of the episode did on the real database. Compact: every list and text in it is bounded.
import type { PolicyStep } from '../policies/policy.ts';
import { TAXONOMY } from '../env/taxonomy.ts';
import { MAX_SUGGESTIONS, SEVERITIES, type ExecutionResult, type Observation, type PlanNode, type Reward } from '../env/types.ts';
import type { ChatMessage } from './client.ts';

/** Bounds that keep a five-step history within a few thousand tokens. */
const LIMIT = { sql: 1_500, text: 160, cell: 32, diffRows: 3, hotOperators: 3, issues: 10, error: 300, feedback: 240 };

/** The rules of the game and the answer format; the same for every step and task. */
export const SYSTEM_PROMPT = `You are a database performance engineer. You get one slow SQL query over a DuckDB database. Find its performance problems and rewrite it to run faster while returning exactly the same result.

How each step is judged:
- Your optimized_query really runs: it is timed against the original on hidden data with the same tables and sizes (not the rows you can see), and its result must equal the original's there, on the visible data and on small edge-case datasets (NULLs, duplicates, ties, empty tables, values outside the visible ranges). Equal means the same columns in the same order and the same rows; row order counts only when the original ends with ORDER BY on a unique key. Do not hard-code values you saw.
- A wrong result earns no speed credit. A rewrite whose plan is the original's (rewrapped or reformatted) earns nothing for correctness or speed.
- Default reward weights: speed 0.35 (relative to a reference rewrite), correct result 0.20, issues found 0.25 (right canonical type within 2 lines; false positives cost), approval 0.08, summary 0.07 (names the issue types, estimate close to the measured speedup), severity 0.05.
- From the second step on you see what your earlier attempts did: fix a wrong result or an error first, then go faster.
- SQL: DuckDB dialect, exactly one read-only SELECT (or WITH … SELECT) statement over the listed tables.

Answer with one JSON object and nothing else (no prose, no markdown fence):
{"suggestions": [{"issue_type": "non_sargable_predicate", "line": 3, "severity": "high", "description": "why it is slow", "fix": "how to fix it"}], "optimized_query": "SELECT …", "summary": "…", "estimated_improvement": "3x", "approved": false}
- suggestions: one entry per problem found (at most ${MAX_SUGGESTIONS}). issue_type: one of the canonical types listed with the task. line: the line of the original query where it is (numbers shown beside the query). severity: one of ${SEVERITIES.join(', ')}.
- optimized_query: the complete rewrite as plain SQL text.
- summary: one to three sentences naming the problems.
- estimated_improvement: the speedup you expect, e.g. "3x".
- approved: true only when the original needs no rewrite (then optimized_query repeats it).`;

/** The messages for a step: system, then one user message with the task and every earlier step's feedback. */
export function buildMessages(observation: Observation, history: readonly PolicyStep[]): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: userPrompt(observation, history) },
  ];
}

/** What the retry says after a reply that could not be read. */
export function unreadableMessage(reason: string): string {
  return `Your reply could not be read: ${reason}. Answer with the JSON object only.`;
}

/** The task, the schema, the numbered query, the taxonomy, and the episode so far. */
export function userPrompt(o: Observation, history: readonly PolicyStep[]): string {
  const parts = [
    `Task: ${o.task_name} (${o.difficulty}); step ${o.step_count + 1} of ${o.max_steps}.`,
    o.task_description,
    `Tables (DuckDB, row counts of the visible data):\n${o.schema_info}`,
    `Original query (line numbers are for suggestions[].line):\n${numbered(o.sql_query)}`,
    `Canonical issue types:\n${TAXONOMY.map((k) => `- ${k.type}: ${k.title}`).join('\n')}`,
  ];
  if (o.hints.length) parts.push(`Hints:\n${o.hints.map((h) => `- ${h}`).join('\n')}`);
  if (history.length) parts.push(`Your earlier steps:\n\n${history.map((s, i) => stepFeedback(s, i + 1)).join('\n\n')}`);
  parts.push(`Answer with the JSON object for step ${o.step_count + 1}.`);
  return parts.join('\n\n');
}

/** The query with right-aligned line numbers. */
export function numbered(sql: string): string {
  const lines = sql.split('\n');
  const w = String(lines.length).length;
  return lines.map((l, i) => `${String(i + 1).padStart(w)} | ${l}`).join('\n');
}

/** One earlier step: the action sent (short), what the database did, and the reward. */
export function stepFeedback(s: PolicyStep, n: number): string {
  const a = s.action;
  const issues = a.suggestions.length
    ? a.suggestions
        .slice(0, LIMIT.issues)
        .map((g) => `${g.issue_type}@${g.line} ${g.severity}`)
        .join(', ') + (a.suggestions.length > LIMIT.issues ? `, and ${a.suggestions.length - LIMIT.issues} more` : '')
    : 'none';
  const x = s.result.observation.last_execution;
  return [
    `### Step ${n}`,
    `You sent: issues ${issues}; estimate ${JSON.stringify(clip(a.estimated_improvement, 40))}; approved ${a.approved}; summary ${JSON.stringify(clip(a.summary, LIMIT.text))}`,
    '```sql',
    clip(a.optimized_query, LIMIT.sql),
    '```',
    ...(x ? executionLines(x) : ['- no execution was recorded']),
    ...rewardLines(s.result.reward),
  ].join('\n');
}

/** What the database did with the original and the rewrite, every null explained by its reason. */
export function executionLines(x: ExecutionResult): string[] {
  const out = [speedLine(x), correctnessLine(x)];
  if (x.original_error) out.push(`- error of the original (not your fault): ${firstLine(x.original_error)}`);
  if (x.optimized_error) out.push(`- error of your rewrite: ${firstLine(x.optimized_error)}`);
  if (x.timed_out) out.push('- a run passed its deadline and was cancelled');
  if (x.noop) out.push("- your rewrite's plan is the original's (a rewrap, not a rewrite): no credit for correctness or speed");
  out.push(...diffLines(x));
  for (const [who, plan] of [
    ['the original', x.plans.original],
    ['your rewrite', x.plans.optimized],
  ] as const)
    if (plan?.tree) out.push(`- plan of ${who}, hottest operators: ${hotOperators(plan.tree)}`);
  return out;
}

function speedLine(x: ExecutionResult): string {
  // The environment's own reason (why_null) says what happened; the prompt never prints a bare null.
  if (x.speedup === null) return `- speed: ${x.why_null.speedup ?? 'not measured'}`;
  const ci = x.speedup_ci ? ` (95% interval ${x.speedup_ci.map((v) => v.toFixed(2)).join('–')}×, ${x.pairs} pairs)` : '';
  const times = x.original_ms !== null && x.optimized_ms !== null ? `; original ${ms(x.original_ms)}, rewrite ${ms(x.optimized_ms)}` : '';
  const credit = x.speed_voided
    ? ` — no credit: ${x.speed_voided}`
    : x.results_match === false || x.holdout_match === false
      ? ' — no credit: the result differs'
      : '';
  return `- speed: ${x.speedup.toFixed(2)}×${ci}${times}${credit}`;
}

function correctnessLine(x: ExecutionResult): string {
  const verdict = (v: boolean | null, why: string | undefined) => (v === null ? (why ?? 'not checked') : v ? 'yes' : 'no');
  const rows = (n: number | null) => (n === null ? 'none (did not run)' : String(n));
  return (
    `- same result on the visible data: ${verdict(x.results_match, x.why_null.results_match)} (rows: original ${rows(x.original_rows)}, ` +
    `rewrite ${rows(x.optimized_rows)}); on the hidden data: ${verdict(x.holdout_match, x.why_null.holdout_match)}`
  );
}

/** A few rows only on one side, or the differing columns. */
function diffLines(x: ExecutionResult): string[] {
  const d = x.diff;
  if (!d) return [];
  const where = d.dataset === 'holdout' ? ' (edge-case data)' : '';
  if (!d.columns_match) {
    const cols = (c: string[]) => `[${clip(c.join(', '), LIMIT.text)}]`;
    return [`- columns differ${where}: original ${cols(d.original_columns)}, rewrite ${cols(d.optimized_columns)}`];
  }
  const side = (rows: string[][], who: string) =>
    rows.length
      ? [
          `- rows only in the ${who}${where} (${Math.min(rows.length, LIMIT.diffRows)} of ${rows.length} shown): ` +
            rows
              .slice(0, LIMIT.diffRows)
              .map((r) => `(${r.map((c) => clip(c, LIMIT.cell)).join(', ')})`)
              .join(' '),
        ]
      : [];
  return [...side(d.only_in_original, 'original'), ...side(d.only_in_optimized, 'rewrite')];
}

/** The costliest operators of a plan: name, table, own time, rows out. */
export function hotOperators(tree: PlanNode): string {
  const all: PlanNode[] = [];
  const walk = (n: PlanNode) => {
    all.push(n);
    n.children.forEach(walk);
  };
  walk(tree);
  return all
    .sort((a, b) => b.time_s - a.time_s)
    .slice(0, LIMIT.hotOperators)
    .map((n) => {
      const table = n.detail.find((d) => d.startsWith('Table: '))?.slice(7);
      return `${n.name}${table ? ` ${table}` : ''} ${ms(n.time_s * 1000)} → ${n.rows} rows`;
    })
    .join('; ');
}

function rewardLines(r: Reward): string[] {
  const b = r.breakdown;
  const parts = [
    `speed ${b.execution_speedup.toFixed(2)}`,
    `correct ${b.result_correctness.toFixed(2)}`,
    `issues ${b.issue_detection.toFixed(2)}`,
    `approval ${b.approval_correctness.toFixed(2)}`,
    `summary ${b.summary_quality.toFixed(2)}`,
    `severity ${b.severity_labels.toFixed(2)}`,
  ];
  return [
    `- reward ${r.score.toFixed(2)} (each part 0–1: ${parts.join(', ')})`,
    ...r.feedback.map((f) => `- feedback: ${clip(f, LIMIT.feedback)}`),
  ];
}

function ms(v: number): string {
  return `${v < 1 ? v.toFixed(2) : v.toFixed(1)} ms`;
}

function firstLine(s: string): string {
  return clip(s.split('\n')[0], LIMIT.error);
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
