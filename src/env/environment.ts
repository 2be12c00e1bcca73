// The Gym-style environment: every op of the registry (src/env/ops.ts) as a method answering {ok, result | error}.
import type { Engine } from './engine.ts';
import {
  DONE_THRESHOLD,
  type Episode,
  afterStep,
  deadlinesOf,
  hintsOf,
  isOver,
  newEpisode,
  observe,
  openHint,
  overError,
  stateOf,
} from './episode.ts';
import { EnvError, attempt, fail } from './errors.ts';
import { type Executor, type RunDeadlines, runDeadlines, wireDeadlines } from './executor.ts';
import { goalText } from './goal.ts';
import { asPractice, grade as gradeAction, referenceKnown, referenceWeight, speedCreditKnown } from './grader.ts';
import { type ComponentMask, DEFAULT_REWARD, type RewardConfig, appliedWeights, parseRewardSpec } from './reward-config.ts';
import { schemaDoc } from './json-schema.ts';
import { type EnvApi, type OpRequest, type OpResult, OP_NAMES, isOp, parseRequest, unknownOp } from './ops.ts';
import { NO_PROGRESS, type OnProgress } from './progress.ts';
import { referenceSettled } from './timing.ts';
import type { Steps } from './steps.ts';
import { type EnvSnapshot, SNAPSHOT_VERSION } from './snapshot.ts';
import { type TaskDef, type TaskInstance, instantiate, summarize } from './tasks.ts';
import { TABLES } from './dataset.ts';
import type { Scratch } from './scale.ts';
import { Leaderboard } from './leaderboard.ts';
import { REWARD_COMPONENTS, type RewardBreakdown } from './types.ts';
import type {
  Action,
  EnvState,
  ExecutionResult,
  HintResult,
  LeaderboardRow,
  Observation,
  Response,
  Solution,
  StepResult,
  TableInfo,
  Timing,
} from './types.ts';

/** Facts about the engine and the visible data (shown on the page, written into replays). */
/** Where the visible tables came from: generated, or attached from the page's kept copy (visible-copy.ts). */
export type VisibleSource = 'generated' | 'copy' | `generated (copy refused: ${string})`;

export interface VisibleInfo {
  engine_version: string;
  seed: number;
  scale: number;
  /** the visible data: generated, or attached and verified */
  generation_ms: number;
  visible_source: VisibleSource;
  tables: TableInfo[];
  schema_info: string;
}

/** The same once the judged data exists too: Node builds it before answering; the page learns it later (its status). */
export interface EnvInfo extends VisibleInfo {
  /** the judged data (same sizes, hidden seed) */
  judged_generation_ms: number;
}

export interface EnvOptions {
  /** an episode ends (terminated) once a step scores at least this */
  doneThreshold: number;
  mask: ComponentMask;
  /** the weights and mask of every episode that does not choose its own at reset (`--reward` on the CLI) */
  reward: RewardConfig;
  /** show the reference rewrite and the ground-truth issues when an episode ends: on for people, off for training */
  revealAtEnd: boolean;
}

/** Why a grade's reward has no reference speedup. */
const GRADE_NO_REFERENCE = 'grade pays no speed credit, so no reference is measured for it (a spent step measures one)';

/** Why a grade's reward has no practice score: grade pays nothing in any episode. */
const GRADE_NO_PRACTICE = 'grade pays nothing in any episode, so there is no score it would have paid';

const GRADE_FEEDBACK =
  'grade checks the rewrite on the visible data only (observation.last_execution) and pays nothing: the hidden data, ' +
  'the issues, the approval and the summary are judged when a step is spent.';

export const DEFAULT_ENV_OPTIONS: EnvOptions = { doneThreshold: DONE_THRESHOLD, mask: {}, reward: DEFAULT_REWARD, revealAtEnd: false };

/** `Info` is what `info()` tells: everything (Node), or the visible facts while the hidden data is still generated (the page). */
export class Environment<Info extends VisibleInfo = EnvInfo> implements EnvApi {
  private episode: Episode | null = null;
  private readonly board = new Leaderboard();
  private readonly referenceTimings = new Map<string, Timing>();
  /**
   * Tasks whose reference this session has revealed (the solution op, or the reveal when an episode ended). Variants
   * of a task differ only in parameter values, so a later episode of any seed is practice: it pays nothing, or the
   * shown reference could be submitted for full reward and a leaderboard entry.
   */
  private readonly referencesSeen = new Set<string>();

  constructor(
    private readonly engine: Engine,
    private readonly executor: Executor,
    private readonly taskDefs: Map<string, TaskDef>,
    private readonly envInfo: Info,
    private readonly options: EnvOptions = DEFAULT_ENV_OPTIONS,
    /** where the scale op generates its sizes (opened on first use); null: the op is refused */
    readonly scratch: Scratch | null = null,
  ) {}

  /**
   * Any op of the registry by name, its argument untrusted JSON: the one entry every transport goes through. The ops
   * that run queries for long (step, grade, execute, verify) tell `onProgress` what they are doing; the others ignore it.
   */
  call(op: string, arg: unknown, onProgress: OnProgress = NO_PROGRESS): Response<unknown> {
    if (!isOp(op)) return fail('INVALID_REQUEST', unknownOp(op, OP_NAMES));
    return (this[op] as (a: unknown, p: OnProgress) => Response<unknown>)(arg, onProgress);
  }

  tasks(): Response<OpResult<'tasks'>> {
    // The goal under the session's reward (`--reward`): what an episode started without its own weights is paid by.
    const goal = goalText(appliedWeights(this.options.reward, this.options.mask));
    return attempt(() => [...this.taskDefs.values()].map((t) => ({ ...summarize(t), goal })));
  }

  reset(req: OpRequest<'reset'>): Response<Observation> {
    return attempt(() => {
      const { task_id, seed, reward, deadlines } = parseRequest('reset', req);
      const task = instantiate(this.taskDef(task_id), seed);
      const config = reward === null ? this.options.reward : parseRewardSpec(reward);
      this.episode = newEpisode(task, config, reward, deadlines, this.referencesSeen.has(task.id));
      return this.observe(null);
    });
  }

  step(req: OpRequest<'step'>, onProgress: OnProgress = NO_PROGRESS): Response<StepResult> {
    return attempt(() => {
      const ep = this.current();
      if (isOver(ep)) throw overError(ep);
      const action = parseRequest('step', req);
      const t0 = performance.now();
      const evaluated = this.evaluate(ep, action, onProgress);
      const { execution, timed_ms } = evaluated;
      const reward = ep.reference_seen ? asPractice(evaluated.reward) : evaluated.reward;
      const next = afterStep(ep, action, execution, reward, this.options.doneThreshold);
      this.episode = next;
      const end = { done: next.terminated || next.truncated, terminated: next.terminated, truncated: next.truncated };
      if (!ep.reference_seen)
        this.board.record({
          task_id: next.task.id,
          seed: next.task.seed,
          step: next.step_count,
          optimized_query: action.optimized_query,
          score: reward.score,
          execution,
        });
      const reveal = end.done && this.options.revealAtEnd;
      if (reveal) this.referencesSeen.add(next.task.id);
      return {
        observation: this.observe(execution),
        reward,
        ...end,
        info: {
          step: next.step_count,
          cumulative_reward: next.cumulative_reward,
          best_score: next.best_score,
          wall_ms: performance.now() - t0,
          timed_ms,
          ...(reveal ? { reference_query: next.task.reference, ground_truth: next.task.issues, explanation: next.task.explanation } : {}),
        },
      };
    });
  }

  /**
   * Checks an action's rewrite on the visible data without spending a step. It pays and reveals nothing a step would
   * judge (the hidden data, the issues, the approval, the summary): the reward is zero, and says so.
   */
  grade(req: OpRequest<'grade'>, onProgress: OnProgress = NO_PROGRESS): Response<StepResult> {
    return attempt(() => {
      const ep = this.current();
      const action = parseRequest('grade', req);
      const t0 = performance.now();
      const execution = this.executor.compare(ep.task.original, action.optimized_query, {
        orderSensitive: ep.task.order_sensitive,
        judge: false,
        deadlines: this.deadlines(),
        onProgress,
      });
      const zero = Object.fromEntries(REWARD_COMPONENTS.map((k) => [k, 0])) as RewardBreakdown;
      return {
        observation: this.observe(execution),
        reward: {
          score: 0,
          breakdown: zero,
          weights: appliedWeights(ep.reward, this.options.mask),
          feedback: [GRADE_FEEDBACK],
          hint_penalty: 0,
          reference_speedup: null,
          practice_score: null,
          why_null: { reference_speedup: GRADE_NO_REFERENCE, practice_score: GRADE_NO_PRACTICE },
        },
        done: isOver(ep),
        terminated: ep.terminated,
        truncated: ep.truncated,
        info: { step: ep.step_count, cumulative_reward: ep.cumulative_reward, best_score: ep.best_score, wall_ms: performance.now() - t0 },
      };
    });
  }

  /** Opens the next hint; every step taken from now on pays its cost (grader.ts). Records nothing on the leaderboard. */
  hint(): Response<HintResult> {
    return attempt(() => {
      this.episode = openHint(this.current('hint()'));
      return hintsOf(this.episode);
    });
  }

  /**
   * "Show solution": ends the episode (given up, unless it had already ended) and reveals the reference, the ground
   * truth, why the fix works, and the plans of the original and the reference on the visible data. The first answer is
   * kept in the episode, so asking again (a reload, another worker) gives the same plans. Records nothing on the board.
   */
  solution(): Response<Solution> {
    return attempt(() => {
      const ep = this.current('solution()');
      const t = ep.task;
      this.referencesSeen.add(t.id);
      if (ep.solution) return ep.solution;
      // A task that needs no change is solved by its original; its reference file, if any, is not the answer.
      const reference = t.decoy ? t.original : t.reference;
      const deadlines = this.deadlines();
      const solution: Solution = {
        reference_query: reference,
        ground_truth: t.issues,
        explanation: t.explanation,
        plans: { original: this.executor.planOf(t.original, deadlines), reference: this.executor.planOf(reference, deadlines) },
      };
      // Giving up cuts the episode off before its goal: Gymnasium's truncation, so done = terminated || truncated holds.
      const givingUp = !isOver(ep);
      this.episode = { ...ep, gave_up: ep.gave_up || givingUp, truncated: ep.truncated || givingUp, solution };
      return solution;
    });
  }

  /** Runs a rewrite against a task's original: timings, correctness, plans; no reward, no step. */
  execute(req: OpRequest<'execute'>, onProgress: OnProgress = NO_PROGRESS): Response<ExecutionResult> {
    return attempt(() => {
      const { task_id, optimized_query } = parseRequest('execute', req);
      const def = this.taskDef(task_id);
      const seed = this.episode?.task.id === def.id ? this.episode.task.seed : null;
      const task = instantiate(def, seed);
      const deadlines = this.deadlines();
      return this.executor.compare(task.original, optimized_query, {
        orderSensitive: task.order_sensitive,
        judge: false,
        deadlines,
        onProgress,
      });
    });
  }

  /**
   * The data scale explorer: the rewrite against the task's original at several sizes of the visible data, generated
   * in the scratch instance (never the hidden data's). Feedback only: no reward, no step, nothing recorded. SQL the
   * sandbox refuses is refused before anything is generated, with execute's message.
   */
  scale(req: OpRequest<'scale'>): Response<OpResult<'scale'>> {
    return attempt(() => {
      const { task_id, optimized_query, scales } = parseRequest('scale', req);
      const def = this.taskDef(task_id);
      if (!this.scratch)
        throw new EnvError(
          'INVALID_REQUEST',
          'this environment was started without a scratch database, so it cannot measure other data sizes',
        );
      this.engine.gate(optimized_query);
      const seed = this.episode?.task.id === def.id ? this.episode.task.seed : null;
      const task = instantiate(def, seed);
      return { task_id, points: this.scratch.measure(task, optimized_query, scales, this.executor.options, this.deadlines()) };
    });
  }

  /** The task's reference judged as a step judges a rewrite (visible, judged and edge-case data): for `calibrate`. */
  judgeReference(task_id: string, seed: number | null): Response<ExecutionResult> {
    return attempt(() => {
      const task = instantiate(this.taskDef(task_id), seed);
      const deadlines = this.deadlines();
      return this.executor.compare(task.original, task.reference, { orderSensitive: task.order_sensitive, judge: true, deadlines });
    });
  }

  /** Re-runs a task's best leaderboard entry as a step judges it (on this run's judged data), changing nothing. */
  verify(req: OpRequest<'verify'>, onProgress: OnProgress = NO_PROGRESS): Response<OpResult<'verify'>> {
    return attempt(() => {
      const { task_id } = parseRequest('verify', req);
      const def = this.taskDef(task_id);
      const best = this.board.get(task_id)?.best ?? null;
      if (!best) return { task_id, best: null, rerun: null };
      const task = instantiate(def, best.seed);
      const deadlines = this.deadlines();
      return {
        task_id,
        best,
        rerun: this.executor.compare(task.original, best.optimized_query, {
          orderSensitive: task.order_sensitive,
          judge: true,
          deadlines,
          onProgress,
        }),
      };
    });
  }

  state(): Response<EnvState> {
    return attempt(() => stateOf(this.episode, this.sessionDeadlines()));
  }

  leaderboard(): Response<LeaderboardRow[]> {
    return attempt(() => this.board.list());
  }

  /** A few rows of a visible table as text, for the schema browser. */
  sample(req: OpRequest<'sample'>): Response<OpResult<'sample'>> {
    return attempt(() => {
      const { table, n } = parseRequest('sample', req);
      if (!(TABLES as readonly string[]).includes(table))
        throw new EnvError('INVALID_REQUEST', `unknown table "${table}"; tables are ${TABLES.join(', ')}`);
      const rows = this.engine.rows(`SELECT COLUMNS(*)::VARCHAR FROM main.${table} ORDER BY id LIMIT ${n}`);
      const columns = this.envInfo.tables.find((t) => t.name === table)!.columns.map((c) => c.name);
      return { columns, rows: rows.map((r) => Object.values(r).map((v) => (v === null ? null : String(v)))) };
    });
  }

  schema(): Response<OpResult<'schema'>> {
    return attempt(schemaDoc);
  }

  info(): Info {
    return this.envInfo;
  }

  snapshot(): EnvSnapshot {
    const ep = this.episode;
    return {
      version: SNAPSHOT_VERSION,
      episode: ep && {
        task_id: ep.task.id,
        seed: ep.task.seed,
        step_count: ep.step_count,
        history: ep.history,
        issues_found: ep.issues_found,
        cumulative_reward: ep.cumulative_reward,
        best_score: ep.best_score,
        terminated: ep.terminated,
        truncated: ep.truncated,
        reward: ep.rewardSpec,
        deadlines: ep.deadlines,
        hints_used: ep.hints_used,
        gave_up: ep.gave_up,
        solution: ep.solution,
        reference_seen: ep.reference_seen,
      },
      leaderboard: this.board.list(),
      reference_timings: [...this.referenceTimings],
      references_seen: [...this.referencesSeen],
    };
  }

  /** Puts back a snapshot; one that does not parse, or names an unknown task, changes nothing. */
  restore(req: OpRequest<'restore'>): Response<null> {
    return attempt(() => {
      const s = parseRequest('restore', req);
      const e = s.episode;
      const task = e && instantiate(this.taskDef(e.task_id), e.seed);
      this.board.replace(s.leaderboard);
      for (const [k, t] of s.reference_timings) this.referenceTimings.set(k, t);
      // The session's memory, as the snapshot has it (none in a snapshot saved before it was kept).
      this.referencesSeen.clear();
      for (const id of s.references_seen) this.referencesSeen.add(id);
      const rewardSpec = e?.reward ?? null;
      const reward = rewardSpec === null ? this.options.reward : parseRewardSpec(rewardSpec);
      // An episode still under way whose task's reference was shown meanwhile (the page parks one episode per task and
      // swaps it back in) is practice from now on: its next step could submit what was shown.
      const reference_seen = !!e && (e.reference_seen || (!e.terminated && !e.truncated && this.referencesSeen.has(e.task_id)));
      // `...e` carries the episode's chosen deadlines (null in snapshots saved before they could be chosen).
      this.episode = e &&
        task && { ...e, history: [...e.history], issues_found: [...e.issues_found], task, reward, rewardSpec, reference_seen };
      return null;
    });
  }

  private evaluate(ep: Episode, action: Action, onProgress: OnProgress) {
    const task = ep.task;
    const known = this.referenceTimings.get(referenceKey(task)) ?? null;
    const weights = appliedWeights(ep.reward, this.options.mask);
    const rule = this.referenceRule(weights);
    const weight = weights.execution_speedup;
    const compared = this.executor.compareMeasured(task.original, action.optimized_query, {
      orderSensitive: task.order_sensitive,
      judge: true,
      deadlines: this.deadlines(),
      onProgress,
      // A task's first step times its reference in the same rounds: no second loop for it.
      ...(known ? {} : { reference: task.reference }),
      enough: speedCreditKnown(task.decoy, weight, known?.speedup ?? null),
      referenceKnown: rule,
      decoy: task.decoy,
    });
    const { execution } = compared;
    const beside = compared.reference;
    if (!known && beside && referenceSettled(beside, this.executor.options, rule)) this.referenceTimings.set(referenceKey(task), beside);
    // Measured apart only when it could not be settled beside the rewrite (its timing failed, or the budget ran out).
    const t1 = performance.now();
    const reference = this.referenceTiming(task, onProgress);
    const apart = !known && this.referenceTimings.get(referenceKey(task)) !== beside;
    const timed_ms = compared.timed_ms + (apart ? performance.now() - t1 : 0);
    const reward = gradeAction({
      task: ep.task,
      action,
      execution,
      referenceSpeedup: reference.speedup,
      reward: ep.reward,
      mask: this.options.mask,
      hintsUsed: ep.hints_used,
    });
    return { execution, reward, timed_ms };
  }

  /**
   * The current episode's reference measured ahead of its first step, a round at a time, then the original's own checks:
   * the page's worker runs it while a person reads the task, so that step needs no third arm and runs only the rewrite.
   * The same measurement as referenceTiming() (the same method on the same data); kept unless a step measured the
   * reference meanwhile. Nothing to do when it is known already, or the episode is over. Returns whether it measured.
   */
  *prepare(): Steps<boolean> {
    const ep = this.episode;
    if (!ep || ep.terminated || ep.truncated || this.referenceTimings.has(referenceKey(ep.task))) return false;
    const task = ep.task;
    const rule = this.referenceRule(appliedWeights(ep.reward, this.options.mask));
    const t = yield* this.executor.measuring(task.original, task.reference, task.order_sensitive, this.deadlines(), NO_PROGRESS, rule);
    if (!this.referenceTimings.has(referenceKey(task))) this.referenceTimings.set(referenceKey(task), t);
    // And what the step would learn of the original on its own: its checks on every dataset, its plans and preview.
    yield* this.executor.preparing(task.original, task.order_sensitive, this.deadlines());
    return true;
  }

  /** The reference's speedup on this machine, measured once per task variant with the same method (design §6). */
  referenceTiming(task: TaskInstance, onProgress: OnProgress = NO_PROGRESS): Timing {
    const key = referenceKey(task);
    let t = this.referenceTimings.get(key);
    if (!t) {
      const own = this.episode ? [appliedWeights(this.episode.reward, this.options.mask)] : [];
      const rule = this.referenceRule(...own);
      t = this.executor.measure(task.original, task.reference, task.order_sensitive, this.deadlines(), onProgress, rule);
      this.referenceTimings.set(key, t);
    }
    return t;
  }

  /** When a reference is known well enough to keep: for the session's reward and any episode weights given. */
  private referenceRule(...episodes: { execution_speedup: number }[]) {
    return referenceKnown(referenceWeight(appliedWeights(this.options.reward, this.options.mask), ...episodes));
  }

  /** The session's deadlines (the executor's options: the CLI's or the page's), as the wire carries them. */
  private sessionDeadlines() {
    return wireDeadlines(this.executor.options);
  }

  /** The deadlines of every run now: the current episode's choices over the session's (whatever task the call names). */
  private deadlines(): RunDeadlines {
    return runDeadlines(deadlinesOf(this.episode, this.sessionDeadlines()));
  }

  /** The episode; `before` names the call that needs one in the refusal. */
  private current(before = 'step() or grade()'): Episode {
    if (!this.episode) throw new EnvError('RESET_NEEDED', `no episode yet: call reset({"task_id": …}) before ${before}`);
    return this.episode;
  }

  private taskDef(id: string): TaskDef {
    const t = this.taskDefs.get(id);
    if (!t) throw new EnvError('UNKNOWN_TASK', `no task "${id}"; known tasks: ${[...this.taskDefs.keys()].join(', ')}`);
    return t;
  }

  private observe(last: ExecutionResult | null): Observation {
    return observe(this.current(), last, this.envInfo.schema_info);
  }
}

/** Reference timings are kept per task variant: the seed changes the parameter values, so the speed too. */
const referenceKey = (task: TaskInstance) => `${task.id}:${task.seed}`;
