// JSON shapes of the environment (design §5): seed-compatible snake_case fields, plus our extras.

/** Severity labels accepted in suggestions and ground truth. */
export type Severity = 'low' | 'medium' | 'high' | 'critical';

/** One issue an agent claims to have found. */
export interface Suggestion {
  issue_type: string;
  line: number;
  description: string;
  severity: Severity;
  fix: string;
}

/** What an agent submits at each step. */
export interface Action {
  suggestions: Suggestion[];
  optimized_query: string;
  summary: string;
  estimated_improvement: string;
  approved: boolean;
}

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

/** A query plan: DuckDB's text rendering and the operator tree. */
export interface Plan {
  text: string;
  tree: PlanNode | null;
  total_s: number;
}

/** Rows only on one side of a mismatch, rendered as text cells. */
export interface RowDiff {
  columns_match: boolean;
  original_columns: string[];
  optimized_columns: string[];
  only_in_original: string[][];
  only_in_optimized: string[][];
  /** which dataset the diff was taken from */
  dataset: 'main' | 'holdout';
}

/** First rows of a result, rendered as text cells. */
export interface Preview {
  columns: string[];
  rows: (string | null)[][];
}

/** What the database actually did with the original and the rewrite (design §4). */
export interface ExecutionResult {
  original_ms: number | null;
  optimized_ms: number | null;
  speedup: number | null;
  /** confidence interval of the speedup (about 95%, order statistics of the per-pair ratios) */
  speedup_ci: [number, number] | null;
  /** timed pairs behind the speedup */
  pairs: number;
  /** results identical on the main dataset (null when it could not be decided) */
  results_match: boolean | null;
  /** results identical on the hidden holdout dataset */
  holdout_match: boolean | null;
  order_sensitive: boolean;
  original_rows: number | null;
  optimized_rows: number | null;
  original_error: string | null;
  optimized_error: string | null;
  /** stable code of the rewrite's error (SQL_REJECTED, SQL_ERROR, TIMEOUT, …) */
  optimized_error_code: string | null;
  timed_out: boolean;
  verdict: string;
  /** DuckDB's text plan of the rewrite (seed-compatible field) */
  explain_plan: string;
  plans: { original: Plan | null; optimized: Plan | null };
  preview: { original: Preview | null; optimized: Preview | null };
  diff: RowDiff | null;
}

/** The six reward components (design §6). */
export interface RewardBreakdown {
  execution_speedup: number;
  result_correctness: number;
  issue_detection: number;
  approval_correctness: number;
  summary_quality: number;
  severity_labels: number;
}

export type RewardComponent = keyof RewardBreakdown;

export interface Reward {
  score: number;
  breakdown: RewardBreakdown;
  /** weights actually applied (after the component mask) */
  weights: RewardBreakdown;
  feedback: string[];
  /** the reference speedup the speed credit was normalised by */
  reference_speedup: number | null;
}

/** Ground-truth issue as shown at the end of an episode. */
export interface GroundTruthIssue {
  type: string;
  canonical: string;
  line: number;
  severity: Severity;
  description: string;
  keywords: string[];
}

export interface TableInfo {
  name: string;
  rows: number;
  columns: { name: string; type: string }[];
}

/** What the agent sees. */
export interface Observation {
  task_id: string;
  task_name: string;
  task_description: string;
  sql_query: string;
  schema_info: string;
  dialect: string;
  difficulty: string;
  step_count: number;
  max_steps: number;
  issues_found_so_far: string[];
  last_execution: ExecutionResult | null;
  seed: number | null;
  hints: string[];
}

export interface StepInfo {
  step: number;
  cumulative_reward: number;
  best_score: number;
  wall_ms: number;
  /** revealed when the episode is over */
  reference_query?: string;
  ground_truth?: GroundTruthIssue[];
}

export interface StepResult {
  observation: Observation;
  reward: Reward;
  done: boolean;
  terminated: boolean;
  truncated: boolean;
  info: StepInfo;
}

/** One recorded step of an episode (kept for the replay scrubber and restore). */
export interface HistoryEntry {
  step: number;
  action: Action;
  execution: ExecutionResult;
  reward: Reward;
  done: boolean;
}

export interface EnvState {
  task_id: string | null;
  seed: number | null;
  step_count: number;
  max_steps: number;
  episode_done: boolean;
  cumulative_reward: number;
  best_score: number;
  current_task: TaskSummary | null;
  history: HistoryEntry[];
}

export interface TaskSummary {
  id: string;
  name: string;
  difficulty: string;
  max_steps: number;
  description: string;
  tags: string[];
  decoy: boolean;
}

export interface LeaderboardRow {
  task_id: string;
  best_score: number;
  best_correct_speedup: number | null;
  attempts: number;
  correct_attempts: number;
  success_rate: number;
}

export interface ErrorValue {
  code: ErrorCode;
  message: string;
}

/** Every API answer: errors are values (design §5). */
export type Response<T> = { ok: true; result: T } | { ok: false; error: ErrorValue };

export type ErrorCode =
  | 'RESET_NEEDED'
  | 'EPISODE_DONE'
  | 'UNKNOWN_TASK'
  | 'INVALID_ACTION'
  | 'INVALID_REQUEST'
  | 'SQL_REJECTED'
  | 'SQL_ERROR'
  | 'TIMEOUT'
  | 'OUT_OF_MEMORY'
  | 'ENGINE_FATAL'
  | 'ENGINE_RESTARTED'
  | 'INTERNAL';

/** The API both the stdio server and `window.sqlOptimEnv` expose. */
export interface EnvApi {
  tasks(): Response<TaskSummary[]>;
  reset(req: { task_id: string; seed?: number | null }): Response<Observation>;
  step(action: Action): Response<StepResult>;
  state(): Response<EnvState>;
  grade(action: Action): Response<StepResult>;
  execute(req: { task_id: string; optimized_query: string }): Response<ExecutionResult>;
  leaderboard(): Response<LeaderboardRow[]>;
}
