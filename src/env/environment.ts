// The Gym-style environment: reset / step / state / grade / execute / tasks / leaderboard, all answering {ok, result | error}.
import { parseAction, parseReset } from './actions.ts';
import type { Engine } from './engine.ts';
import { EnvError, attempt } from './errors.ts';
import { type Executor, type Timing } from './executor.ts';
import { type ComponentMask, grade as gradeAction } from './grader.ts';
import { type TaskDef, type TaskInstance, instantiate, summarize } from './tasks.ts';
import { TABLES } from './dataset.ts';
import type {
  Action,
  EnvApi,
  EnvState,
  ExecutionResult,
  HistoryEntry,
  LeaderboardRow,
  Observation,
  Preview,
  Response,
  StepResult,
  TableInfo,
  TaskSummary,
} from './types.ts';

/** Facts about the running environment (shown on the page, written into replays). */
export interface EnvInfo {
  engine_version: string;
  seed: number;
  scale: number;
  generation_ms: number;
  tables: TableInfo[];
  schema_info: string;
}

export interface EnvOptions {
  /** an episode ends (terminated) once a step scores at least this */
  doneThreshold: number;
  mask: ComponentMask;
}

export const DEFAULT_ENV_OPTIONS: EnvOptions = { doneThreshold: 0.95, mask: {} };

interface Episode {
  task: TaskInstance;
  step_count: number;
  history: HistoryEntry[];
  issues_found: string[];
  cumulative_reward: number;
  best_score: number;
  done: boolean;
}

/** Everything a restarted worker needs to carry on where the user was (JSON). */
export interface EnvSnapshot {
  version: 1;
  episode: {
    task_id: string;
    seed: number | null;
    step_count: number;
    history: HistoryEntry[];
    issues_found: string[];
    cumulative_reward: number;
    best_score: number;
    done: boolean;
  } | null;
  leaderboard: LeaderboardRow[];
  reference_timings: [string, Timing][];
}

export class Environment implements EnvApi {
  private episode: Episode | null = null;
  private readonly board = new Map<string, LeaderboardRow>();
  private readonly referenceTimings = new Map<string, Timing>();

  constructor(
    private readonly engine: Engine,
    private readonly executor: Executor,
    private readonly taskDefs: Map<string, TaskDef>,
    private readonly envInfo: EnvInfo,
    private readonly options: EnvOptions = DEFAULT_ENV_OPTIONS,
  ) {}

  tasks(): Response<TaskSummary[]> {
    return attempt(() => [...this.taskDefs.values()].map(summarize));
  }

  reset(req: { task_id: string; seed?: number | null }): Response<Observation> {
    return attempt(() => {
      const { task_id, seed } = parseReset(req);
      const task = instantiate(this.taskDef(task_id), seed);
      this.episode = { task, step_count: 0, history: [], issues_found: [], cumulative_reward: 0, best_score: 0, done: false };
      return this.observe(null);
    });
  }

  step(action: Action): Response<StepResult> {
    return attempt(() => {
      const ep = this.current();
      if (ep.done)
        throw new EnvError(
          'EPISODE_DONE',
          `the episode on ${ep.task.id} is over after ${ep.step_count} steps; call reset() to start another`,
        );
      const t0 = performance.now();
      const { parsed, execution, reward } = this.evaluate(ep, action);
      ep.step_count++;
      ep.cumulative_reward += reward.score;
      ep.best_score = Math.max(ep.best_score, reward.score);
      for (const s of parsed.suggestions) if (!ep.issues_found.includes(s.issue_type)) ep.issues_found.push(s.issue_type);
      const terminated = reward.score >= this.options.doneThreshold;
      const truncated = !terminated && ep.step_count >= ep.task.max_steps;
      ep.done = terminated || truncated;
      ep.history.push({ step: ep.step_count, action: parsed, execution, reward, done: ep.done });
      this.record(ep.task.id, reward.score, execution);
      return {
        observation: this.observe(execution),
        reward,
        done: ep.done,
        terminated,
        truncated,
        info: {
          step: ep.step_count,
          cumulative_reward: ep.cumulative_reward,
          best_score: ep.best_score,
          wall_ms: performance.now() - t0,
          ...(ep.done ? { reference_query: ep.task.reference, ground_truth: ep.task.issues } : {}),
        },
      };
    });
  }

  /** Grades an action against the current task without advancing the episode or the leaderboard. */
  grade(action: Action): Response<StepResult> {
    return attempt(() => {
      const ep = this.current();
      const t0 = performance.now();
      const { execution, reward } = this.evaluate(ep, action);
      return {
        observation: this.observe(execution),
        reward,
        done: ep.done,
        terminated: false,
        truncated: false,
        info: { step: ep.step_count, cumulative_reward: ep.cumulative_reward, best_score: ep.best_score, wall_ms: performance.now() - t0 },
      };
    });
  }

  /** Runs a rewrite against a task's original: timings, correctness, plans; no reward, no step. */
  execute(req: { task_id: string; optimized_query: string }): Response<ExecutionResult> {
    return attempt(() => {
      if (typeof req !== 'object' || req === null)
        throw new EnvError('INVALID_REQUEST', 'execute needs {"task_id": …, "optimized_query": …}');
      if (typeof req.optimized_query !== 'string')
        throw new EnvError('INVALID_REQUEST', `optimized_query must be a string (got ${JSON.stringify(req.optimized_query) ?? 'nothing'})`);
      const def = this.taskDef(req.task_id);
      const seed = this.episode?.task.id === def.id ? this.episode.task.seed : null;
      const task = instantiate(def, seed);
      return this.executor.compare(task.original, req.optimized_query, { orderSensitive: task.order_sensitive });
    });
  }

  state(): Response<EnvState> {
    return attempt(() => {
      const ep = this.episode;
      return {
        task_id: ep?.task.id ?? null,
        seed: ep?.task.seed ?? null,
        step_count: ep?.step_count ?? 0,
        max_steps: ep?.task.max_steps ?? 0,
        episode_done: ep?.done ?? false,
        cumulative_reward: ep?.cumulative_reward ?? 0,
        best_score: ep?.best_score ?? 0,
        current_task: ep ? summarize(ep.task) : null,
        history: ep?.history ?? [],
      };
    });
  }

  leaderboard(): Response<LeaderboardRow[]> {
    return attempt(() => [...this.board.values()].sort((a, b) => a.task_id.localeCompare(b.task_id, 'en', { numeric: true })));
  }

  info(): EnvInfo {
    return this.envInfo;
  }

  /** A few rows of a visible table as text, for the schema browser. */
  sample(table: string, n = 5): Response<Preview> {
    return attempt(() => {
      if (!(TABLES as readonly string[]).includes(table))
        throw new EnvError('INVALID_REQUEST', `unknown table "${table}"; tables are ${TABLES.join(', ')}`);
      const rows = this.engine.rows(`SELECT COLUMNS(*)::VARCHAR FROM main.${table} ORDER BY id LIMIT ${Math.min(50, Math.max(1, n | 0))}`);
      const columns = this.envInfo.tables.find((t) => t.name === table)!.columns.map((c) => c.name);
      return { columns, rows: rows.map((r) => Object.values(r).map((v) => (v === null ? null : String(v)))) };
    });
  }

  snapshot(): EnvSnapshot {
    const ep = this.episode;
    return {
      version: 1,
      episode: ep && {
        task_id: ep.task.id,
        seed: ep.task.seed,
        step_count: ep.step_count,
        history: ep.history,
        issues_found: ep.issues_found,
        cumulative_reward: ep.cumulative_reward,
        best_score: ep.best_score,
        done: ep.done,
      },
      leaderboard: [...this.board.values()],
      reference_timings: [...this.referenceTimings],
    };
  }

  restore(s: EnvSnapshot): void {
    if (s?.version !== 1) throw new EnvError('INVALID_REQUEST', 'unknown snapshot version');
    this.board.clear();
    for (const row of s.leaderboard) this.board.set(row.task_id, { ...row });
    for (const [k, t] of s.reference_timings) this.referenceTimings.set(k, t);
    const e = s.episode;
    this.episode = e && {
      ...e,
      history: [...e.history],
      issues_found: [...e.issues_found],
      task: instantiate(this.taskDef(e.task_id), e.seed),
    };
  }

  private evaluate(ep: Episode, action: Action) {
    const parsed = parseAction(action);
    const execution = this.executor.compare(ep.task.original, parsed.optimized_query, { orderSensitive: ep.task.order_sensitive });
    const reference = this.referenceTiming(ep.task);
    const reward = gradeAction({ task: ep.task, action: parsed, execution, referenceSpeedup: reference.speedup, mask: this.options.mask });
    return { parsed, execution, reward };
  }

  /** The reference's speedup on this machine, measured once per task variant with the same method (design §6). */
  referenceTiming(task: TaskInstance): Timing {
    const key = `${task.id}:${task.seed}`;
    let t = this.referenceTimings.get(key);
    if (!t) {
      t = this.executor.time(this.executor.facts(task.original), this.executor.facts(task.reference));
      this.referenceTimings.set(key, t);
    }
    return t;
  }

  private record(taskId: string, score: number, ex: ExecutionResult): void {
    const row = this.board.get(taskId) ?? {
      task_id: taskId,
      best_score: 0,
      best_correct_speedup: null,
      attempts: 0,
      correct_attempts: 0,
      success_rate: 0,
    };
    const correct = ex.results_match === true && ex.holdout_match === true;
    row.attempts++;
    if (correct) {
      row.correct_attempts++;
      if (ex.speedup !== null) row.best_correct_speedup = Math.max(row.best_correct_speedup ?? 0, ex.speedup);
    }
    row.best_score = Math.max(row.best_score, score);
    row.success_rate = row.correct_attempts / row.attempts;
    this.board.set(taskId, row);
  }

  private current(): Episode {
    if (!this.episode) throw new EnvError('RESET_NEEDED', 'no episode yet: call reset({"task_id": …}) before step() or grade()');
    return this.episode;
  }

  private taskDef(id: string): TaskDef {
    const t = this.taskDefs.get(id);
    if (!t) throw new EnvError('UNKNOWN_TASK', `no task "${id}"; known tasks: ${[...this.taskDefs.keys()].join(', ')}`);
    return t;
  }

  private observe(last: ExecutionResult | null): Observation {
    const ep = this.current();
    const t = ep.task;
    return {
      task_id: t.id,
      task_name: t.name,
      task_description: t.description,
      sql_query: t.original,
      schema_info: this.envInfo.schema_info,
      dialect: 'duckdb',
      difficulty: t.difficulty,
      step_count: ep.step_count,
      max_steps: t.max_steps,
      issues_found_so_far: [...ep.issues_found],
      last_execution: last,
      seed: t.seed,
      hints: t.hints.slice(0, Math.min(t.hints.length, ep.step_count)),
    };
  }
}
