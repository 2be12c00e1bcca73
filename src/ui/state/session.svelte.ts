// The page's state: engine status, tasks, the current episode and its feedback. Every finished call — the person's
// or an external agent's on window.sqlOptimEnv — flows through `onCall`, so the page always shows the real episode.
import type { CallEvent, ClientStatus, Supervisor, Notice } from '../../worker/supervisor.ts';
import { OPS, type OpName, type OpRequest } from '../../env/ops.ts';
import type {
  Action,
  EnvState,
  ErrorValue,
  ExecutionResult,
  LeaderboardRow,
  Observation,
  Response,
  StepResult,
  TaskSummary,
} from '../../env/types.ts';
import type { AgentLabel } from '../agent/label.ts';
import { locateError } from '../lib/sql-error.ts';
import { STATIC_TASKS, taskText } from '../lib/static-tasks.ts';
import { BootView } from './boot.svelte.ts';
import { Draft } from './draft.svelte.ts';

/** What the feedback panel shows: the last Run (not a step), or a step of the episode. */
export type FeedbackView = 'run' | 'step';

/** The episode as the page shows it, whether it came from reset() or was restored after a reload. */
export interface EpisodeHeader {
  task_id: string;
  name: string;
  difficulty: string;
  description: string;
  original: string;
  max_steps: number;
  step_count: number;
  done: boolean;
  hints: string[];
}

let noticeId = 0;

/** The rewrite a Run (execute) or Submit (step) was about. */
function sqlOf(op: string, arg: unknown): string {
  const a = (arg ?? {}) as { optimized_query?: unknown };
  return op === 'execute' || op === 'step' ? String(a.optimized_query ?? '') : '';
}

function attemptOf(sql: string, r: ExecutionResult | null): { sql: string; error: string | null; code: string | null } {
  return { sql, error: r?.optimized_error ?? null, code: r?.optimized_error_code ?? null };
}

export class Session {
  readonly boot = new BootView();
  readonly draft = new Draft();
  notices = $state.raw<(Notice & { id: number })[]>([]);
  tasks = $state.raw<TaskSummary[]>(STATIC_TASKS);
  leaderboard = $state.raw<LeaderboardRow[]>([]);
  /** the task the person is looking at (may differ from the episode's while data still generates) */
  selectedTaskId = $state<string | null>(STATIC_TASKS[0]?.id ?? null);
  observation = $state.raw<Observation | null>(null);
  episode = $state.raw<EnvState | null>(null);
  /** the last StepResult: carries the reference solution and ground truth once the episode is over */
  lastStep = $state.raw<StepResult | null>(null);
  run = $state.raw<{ sql: string; result: ExecutionResult } | null>(null);
  /** the error of the last Run or Submit (SQL error, timeout, invalid action…) */
  error = $state.raw<ErrorValue | null>(null);
  view = $state<FeedbackView>('step');
  /** index into the episode's history that the scrubber points at */
  scrub = $state(-1);
  /** the page's own call in flight, and the op it is for (Submit: step) */
  busy = $state.raw<{ label: string; since: number; op: OpName } | null>(null);
  /** the rewrite's error from the last Run or Submit, with the SQL it was about (the marker goes once that text is edited) */
  attempt = $state.raw<{ sql: string; error: string | null; code: string | null } | null>(null);

  /** set while the Agent panel drives the episode: the person's Run, Submit and choice of task wait until it stops */
  agent = $state.raw<{ model: string } | null>(null);
  /** the agent that started the current episode (its replay names the model); null when the person (or an outside
   *  agent on window.sqlOptimEnv) started it */
  recordedBy = $state.raw<AgentLabel | null>(null);

  /** set while Submit starts an episode itself: the person's draft must survive that reset */
  private keepDraft = false;

  readonly history = $derived(this.episode?.history ?? []);
  readonly ready = $derived(this.boot.status.kind === 'ready');
  /** the hidden data is still being generated (in the background, after the page became ready) */
  readonly hiddenPending = $derived(this.boot.status.kind === 'ready' && this.boot.status.hidden.kind === 'preparing');
  /** what the busy line says: a step that waits for the hidden data says so instead of looking hung */
  readonly busyLabel = $derived(
    this.busy && OPS[this.busy.op].judges && this.hiddenPending
      ? 'Waiting for the hidden test data to be generated, then judging…'
      : (this.busy?.label ?? ''),
  );
  /** whether the person's controls act now: the engine is ready, no call of theirs runs, no agent drives */
  readonly idle = $derived(this.ready && !this.busy && !this.agent);
  readonly header: EpisodeHeader | null = $derived(this.makeHeader());
  /** where the editor marks the error, while the text is still the one that failed */
  readonly sqlError = $derived(this.attempt?.error && this.attempt.sql === this.draft.sql ? locateError(this.attempt.error) : null);

  constructor(readonly client: Supervisor) {
    client.events.on('status', (s: ClientStatus) => this.boot.update(s));
    client.events.on('notice', (n) => this.notify(n));
    client.events.on('call', (e) => this.onCall(e));
    this.boot.update(client.status);
  }

  /** After the engine is ready: the real task list, the leaderboard, and any restored episode. No episode is started
   *  here: an agent may already be driving window.sqlOptimEnv, and a reset of ours would wipe its episode. */
  async init(): Promise<void> {
    if (this.selectedTaskId) this.draft.load(taskText(this.selectedTaskId, null)?.original ?? '');
    const ready = await this.client.start();
    if (!ready.ok) return;
    await Promise.all([this.client.call('tasks'), this.client.call('leaderboard'), this.client.call('state')]);
    if (this.episode?.task_id) {
      // A reload restored an episode: continue from its last rewrite.
      this.selectedTaskId = this.episode.task_id;
      const last = this.episode.history.at(-1);
      this.draft.load(last?.action.optimized_query ?? this.header?.original ?? '');
    }
  }

  /** Shows a task (the person clicked it); starts an episode of it unless one of it is already there. */
  async selectTask(id: string): Promise<void> {
    if (this.busy || this.agent) return;
    this.selectedTaskId = id;
    if (this.episode?.task_id === id) return;
    if (!this.ready) {
      // Still generating: the task can be read and the rewrite drafted; the episode starts at the first Submit.
      this.draft.load(taskText(id, null)?.original ?? '');
      return;
    }
    await this.startEpisode(id);
  }

  async startEpisode(id: string): Promise<void> {
    await this.busyWith('Starting episode…', 'reset', () => this.client.call('reset', { task_id: id }));
  }

  /** Run: executes the rewrite against the original without spending a step. */
  async runRewrite(): Promise<void> {
    const task_id = this.selectedTaskId;
    if (!task_id || !this.idle) return;
    await this.busyWith('Running…', 'execute', () => this.client.call('execute', { task_id, optimized_query: this.draft.sql }));
  }

  /** Submit: spends a step with the draft as the action, starting the episode first if there is none of this task. */
  async submit(): Promise<void> {
    const task_id = this.selectedTaskId;
    if (!task_id || !this.idle) return;
    const action = this.draft.toAction();
    await this.busyWith('Submitting…', 'step', async () => {
      if (this.episode?.task_id !== task_id) {
        this.keepDraft = true;
        try {
          const r = await this.client.call('reset', { task_id });
          if (!r.ok) return;
        } finally {
          this.keepDraft = false;
        }
      }
      await this.client.call('step', action);
    });
  }

  /** The Agent panel's reset: the episode it starts is labelled with the agent (its replay names the model). */
  async resetByAgent(label: Omit<AgentLabel, 'steps'>, req: OpRequest<'reset'>): Promise<Response<Observation>> {
    const r = await this.client.call('reset', req);
    // onCall has already run (the call event comes before the answer) and cleared the label of the last episode.
    if (r.ok) this.recordedBy = { ...label, steps: 0 };
    return r;
  }

  /** The Agent panel's step: counted as the agent's, so a replay can say where a person took over. */
  async stepByAgent(action: Action): Promise<Response<StepResult>> {
    const r = await this.client.call('step', action);
    if (r.ok && this.recordedBy) this.recordedBy = { ...this.recordedBy, steps: this.recordedBy.steps + 1 };
    return r;
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  private notify(n: Notice): void {
    this.notices = [...this.notices.slice(-4), { ...n, id: ++noticeId }];
  }

  private async busyWith(label: string, op: OpName, fn: () => Promise<unknown>): Promise<void> {
    this.busy = { label, since: performance.now(), op };
    try {
      await fn();
    } finally {
      this.busy = null;
    }
  }

  private onCall({ op, arg, response }: CallEvent): void {
    if (!response.ok) {
      if (op === 'execute' || op === 'step' || op === 'grade' || op === 'reset') this.error = response.error;
      if (op === 'execute' || op === 'step')
        this.attempt = { sql: sqlOf(op, arg), error: response.error.message, code: response.error.code };
      return;
    }
    const r = response.result;
    switch (op) {
      case 'tasks':
        this.tasks = r as TaskSummary[];
        break;
      case 'leaderboard':
        this.leaderboard = r as LeaderboardRow[];
        break;
      case 'state':
        this.episode = r as EnvState;
        this.scrub = this.episode.history.length - 1;
        break;
      case 'reset': {
        const obs = r as Observation;
        this.observation = obs;
        this.selectedTaskId = obs.task_id;
        this.recordedBy = null;
        this.lastStep = null;
        this.run = null;
        this.error = null;
        this.view = 'step';
        if (!this.keepDraft) this.draft.load(obs.sql_query);
        this.attempt = null;
        void this.client.call('state');
        break;
      }
      case 'step': {
        const s = r as StepResult;
        this.lastStep = s;
        this.observation = s.observation;
        // The Agent panel's step fills the whole draft, so a person who takes over starts from the agent's last action.
        // Another agent's step (the page is not busy with its own) shows its SQL; a person may have typed on meanwhile.
        if (this.agent) this.draft.loadAction(arg as Action);
        else if (!this.busy) this.draft.sql = sqlOf(op, arg);
        this.attempt = attemptOf(sqlOf(op, arg), s.observation.last_execution);
        this.error = null;
        this.view = 'step';
        void this.client.call('state');
        void this.client.call('leaderboard');
        break;
      }
      case 'execute':
        this.run = { sql: sqlOf(op, arg), result: r as ExecutionResult };
        this.attempt = attemptOf(this.run.sql, this.run.result);
        this.error = null;
        this.view = 'run';
        break;
    }
  }

  private makeHeader(): EpisodeHeader | null {
    const ep = this.episode;
    const obs = this.observation;
    const id = ep?.task_id ?? this.selectedTaskId;
    if (!id) return null;
    const summary = this.tasks.find((t) => t.id === id);
    const inEpisode = ep?.task_id === id;
    if (obs && obs.task_id === id && inEpisode) {
      return {
        task_id: id,
        name: obs.task_name,
        difficulty: obs.difficulty,
        description: obs.task_description,
        original: obs.sql_query,
        max_steps: obs.max_steps,
        step_count: ep.step_count,
        done: ep.episode_done,
        hints: obs.hints ?? [],
      };
    }
    // Before reset answers, or after a reload restored the episode: rebuild the text from (task, seed).
    const text = taskText(id, inEpisode ? ep.seed : null);
    if (!summary || !text) return null;
    return {
      task_id: id,
      name: summary.name,
      difficulty: summary.difficulty,
      description: text.description,
      original: text.original,
      max_steps: summary.max_steps,
      step_count: inEpisode ? ep.step_count : 0,
      done: inEpisode ? ep.episode_done : false,
      hints: [],
    };
  }
}
