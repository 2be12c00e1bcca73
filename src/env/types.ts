// The one schema of the environment's JSON shapes (design §5): TypeScript types, runtime validation and the published
// JSON Schemas all come from these declarations. Seed-compatible snake_case fields, plus our extras.
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from './errors.ts';

// The page's CSP forbids `new Function`; without this zod would probe for it (a CSP report) and compile parsers with it.
z.config({ jitless: true });

/** Severity labels accepted in suggestions and ground truth, mildest first. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

/** More suggestions than this is spraying, not diagnosis; the cap also bounds the work of grading. */
export const MAX_SUGGESTIONS = 50;
/** Free-text fields are capped so a request cannot carry megabytes into history and replays. */
export const MAX_TEXT = 4_000;

const text = z.string().max(MAX_TEXT);

/** One issue an agent claims to have found. Severity is read case-insensitively; omitted texts are empty. */
export const Suggestion = z.object({
  issue_type: text,
  line: z.int().min(0).default(0).describe('line of the original query (1-based; 0 = not tied to a line)'),
  description: text.default(''),
  severity: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(Severity)
    .default('medium'),
  fix: text.default(''),
});
export type Suggestion = z.infer<typeof Suggestion>;

/** What an agent submits at each step; every field but optimized_query has a default. */
export const Action = z.object({
  suggestions: z.array(Suggestion).max(MAX_SUGGESTIONS).default([]),
  optimized_query: z.string().describe('the rewrite: one SELECT (or WITH … SELECT) statement'),
  summary: text.default(''),
  estimated_improvement: z
    .union([text, z.number().transform((n) => `${n}x`)])
    .default('')
    .describe('the speedup the agent expects, e.g. "3x"'),
  approved: z.boolean().default(false).describe('true when the original is already good as it is'),
});
export type Action = z.infer<typeof Action>;

/** Wall-clock time and cardinality of one physical operator, from EXPLAIN ANALYZE. */
export interface PlanNode {
  name: string;
  /** seconds spent in this operator alone */
  time_s: number;
  /** rows this operator produced */
  rows: number;
  /** a few lines of operator detail (join condition, filters, projections) */
  detail: string[];
  children: PlanNode[];
}
export const PlanNode: z.ZodType<PlanNode> = z.lazy(() =>
  z.object({ name: z.string(), time_s: z.number(), rows: z.number(), detail: z.array(z.string()), children: z.array(PlanNode) }),
);

/** A query plan: DuckDB's text rendering and the operator tree. */
export const Plan = z.object({ text: z.string(), tree: PlanNode.nullable(), total_s: z.number() });
export type Plan = z.infer<typeof Plan>;

/** Rows only on one side of a mismatch, rendered as text cells. */
export const RowDiff = z.object({
  columns_match: z.boolean(),
  original_columns: z.array(z.string()),
  optimized_columns: z.array(z.string()),
  only_in_original: z.array(z.array(z.string())),
  only_in_optimized: z.array(z.array(z.string())),
  dataset: z.enum(['main', 'holdout']).describe('which dataset the diff was taken from'),
});
export type RowDiff = z.infer<typeof RowDiff>;

/** First rows of a result, rendered as text cells. */
export const Preview = z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.string().nullable())) });
export type Preview = z.infer<typeof Preview>;

/**
 * Why each figure of an object that is null is null: the figure's field name → a sentence (design §5). A client that
 * formats a figure (`f"{original_ms:.1f}"`) must never meet a bare null: every null figure has its reason here, and only
 * null figures do. Empty when every figure is a number; the default keeps records made before it readable.
 */
function whyNull<const K extends string>(figures: readonly [K, ...K[]]) {
  return z
    .partialRecord(z.enum(figures), z.string().min(1))
    .default({})
    .describe(`for each of ${figures.join(', ')} that is null, why (field name → reason); only null figures appear`);
}

/** The figures of an ExecutionResult that may be null, each then explained in its why_null. */
export const EXECUTION_FIGURES = [
  'original_ms',
  'optimized_ms',
  'speedup',
  'speedup_ci',
  'results_match',
  'holdout_match',
  'original_rows',
  'optimized_rows',
] as const;
export type ExecutionFigure = (typeof EXECUTION_FIGURES)[number];

const ms = z.number().nullable();
const NULL_SEE = '(null: see why_null)';

/** What the database actually did with the original and the rewrite (design §4). */
export const ExecutionResult = z.object({
  original_ms: ms.describe(`median time of the original ${NULL_SEE}`),
  optimized_ms: ms.describe(`median time of the rewrite ${NULL_SEE}`),
  speedup: ms.describe(`median of the per-pair ratios original/rewrite ${NULL_SEE}`),
  speedup_ci: z.tuple([z.number(), z.number()]).nullable().describe(`about 95% interval of the speedup (order statistics) ${NULL_SEE}`),
  pairs: z.int().describe('timed pairs behind the speedup'),
  results_match: z.boolean().nullable().describe(`results identical on the main dataset ${NULL_SEE}`),
  holdout_match: z
    .boolean()
    .nullable()
    .describe(
      `results identical on the hidden data (the judged dataset and every edge-case dataset); null unless a step was spent ${NULL_SEE}`,
    ),
  order_sensitive: z.boolean(),
  original_rows: z.int().nullable().describe(`rows of the original on the visible data ${NULL_SEE}`),
  optimized_rows: z.int().nullable().describe(`rows of the rewrite on the visible data ${NULL_SEE}`),
  original_error: z.string().nullable(),
  optimized_error: z.string().nullable(),
  optimized_error_code: z.string().nullable().describe("stable code of the rewrite's error (SQL_REJECTED, SQL_ERROR, TIMEOUT, …)"),
  timed_out: z.boolean(),
  // Defaults keep replays recorded before these fields were added readable.
  noop: z.boolean().default(false).describe("the rewrite's physical plan is the original's: a rewrap or reformat, not a rewrite"),
  speed_voided: z
    .string()
    .nullable()
    .default(null)
    .describe('why no speed credit can be paid although results match (a run of the rewrite returned another result, …)'),
  verdict: z.string(),
  explain_plan: z.string().describe("DuckDB's text plan of the rewrite (seed-compatible field)"),
  plans: z.object({ original: Plan.nullable(), optimized: Plan.nullable() }),
  preview: z.object({ original: Preview.nullable(), optimized: Preview.nullable() }),
  diff: RowDiff.nullable(),
  why_null: whyNull(EXECUTION_FIGURES),
});
export type ExecutionResult = z.infer<typeof ExecutionResult>;

/** The figures of one timing loop of two queries (kept per task variant for the reference). */
export const Timing = z.object({
  original_ms: z.number(),
  optimized_ms: z.number(),
  speedup: z.number(),
  speedup_ci: z.tuple([z.number(), z.number()]),
  pairs: z.int(),
});
export type Timing = z.infer<typeof Timing>;

/**
 * The data scale explorer's sizes, as multiples of the visible data (1 = users 10k, orders 500k, products 1k, events
 * 1M). The default spans 20× in rows, enough to see a rewrite win at one end and lose at the other, and stops at 2×:
 * generating it takes about 2 s and 190 MB of tables, and the heaviest task (5, windows over every event) peaked at
 * 1.2 GB of process memory with the other three instances, where 3× reached 1.5 GB (docs/scale.md). Up to 4× may be
 * asked for.
 */
export const SCALE_SIZES = { default: [0.1, 0.3, 1, 2], min: 0.001, max: 4, count: 6 } as const;

export const ScaleRequest = z.object({
  task_id: z.string(),
  optimized_query: z.string(),
  scales: z
    .array(z.number().min(SCALE_SIZES.min).max(SCALE_SIZES.max))
    .min(1)
    .max(SCALE_SIZES.count)
    .default([...SCALE_SIZES.default])
    .describe('data sizes as multiples of the visible data; measured smallest first'),
});

/** The figures of a ScalePoint that may be null, each then explained in its why_null. */
export const SCALE_FIGURES = ['original_ms', 'optimized_ms', 'speedup', 'speedup_ci', 'results_match', 'original_rows'] as const;

/** The original and a rewrite at one data size (the scale op): timings and whether the rows match, or why not. */
export const ScalePoint = z.object({
  scale: z.number().describe('the size, a multiple of the visible data'),
  rows: z.object({ users: z.int(), products: z.int(), orders: z.int(), events: z.int() }).describe('rows of each table at this size'),
  original_ms: ms.describe(`median time of the original at this size ${NULL_SEE}`),
  optimized_ms: ms.describe(`median time of the rewrite at this size ${NULL_SEE}`),
  speedup: ms.describe(`median of the per-pair ratios original/rewrite ${NULL_SEE}`),
  speedup_ci: z.tuple([z.number(), z.number()]).nullable().describe(`interval of the speedup (few pairs: wide) ${NULL_SEE}`),
  pairs: z.int().describe('timed pairs behind the speedup'),
  results_match: z.boolean().nullable().describe(`the rewrite returns the original's rows at this size ${NULL_SEE}`),
  original_rows: z
    .int()
    .nullable()
    .describe(`rows the original returns at this size (a task's constants, such as a customer id, may select none when small) ${NULL_SEE}`),
  error: z
    .string()
    .nullable()
    .describe('"<CODE>: message" of what failed at this size (a timeout, out of memory, …); null when nothing did'),
  verdict: z.string().describe('one line on this size, as execute words it'),
  why_null: whyNull(SCALE_FIGURES),
});
export type ScalePoint = z.infer<typeof ScalePoint>;

export const ScaleResult = z.object({
  task_id: z.string(),
  points: z.array(ScalePoint).describe('one per size, smallest first; a size that failed says why without failing the others'),
});
export type ScaleResult = z.infer<typeof ScaleResult>;

/** The six reward components (design §6), in the original environment's order. */
export const REWARD_COMPONENTS = [
  'execution_speedup',
  'result_correctness',
  'issue_detection',
  'approval_correctness',
  'summary_quality',
  'severity_labels',
] as const;
export type RewardComponent = (typeof REWARD_COMPONENTS)[number];
export const RewardBreakdown = z.object(
  Object.fromEntries(REWARD_COMPONENTS.map((k) => [k, z.number()])) as Record<RewardComponent, z.ZodNumber>,
);
export type RewardBreakdown = z.infer<typeof RewardBreakdown>;

export const Reward = z.object({
  score: z.number(),
  breakdown: RewardBreakdown,
  weights: RewardBreakdown.describe('weights actually applied (after the component mask)'),
  feedback: z.array(z.string()),
  // The default keeps replays and snapshots recorded before hints could be opened readable.
  hint_penalty: z
    .number()
    .default(0)
    .describe('taken from the score: the hint cost times the hints open when the step was taken (0 without hints)'),
  reference_speedup: z.number().nullable().describe(`the reference speedup the speed credit was normalised by ${NULL_SEE}`),
  // The default keeps replays and snapshots recorded before practice episodes existed readable (they were not practice).
  practice_score: z
    .number()
    .nullable()
    .default(null)
    .describe(`in a practice episode (reference_seen), the score the step would have paid; score is then 0 ${NULL_SEE}`),
  why_null: whyNull(['reference_speedup', 'practice_score']),
});
export type Reward = z.infer<typeof Reward>;

/** Ground-truth issue as shown at the end of an episode. */
export const GroundTruthIssue = z.object({
  type: z.string(),
  canonical: z.string(),
  line: z.int(),
  severity: Severity,
  description: z.string(),
  keywords: z.array(z.string()),
});
export type GroundTruthIssue = z.infer<typeof GroundTruthIssue>;

export const TableInfo = z.object({
  name: z.string(),
  rows: z.int(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
});
export type TableInfo = z.infer<typeof TableInfo>;

const REFERENCE_SEEN =
  "this task's solution was shown earlier in the session (the solution op, or the reveal when an episode ended), so " +
  'this episode is practice: its steps pay 0 (reward.practice_score says what they would have paid) and are not ' +
  'recorded on the leaderboard';

/** What the agent sees. */
export const Observation = z.object({
  task_id: z.string(),
  task_name: z.string(),
  task_description: z.string(),
  sql_query: z.string(),
  schema_info: z.string(),
  dialect: z.string(),
  difficulty: z.string(),
  step_count: z.int(),
  max_steps: z.int(),
  issues_found_so_far: z.array(z.string()),
  last_execution: ExecutionResult.nullable(),
  seed: z.int().nullable(),
  hints: z.array(z.string()).describe('the hints opened so far (the hint op), in order'),
  hints_used: z.int().describe('hints opened in this episode'),
  hints_total: z.int().describe('hints the task has (a ladder: a nudge, the problem, the fix in words)'),
  hint_cost: z.number().describe('taken from the score of every step taken after a hint is opened, per hint open'),
  goal: z.string().describe('what "solved" means and what a hint costs: the same text for every task'),
  reference_seen: z.boolean().describe(REFERENCE_SEEN),
});
export type Observation = z.infer<typeof Observation>;

export const StepInfo = z.object({
  step: z.int(),
  cumulative_reward: z.number(),
  best_score: z.number(),
  wall_ms: z.number(),
  timed_ms: z
    .number()
    .optional()
    .describe("of wall_ms, the time inside timed rounds (warm-ups and pairs; a first step's reference arm included)"),
  reference_query: z.string().optional().describe('revealed when the episode is over'),
  ground_truth: z.array(GroundTruthIssue).optional().describe('revealed when the episode is over'),
  explanation: z.string().optional().describe('revealed when the episode is over: why the reference is fast in DuckDB'),
});
export type StepInfo = z.infer<typeof StepInfo>;

// Gymnasium's definitions (gymnasium/core.py), which `done` keeps for clients of the original environment.
const TERMINATED = 'the episode reached a terminal state of the task: a step scored at least the done threshold (0.95)';
const TRUNCATED = 'the episode was cut off without reaching a terminal state: max_steps were spent, or the solution was shown (gave_up)';

/** One transition: `done` is always `terminated || truncated`. */
export const StepResult = z.object({
  observation: Observation,
  reward: Reward,
  done: z.boolean().describe('terminated || truncated: no further step is accepted'),
  terminated: z.boolean().describe(TERMINATED),
  truncated: z.boolean().describe(TRUNCATED),
  info: StepInfo,
});
export type StepResult = z.infer<typeof StepResult>;

/** One recorded step of an episode (kept for the replay scrubber and restore). */
export const HistoryEntry = z.object({
  step: z.int(),
  action: Action,
  execution: ExecutionResult.describe("the step's last_execution"),
  reward: Reward,
  done: z.boolean(),
  terminated: z.boolean(),
  truncated: z.boolean(),
  // The default keeps replays and snapshots recorded before hints could be opened readable.
  hints_used: z.int().default(0).describe('hints open when the step was taken'),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const TaskSummary = z.object({
  id: z.string(),
  name: z.string(),
  difficulty: z.string(),
  max_steps: z.int(),
  description: z.string(),
  goal: z.string().describe('what "solved" means and what a hint costs: the same text for every task'),
});
export type TaskSummary = z.infer<typeof TaskSummary>;

/**
 * Bounds of the per-run deadlines a session (CLI) or an episode (reset) may choose, so a busy machine can be given
 * room without one call holding the engine for an hour:
 * - at least 100 ms: below that an honest DESCRIBE or EXPLAIN is cancelled by a GC pause on a busy machine;
 * - at most 2 minutes a run: the data is fixed at scale 1, where the slowest honest run measured was 2.2 s with both
 *   cores busy, so a run past 2 minutes is a hang, not slowness. A step runs the rewrite about 16 times (a visible
 *   check, a warm-up, at least 6 timed pairs, 6 small edge datasets, a preview and a plan) and stops at its first
 *   cancelled run, so even a rewrite that takes nearly its whole deadline every time ends the step within about half an
 *   hour. The factor cannot stretch a run past the same 2 minutes (executor.ts);
 * - factor 1 to 100: below 1, a rewrite exactly as fast as the original would be cancelled; a rewrite 100 times slower
 *   than the original has long lost any speed credit, so waiting longer only holds the engine.
 */
export const DEADLINE_LIMITS = {
  run_ms: { min: 100, max: 120_000 },
  factor: { min: 1, max: 100 },
  original_ms: { min: 100, max: 120_000 },
  diff_ms: { min: 100, max: 120_000 },
} as const;

const within = (k: Exclude<keyof typeof DEADLINE_LIMITS, 'factor'>) => z.int().min(DEADLINE_LIMITS[k].min).max(DEADLINE_LIMITS[k].max);

/** The per-run deadlines of the executor (design §4), as the wire carries them. */
export const Deadlines = z.object({
  run_ms: within('run_ms').describe('least deadline of one run of the rewrite (ms); past it the run is cancelled: a timeout'),
  factor: z
    .number()
    .min(DEADLINE_LIMITS.factor.min)
    .max(DEADLINE_LIMITS.factor.max)
    .describe("a rewrite's run may also take this many times the original's warm-up run, when that is longer than run_ms"),
  original_ms: within('original_ms').describe("deadline of one run of the task's own query (ms): it only catches a hang"),
  diff_ms: within('diff_ms').describe('budget of the row diff shown on a mismatch (ms): feedback only, never a verdict'),
});
export type Deadlines = z.infer<typeof Deadlines>;

/** What an episode chooses at reset: any of the deadlines; the others stay the session's. A misspelt field is an error. */
export const DeadlinesChoice = z.strictObject(Deadlines.partial().shape);
export type DeadlinesChoice = z.infer<typeof DeadlinesChoice>;

/** The environment's state: the episode (if any) and its history. */
export const EnvState = z.object({
  task_id: z.string().nullable(),
  seed: z.int().nullable(),
  step_count: z.int(),
  max_steps: z.int(),
  episode_done: z.boolean().describe('terminated || truncated'),
  terminated: z.boolean().describe(TERMINATED),
  truncated: z.boolean().describe(TRUNCATED),
  cumulative_reward: z.number(),
  best_score: z.number(),
  current_task: TaskSummary.nullable(),
  history: z.array(HistoryEntry),
  hints_used: z.int().describe('hints opened in this episode'),
  gave_up: z.boolean().describe('the solution op ("Show solution") ended the episode, which is then truncated'),
  reference_seen: z.boolean().describe(REFERENCE_SEEN),
  deadlines: Deadlines.describe("the per-run deadlines in force: the episode's choice at reset, the session's for the rest"),
});
export type EnvState = z.infer<typeof EnvState>;

/** The hint op's answer: every hint opened so far and what they cost. */
export const HintResult = z.object({
  hints: z.array(z.string()).describe('every hint opened so far, in order'),
  hints_used: z.int(),
  hints_total: z.int(),
  hint_cost: z.number().describe('taken from the score of every later step, per hint open'),
});
export type HintResult = z.infer<typeof HintResult>;

/** The solution op's answer ("Show solution"): the reference, the ground truth, why the fix works, both plans. */
export const Solution = z.object({
  reference_query: z.string().describe('the known rewrite (a task that needs none: the original itself)'),
  ground_truth: z.array(GroundTruthIssue),
  explanation: z.string().describe('why the reference is fast in DuckDB (or why the original already is)'),
  plans: z
    .object({ original: Plan.nullable(), reference: Plan.nullable() })
    .describe('EXPLAIN ANALYZE of the original and the reference on the visible data; null: that run failed'),
});
export type Solution = z.infer<typeof Solution>;

export const LeaderboardRow = z.object({
  task_id: z.string(),
  best_score: z.number(),
  best_correct_speedup: z
    .number()
    .nullable()
    .describe(`lower bound of the best credible step's speedup interval (correct everywhere, enough pairs, not voided) ${NULL_SEE}`),
  attempts: z.int(),
  correct_attempts: z.int(),
  success_rate: z.number(),
  best: z
    .object({
      optimized_query: z.string(),
      seed: z.int().nullable(),
      step: z.int(),
      score: z.number(),
      speedup: z.number(),
      speedup_ci: z.tuple([z.number(), z.number()]),
    })
    .nullable()
    .default(null)
    .describe('the step behind best_correct_speedup, enough to re-run it (the verify op)'),
  why_null: whyNull(['best_correct_speedup']),
});
export type LeaderboardRow = z.infer<typeof LeaderboardRow>;

export const ErrorValue = z.object({
  code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
  message: z.string().describe('"<CODE>: " and a sentence a person understands'),
});
export type ErrorValue = z.infer<typeof ErrorValue>;
export type { ErrorCode };

/** Every API answer: errors are values (design §5). */
export type Response<T> = { ok: true; result: T } | { ok: false; error: ErrorValue };
