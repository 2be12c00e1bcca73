// The original environment's REST shapes, converted from ours (pure functions). Source of truth for its shapes: the
// public repository OfficialAbhinavSingh/SQL-Query-Optimization-Environment, files server/app.py (routes, errors as
// {"detail"}, reset/execute defaulting to task 1, tasks and leaderboard envelopes), env.py (step info, state without
// an episode), models.py (Observation, Action, Reward, ExecutionResult, StepResult, EnvironmentState), tasks.py
// (get_task_list: action_schema) and leaderboard.py (get_board); /work/shared/original-env.md lists where ours differ.
import {
  SEVERITIES,
  type EnvState,
  type ExecutionResult,
  type LeaderboardRow,
  type Observation,
  type Reward,
  type StepResult,
  type TaskSummary,
} from '../env/types.ts';

export const DEFAULT_TASK = 'task_1_basic_antipatterns';
const DIALECT = 'duckdb/postgresql';
/** Its placeholders where a figure is missing (executor.py reports 99999.0 ms and a speedup of about 0.001 on error). */
const NO_MS = 99999.0;
const NO_SPEEDUP = 0.001;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Its ExecutionResult: numbers always numbers, the verdict tagged [OK] / [WARN] / [FAIL]; our extra fields stay. */
export function execution(x: ExecutionResult): Record<string, unknown> {
  const tag = x.results_match !== true ? '[FAIL]' : (x.speedup ?? 0) > 1 ? '[OK]' : '[WARN]';
  return {
    ...x,
    original_ms: x.original_ms ?? NO_MS,
    optimized_ms: x.optimized_ms ?? NO_MS,
    speedup: x.speedup ?? NO_SPEEDUP,
    results_match: x.results_match === true,
    original_rows: x.original_rows ?? 0,
    optimized_rows: x.optimized_rows ?? 0,
    verdict: `${tag} ${x.verdict}`,
  };
}

export function observation(o: Observation): Record<string, unknown> {
  return { ...o, dialect: DIALECT, last_execution: o.last_execution && execution(o.last_execution) };
}

/** Its Reward: the breakdown as weighted contributions that sum to the score, the feedback as one string. */
export function reward(r: Reward): Record<string, unknown> {
  const breakdown = Object.fromEntries(
    Object.entries(r.breakdown).map(([k, v]) => [k, round4(v * r.weights[k as keyof typeof r.weights])]),
  );
  return { score: r.score, breakdown, feedback: r.feedback.join('\n') };
}

/** Its StepResult: info {step, cumulative_reward (4 dp), issues_found (a count), execution}, plus ours (queue_ms…). */
export function stepResult(s: StepResult, extra: Record<string, unknown>): Record<string, unknown> {
  const last = s.observation.last_execution;
  return {
    observation: observation(s.observation),
    reward: reward(s.reward),
    done: s.done,
    terminated: s.terminated,
    truncated: s.truncated,
    info: {
      ...s.info,
      cumulative_reward: round4(s.info.cumulative_reward),
      issues_found: s.observation.issues_found_so_far.length,
      execution: last && execution(last),
      ...extra,
    },
  };
}

/** Its EnvironmentState; without an episode: task_id "none", episode_done true, current_task "No active episode". */
export function state(s: EnvState): Record<string, unknown> {
  if (s.task_id === null)
    return { task_id: 'none', step_count: 0, max_steps: 0, episode_done: true, cumulative_reward: 0.0, current_task: 'No active episode' };
  return {
    task_id: s.task_id,
    step_count: s.step_count,
    max_steps: s.max_steps,
    episode_done: s.episode_done,
    cumulative_reward: round4(s.cumulative_reward),
    current_task: s.current_task?.name ?? s.task_id,
  };
}

const ACTION_SCHEMA = {
  suggestions: 'List of {issue_type, line, description, severity, fix}',
  optimized_query: 'str — complete rewritten SQL (will be EXECUTED for real timing)',
  summary: 'str — overall performance analysis',
  estimated_improvement: "str — expected speedup (e.g. '10x faster')",
  approved: 'bool — True if already optimal',
};

export function tasks(list: TaskSummary[]): Record<string, unknown> {
  return {
    tasks: list.map((t) => ({
      task_id: t.id,
      task_name: t.name,
      difficulty: t.difficulty,
      max_steps: t.max_steps,
      description: t.description,
      action_schema: ACTION_SCHEMA,
    })),
  };
}

/** Its leaderboard: tasks with at least one attempt, keyed by task id; best_speedup 0.0 without a correct one. */
export function leaderboard(rows: LeaderboardRow[]): Record<string, unknown> {
  const board = Object.fromEntries(
    rows
      .filter((r) => r.attempts > 0)
      .map((r) => [
        r.task_id,
        {
          best_score: r.best_score,
          best_speedup: r.best_correct_speedup ?? 0.0,
          total_attempts: r.attempts,
          correct_attempts: r.correct_attempts,
          success_rate: Math.round(r.success_rate * 1000) / 1000,
          best_attempt_at: null, // no timestamps are kept: a replayable environment records steps, not clocks
        },
      ]),
  );
  return {
    leaderboard: board,
    description:
      'Scores are based on real DuckDB execution, judged on hidden data: speedup (35%) + result correctness (20%) + ' +
      'issue detection (25%) + approval (8%) + summary (7%) + severity labels (5%)',
  };
}

/** The severity named first in a free text ("critical | high" → critical), if any. */
function firstSeverity(text: string): string | undefined {
  const lower = text.toLowerCase();
  const found = SEVERITIES.map((v) => [v, lower.indexOf(v)] as const).filter(([, i]) => i >= 0);
  return found.sort((a, b) => a[1] - b[1])[0]?.[0];
}

const ACTION_FIELDS = ['suggestions', 'optimized_query', 'summary', 'estimated_improvement', 'approved'] as const;

/** FastAPI's 422 detail for missing fields of its Action (all five are required there). */
export function missingActionFields(body: unknown): { type: string; loc: string[]; msg: string; input: unknown }[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return [{ type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object', input: body }];
  return ACTION_FIELDS.filter((k) => !(k in body)).map((k) => ({ type: 'missing', loc: ['body', k], msg: 'Field required', input: body }));
}

/** Its Action accepts any suggestion values ("line": "4", "severity": "critical | high"); ours is strict, so its
 *  sloppy values are read the way a person would: a numeric string as a number, the first severity named. */
export function leniencyAction(body: Record<string, unknown>): Record<string, unknown> {
  const suggestions = Array.isArray(body.suggestions) ? body.suggestions : [];
  return {
    ...body,
    suggestions: suggestions
      .filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null)
      .map((s) => {
        const line = typeof s.line === 'string' && /^\s*\d+\s*$/.test(s.line) ? Number(s.line) : s.line;
        const named = typeof s.severity === 'string' ? firstSeverity(s.severity) : undefined;
        const { severity: _sev, line: _line, ...rest } = s;
        return { ...rest, ...(line === undefined ? {} : { line }), ...(named ? { severity: named } : {}) };
      }),
  };
}
