// The step prompt: the task as the model needs it, and from step two on every earlier step's feedback, nulls explained.
import { describe, expect, it } from 'vitest';
import type { PolicyStep } from '../policies/policy.ts';
import { CANONICAL_TYPES } from '../env/taxonomy.ts';
import { WEIGHTS } from '../env/reward-config.ts';
import { NOT_PRACTICE } from '../env/grader.ts';
import type { ExecutionResult, Observation, PlanNode, Reward } from '../env/types.ts';
import { WHY_NULL, emptyExecution, explainNulls } from '../env/verdict.ts';
import { SYSTEM_PROMPT, buildMessages, executionLines, hotOperators, numbered, userPrompt } from './prompt.ts';

const SQL = "SELECT *\nFROM orders\nWHERE CAST(customer_id AS VARCHAR) = '5000'\n  AND year(created_at) = 2024;";

const OBS: Observation = {
  task_id: 'task_1_basic_antipatterns',
  task_name: 'Orders of one customer in a year',
  task_description: 'Every order of customer 5000 placed in 2024.',
  sql_query: SQL,
  schema_info: 'orders (500,500 rows): id BIGINT, customer_id BIGINT, created_at DATE',
  dialect: 'duckdb',
  difficulty: 'easy',
  step_count: 0,
  max_steps: 3,
  issues_found_so_far: [],
  last_execution: null,
  seed: null,
  hints: [],
  hints_used: 0,
  hints_total: 3,
  hint_cost: 0.01,
  goal: 'Solved means one step scoring at least 0.95.',
  reference_seen: false,
};

const node = (name: string, ms: number, rows: number, detail: string[] = [], children: PlanNode[] = []): PlanNode => ({
  name,
  time_s: ms / 1000,
  rows,
  detail,
  children,
});

const TOTAL = '93.1000000000000000000000000000000000000';
/** a long cell as the prompt shows it: clipped to 32 characters */
const CELL = `${TOTAL.slice(0, 32)}…`;
const row = (i: number) => [String(i), '5000', 'shipped', TOTAL, '2024-03-14'];

const WRONG: ExecutionResult = {
  ...emptyExecution(false),
  original_ms: 24.95,
  optimized_ms: 6.09,
  speedup: 4.1347,
  speedup_ci: [3.0769, 5.7871],
  pairs: 9,
  results_match: false,
  holdout_match: false,
  original_rows: 12,
  optimized_rows: 8,
  verdict: 'wrong result on the visible data',
  plans: {
    original: { text: '', total_s: 0.025, tree: node('PROJECTION', 0.01, 12, [], [node('SEQ_SCAN', 24.1, 12, ['Table: orders'])]) },
    optimized: {
      text: '',
      total_s: 0.006,
      tree: node('PROJECTION', 0.002, 8, [], [node('FILTER', 0.1, 8, [], [node('SEQ_SCAN', 5.9, 20, ['Table: orders'])])]),
    },
  },
  diff: {
    columns_match: true,
    original_columns: ['id', 'customer_id', 'status', 'total', 'created_at'],
    optimized_columns: ['id', 'customer_id', 'status', 'total', 'created_at'],
    only_in_original: [1, 2, 3, 4, 5].map(row),
    only_in_optimized: [9].map(row),
    dataset: 'main',
  },
};

/** A result as the environment answers it: every null figure with its reason. */
const answered = (x: ExecutionResult): ExecutionResult => ({ ...x, why_null: explainNulls(x) });

const FAILED: ExecutionResult = answered({
  ...emptyExecution(false),
  results_match: false,
  holdout_match: false,
  optimized_error: "SQL_ERROR: Conversion Error: Could not convert string 'abc' to INT64\nLINE 2: SELECT id …",
  optimized_error_code: 'SQL_ERROR',
  verdict: 'the rewrite failed',
});

const REWARD: Reward = {
  why_null: { practice_score: NOT_PRACTICE },
  practice_score: null,
  hint_penalty: 0,
  score: 0.08,
  breakdown: {
    execution_speedup: 0,
    result_correctness: 0,
    issue_detection: 0,
    approval_correctness: 1,
    summary_quality: 0,
    severity_labels: 0,
  },
  weights: WEIGHTS,
  feedback: ["The rewrite's results differ.", 'Issues: 0 of 3 found.'],
  reference_speedup: 4.4,
};

function step(
  x: ExecutionResult,
  n: number,
  query = 'SELECT * FROM orders WHERE customer_id = 5000 AND year(created_at) = 2023',
): PolicyStep {
  return {
    observation: { ...OBS, step_count: n - 1 },
    action: {
      suggestions: [{ issue_type: 'non_sargable_predicate', line: 3, severity: 'high', description: '', fix: '' }],
      optimized_query: query,
      summary: 'cast on customer_id',
      estimated_improvement: '3x',
      approved: false,
    },
    result: {
      observation: { ...OBS, step_count: n, last_execution: x },
      reward: REWARD,
      done: false,
      terminated: false,
      truncated: false,
      info: { step: n, cumulative_reward: 0.08 * n, best_score: 0.08, wall_ms: 100 },
    },
  };
}

describe('the first step', () => {
  const [system, user] = buildMessages(OBS, []);

  it('is a system message with the rules and the action format, then the task', () => {
    expect([system.role, user.role]).toEqual(['system', 'user']);
    expect(system.content).toBe(SYSTEM_PROMPT);
    expect(SYSTEM_PROMPT).toContain('"optimized_query"');
    expect(SYSTEM_PROMPT).toContain('severity: one of low, medium, high, critical');
    // what broke in the original: models copied "critical | high" from its format line
    expect(SYSTEM_PROMPT).not.toContain('critical | high');
  });

  it('holds the task, the schema with row counts, the numbered query and every canonical type', () => {
    expect(user.content).toContain('Task: Orders of one customer in a year (easy); step 1 of 3.');
    expect(user.content).toContain('Every order of customer 5000 placed in 2024.');
    expect(user.content).toContain('orders (500,500 rows): id BIGINT');
    expect(user.content).toContain("1 | SELECT *\n2 | FROM orders\n3 | WHERE CAST(customer_id AS VARCHAR) = '5000'\n4 |   AND year");
    for (const t of CANONICAL_TYPES) expect(user.content).toContain(`- ${t}: `);
    expect(user.content).not.toContain('earlier steps');
  });

  it('lists hints when the observation has some', () => {
    expect(userPrompt({ ...OBS, hints: ['Look at line 3.'] }, [])).toContain('Hints:\n- Look at line 3.');
  });
});

describe('feedback from earlier steps', () => {
  const prompt = userPrompt({ ...OBS, step_count: 2, last_execution: FAILED }, [
    step(WRONG, 1),
    step(FAILED, 2, "SELECT id FROM orders WHERE customer_id = 'abc'"),
  ]);

  it('shows each step: the action sent, speed with its interval, correctness, diff, hot operators, reward', () => {
    expect(prompt).toContain('Task: Orders of one customer in a year (easy); step 3 of 3.');
    expect(prompt).toContain(
      [
        '### Step 1',
        'You sent: issues non_sargable_predicate@3 high; estimate "3x"; approved false; summary "cast on customer_id"',
        '```sql',
        'SELECT * FROM orders WHERE customer_id = 5000 AND year(created_at) = 2023',
        '```',
        '- speed: 4.13× (95% interval 3.08–5.79×, 9 pairs); original 24.9 ms, rewrite 6.1 ms — no credit: the result differs',
        '- same result on the visible data: no (rows: original 12, rewrite 8); on the hidden data: no',
        `- rows only in the original (3 of 5 shown): (1, 5000, shipped, ${CELL}, 2024-03-14) ` +
          `(2, 5000, shipped, ${CELL}, 2024-03-14) (3, 5000, shipped, ${CELL}, 2024-03-14)`,
        `- rows only in the rewrite (1 of 1 shown): (9, 5000, shipped, ${CELL}, 2024-03-14)`,
        '- plan of the original, hottest operators: SEQ_SCAN orders 24.1 ms → 12 rows; PROJECTION 0.01 ms → 12 rows',
        '- plan of your rewrite, hottest operators: SEQ_SCAN orders 5.9 ms → 20 rows; FILTER 0.10 ms → 8 rows; PROJECTION 0.00 ms → 8 rows',
        '- reward 0.08 (each part 0–1: speed 0.00, correct 0.00, issues 0.00, approval 1.00, summary 0.00, severity 0.00)',
        "- feedback: The rewrite's results differ.",
        '- feedback: Issues: 0 of 3 found.',
      ].join('\n'),
    );
  });

  it('explains a failed rewrite instead of printing nulls', () => {
    expect(prompt).toContain(
      [
        `- speed: ${WHY_NULL.rewriteFailed}`,
        '- same result on the visible data: no (rows: original none (did not run), rewrite none (did not run)); on the hidden data: no',
        "- error of your rewrite: SQL_ERROR: Conversion Error: Could not convert string 'abc' to INT64",
      ].join('\n'),
    );
    expect(prompt).not.toMatch(/\bnull\b|undefined|NaN/);
  });

  it('says why a figure is missing in each case', () => {
    const base = emptyExecution(false);
    expect(executionLines(answered({ ...base, original_error: 'SQL_ERROR: boom' }))).toEqual([
      `- speed: ${WHY_NULL.originalFailed}`,
      `- same result on the visible data: ${WHY_NULL.originalFailed} (rows: original none (did not run), rewrite none (did not run)); on the hidden data: ${WHY_NULL.originalFailed}`,
      '- error of the original (not your fault): SQL_ERROR: boom',
    ]);
    expect(executionLines(answered({ ...base, holdout_match: null }))[0]).toBe('- speed: not measured');
    expect(
      executionLines({ ...WRONG, results_match: true, holdout_match: true, speed_voided: 'its result changed from run to run' })[0],
    ).toBe(
      '- speed: 4.13× (95% interval 3.08–5.79×, 9 pairs); original 24.9 ms, rewrite 6.1 ms — no credit: its result changed from run to run',
    );
    expect(executionLines({ ...WRONG, diff: { ...WRONG.diff!, columns_match: false, optimized_columns: ['id'] } })).toContain(
      '- columns differ: original [id, customer_id, status, total, created_at], rewrite [id]',
    );
  });

  it('stays compact: five steps of long SQL and big diffs fit in about 4k tokens', () => {
    const long = `SELECT ${'o.total + '.repeat(2000)}0 FROM orders o`;
    const bigDiff = { ...WRONG, diff: { ...WRONG.diff!, only_in_original: Array.from({ length: 500 }, (_, i) => row(i)) } };
    const steps = [1, 2, 3, 4, 5].map((n) => step(bigDiff, n, long));
    const text = userPrompt({ ...OBS, step_count: 5, max_steps: 6 }, steps);
    expect(text.length).toBeLessThan(16_000);
    expect(text).toContain('(3 of 500 shown)');
  });
});

describe('helpers', () => {
  it('numbers lines with aligned widths', () => {
    expect(
      numbered(Array.from({ length: 10 }, (_, i) => `l${i + 1}`).join('\n'))
        .split('\n')
        .slice(8),
    ).toEqual([' 9 | l9', '10 | l10']);
  });

  it('hot operators are ordered by own time', () => {
    expect(hotOperators(node('A', 1, 1, [], [node('B', 3, 2), node('C', 2, 3, ['Table: users'])]))).toBe(
      'B 3.0 ms → 2 rows; C users 2.0 ms → 3 rows; A 1.0 ms → 1 rows',
    );
  });
});
