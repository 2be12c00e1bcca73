// The page's state: engine status, tasks, the current episode and its feedback, and each task's workspace. A thin
// `$state` wrapper around the pure reducer of page-state.ts: every finished call (tagged with who made it: the person,
// the Agent panel, a replay's re-run or an outside agent on window.sqlOptimEnv) and every page event goes through it.
import type { CallEvent, CallOrigin, ClientStatus, Supervisor, Notice, ProgressEvent } from '../../worker/supervisor.ts';
import type { CallProgress } from '../../env/progress.ts';
import type { ErrorCode } from '../../env/errors.ts';
import { OPS, type OpRequest } from '../../env/ops.ts';
import type { Action, ErrorValue, Observation, Response, StepResult } from '../../env/types.ts';
import type { AgentLabel } from '../agent/label.ts';
import { locateError } from '../lib/sql-error.ts';
import { STATIC_TASKS, taskInstance, taskText } from '../lib/static-tasks.ts';
import { BootView } from './boot.svelte.ts';
import { Draft } from './draft.svelte.ts';
import {
  type FeedbackView,
  type PageEvent,
  type PageState,
  type Reveal,
  type Workspace,
  episodeUnderWay,
  inProgress,
  initialState,
  reduce,
} from './page-state.ts';
import { type KeyValue, WorkspaceStore } from './workspace-store.ts';

export type { FeedbackView };

/** The episode as the page shows it, whether it came from reset() or was restored after a reload. */
export interface EpisodeHeader {
  task_id: string;
  name: string;
  difficulty: string;
  description: string;
  /** what "solved" means and what a hint costs (the environment's text; empty before it says) */
  goal: string;
  original: string;
  max_steps: number;
  step_count: number;
  done: boolean;
  /** the hints opened so far, in order */
  hints: string[];
  hints_total: number;
  /** taken from each later step's score per hint opened; null until the environment says */
  hint_cost: number | null;
}

/** A question the page asks before it throws work away (New episode, Show solution). */
/** The page's own call in flight, as the busy line shows it. */
export interface Work {
  /** what the session says it does ("Running…") */
  label: string;
  /** performance.now() when the call started */
  since: number;
  op: string;
  /** the worker's latest report from inside the call; null before the first (and for ops that send none) */
  progress: CallProgress | null;
}

export interface Confirmation {
  title: string;
  text: string;
  yes: string;
  act: () => Promise<void>;
}

let noticeId = 0;

/** Answers of a call ended by the engine, not by anything in its request: Stop, a hard deadline, a crash, or an engine
 *  that could not start again. */
const ENGINE_ENDED_IT: ReadonlySet<string> = new Set<ErrorCode>(['ENGINE_RESTARTED', 'TIMEOUT']);

/** The page's storage, if it has one (a sandboxed frame may refuse even the lookup). */
function pageStorage(): KeyValue | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export class Session {
  readonly boot = new BootView();
  /** everything the reducer owns; read through the getters below */
  private state = $state.raw<PageState>(initialState(STATIC_TASKS, STATIC_TASKS[0]?.id ?? null));
  readonly draft = new Draft(
    () => this.workspace?.draft ?? null,
    (e) => this.dispatch(e),
    () => this.state.selectedTaskId,
  );
  notices = $state.raw<(Notice & { id: number })[]>([]);
  /** the page's own call in flight, the op it is for (Submit: step), and what the worker last said it does */
  busy = $state.raw<Work | null>(null);
  /** set while the Agent panel drives the episode: the person's Run, Submit and choice of task wait until it stops */
  agent = $state.raw<{ model: string } | null>(null);
  /** the agent that started the current episode (its replay names the model); null when the person (or an outside
   *  agent on window.sqlOptimEnv) started it */
  recordedBy = $state.raw<AgentLabel | null>(null);
  /** the question open in the confirm dialog */
  confirming = $state.raw<Confirmation | null>(null);
  private readonly store: WorkspaceStore;

  readonly history = $derived(this.state.episode?.history ?? []);
  readonly ready = $derived(this.boot.status.kind === 'ready');
  /** the hidden data is still being generated (in the background, after the page became ready) */
  readonly hiddenPending = $derived(this.boot.status.kind === 'ready' && this.boot.status.hidden.kind === 'preparing');
  /** what the busy line says: a step that waits for the hidden data says so instead of looking hung */
  readonly busyLabel = $derived(
    this.busy && (OPS as Partial<Record<string, { judges: boolean }>>)[this.busy.op]?.judges && this.hiddenPending
      ? 'Waiting for the hidden test data to be generated, then judging…'
      : (this.busy?.label ?? ''),
  );
  /** whether the person's controls act now: the engine is ready, no call of theirs runs, no agent drives */
  readonly idle = $derived(this.ready && !this.busy && !this.agent);
  /** the selected task's workspace */
  readonly workspace: Workspace | null = $derived(
    this.state.selectedTaskId ? (this.state.workspaces[this.state.selectedTaskId] ?? null) : null,
  );
  readonly header: EpisodeHeader | null = $derived(this.makeHeader());
  /** the end of the shown task's episode (or its Solution), kept across reloads */
  readonly reveal: Reveal | null = $derived(this.header ? (this.state.workspaces[this.header.task_id]?.reveal ?? null) : null);
  /** where the editor marks the error, while the text is still the one that failed */
  readonly sqlError = $derived(this.attempt?.error && this.attempt.sql === this.draft.sql ? locateError(this.attempt.error) : null);

  constructor(
    readonly client: Supervisor,
    storage: KeyValue | null = pageStorage(),
  ) {
    this.store = new WorkspaceStore(storage, (text) => this.notify({ level: 'warning', text }));
    client.events.on('status', (s: ClientStatus) => this.onStatus(s));
    client.events.on('notice', (n) => this.notify(n));
    client.events.on('call', (e) => this.onCall(e));
    client.events.on('progress', (e) => this.onProgress(e));
    this.boot.update(client.status);
  }

  get tasks() {
    return this.state.tasks;
  }
  get leaderboard() {
    return this.state.leaderboard;
  }
  /** the task the person is looking at (may differ from the episode's while data still generates) */
  get selectedTaskId() {
    return this.state.selectedTaskId;
  }
  get observation() {
    return this.state.observation;
  }
  get episode() {
    return this.state.episode;
  }
  /** the last StepResult of the current episode */
  get lastStep() {
    return this.state.lastStep;
  }
  get run() {
    return this.state.run;
  }
  get error(): ErrorValue | null {
    return this.state.error;
  }
  get attempt() {
    return this.state.attempt;
  }
  get view(): FeedbackView {
    return this.state.view;
  }
  set view(view: FeedbackView) {
    this.dispatch({ type: 'show', view });
  }
  /** index into the episode's history that the scrubber points at */
  get scrub(): number {
    return this.state.scrub;
  }
  set scrub(scrub: number) {
    this.dispatch({ type: 'show', scrub });
  }
  /** tasks whose episode is put aside while another is played (the task list marks them) */
  get parkedTasks(): string[] {
    return Object.entries(this.state.workspaces)
      .filter(([, w]) => w.parked !== null)
      .map(([id]) => id);
  }

  /** After the engine is ready: the real task list, the leaderboard, and any restored episode. No episode is started
   *  here: an agent may already be driving window.sqlOptimEnv, and a reset of ours would wipe its episode. */
  async init(): Promise<void> {
    this.dispatch({ type: 'restored', workspaces: this.store.load() });
    const first = this.state.selectedTaskId;
    if (first) this.dispatch({ type: 'select', task_id: first, original: taskText(first, null)?.original ?? '' });
    const ready = await this.client.start();
    if (!ready.ok) return;
    await Promise.all(['tasks', 'leaderboard', 'state'].map((op) => this.client.call(op as 'state', undefined, 'person')));
    const ep = this.episode;
    if (ep?.task_id) {
      // A reload restored an episode: its workspace holds the draft; without one, continue from its last rewrite.
      const had = !!this.state.workspaces[ep.task_id];
      this.dispatch({ type: 'select', task_id: ep.task_id, original: this.header?.original ?? '' });
      const last = ep.history.at(-1)?.action.optimized_query;
      if (!had && last) this.dispatch({ type: 'load-draft', task_id: ep.task_id, sql: last });
    }
  }

  /** Writes the workspaces now (the page is being hidden or closed). */
  flush(): void {
    this.store.flush();
  }

  /** Shows a task (the person clicked it). The episode of the task left is put aside, and the chosen task's own is
   *  taken back, or a new one started. */
  async selectTask(id: string): Promise<void> {
    if (this.busy || this.agent) return;
    this.dispatch({ type: 'select', task_id: id, original: taskText(id, null)?.original ?? '' });
    // Still generating: the task can be read and the rewrite drafted; the episode starts once the engine is ready.
    if (!this.ready || this.episode?.task_id === id) return;
    await this.busyWith('Opening the task…', 'reset', () => this.enter(id, 'person'));
  }

  /** "New episode": starts the task over, after asking when that throws work away. */
  newEpisode(id: string): void {
    const go = async () => {
      this.dispatch({ type: 'discard', task_id: id, original: taskText(id, null)?.original ?? '' });
      await this.busyWith('Starting episode…', 'reset', async () => {
        await this.client.call('reset', { task_id: id }, 'person');
      });
    };
    if (!inProgress(this.state, id)) return void go();
    const ep = this.episode?.task_id === id ? this.episode : null;
    const spent = ep?.step_count ?? 0;
    const where = spent > 0 ? ` (${spent} step${spent === 1 ? '' : 's'} spent)` : '';
    this.confirm({
      title: 'Start a new episode?',
      text: `This throws away your episode of this task${where}, your draft, the issues you found and the hints you opened. The scores on the leaderboard stay.`,
      yes: 'Start a new episode',
      act: go,
    });
  }

  /** Run: executes the rewrite against the original without spending a step. */
  async runRewrite(): Promise<void> {
    const task_id = this.selectedTaskId;
    if (!task_id || !this.idle) return;
    await this.busyWith('Running…', 'execute', async () => {
      await this.client.call('execute', { task_id, optimized_query: this.draft.sql }, 'person-run');
    });
  }

  /** Submit: spends a step with the draft as the action, entering the task's episode first if another is played. */
  async submit(): Promise<void> {
    const task_id = this.selectedTaskId;
    if (!task_id || !this.idle) return;
    const action = this.draft.toAction();
    await this.busyWith('Submitting…', 'step', async () => {
      if (this.episode?.task_id !== task_id && !(await this.enter(task_id, 'person-submit'))) return;
      await this.client.call('step', action, 'person-submit');
    });
  }

  /** Opens the next hint of the ladder (recorded by the environment; it may cost a little of later steps' score). */
  async openHint(): Promise<void> {
    const task_id = this.selectedTaskId;
    if (!task_id || !this.idle) return;
    await this.busyWith('Opening a hint…', 'hint', async () => {
      if (this.episode?.task_id !== task_id && !(await this.enter(task_id, 'person'))) return;
      const r = await this.client.call('hint', {}, 'person');
      if (!r.ok) this.notify({ level: 'warning', text: `No hint opened: ${r.error.message}` });
    });
  }

  /** "Show solution": ends the episode and reveals the reference, after asking. */
  showSolution(): void {
    const task_id = this.selectedTaskId;
    if (!task_id || !this.idle) return;
    this.confirm({
      title: 'Show the solution?',
      text: 'This ends your episode: no more steps can be spent on it. You will see the reference rewrite, the issues it fixes, why it is faster, and both plans.',
      yes: 'End the episode and show it',
      act: () =>
        this.busyWith('Fetching the solution…', 'solution', async () => {
          if (this.episode?.task_id !== task_id && !(await this.enter(task_id, 'person'))) return;
          const r = await this.client.call('solution', {}, 'person');
          if (!r.ok) this.notify({ level: 'warning', text: `The solution could not be shown: ${r.error.message}` });
          else await Promise.all([this.client.call('state', undefined, 'person'), this.client.call('leaderboard', undefined, 'person')]);
        }),
    });
  }

  /** Asks the question in the confirm dialog; `c.act` runs only on yes. */
  confirm(c: Confirmation): void {
    this.confirming = c;
  }

  /** The names of those tasks whose episode under way (in the worker or parked) a new episode would throw away. */
  underWay(tasks: string[]): string[] {
    return tasks.filter((id) => episodeUnderWay(this.state, id)).map((id) => this.tasks.find((t) => t.id === id)?.name ?? id);
  }

  /** The confirm dialog's answer. */
  async answer(yes: boolean): Promise<void> {
    const c = this.confirming;
    this.confirming = null;
    if (yes && c) await c.act();
  }

  /** The Agent panel's reset: the episode it starts is labelled with the agent (its replay names the model). */
  async resetByAgent(label: Omit<AgentLabel, 'steps'>, req: OpRequest<'reset'>): Promise<Response<Observation>> {
    const r = await this.client.call('reset', req, 'agent');
    // onCall has already run (the call event comes before the answer) and cleared the label of the last episode.
    if (r.ok) this.recordedBy = { ...label, steps: 0 };
    return r;
  }

  /** The Agent panel's step: counted as the agent's, so a replay can say where a person took over. */
  async stepByAgent(action: Action): Promise<Response<StepResult>> {
    const r = await this.client.call('step', action, 'agent');
    if (r.ok && this.recordedBy) this.recordedBy = { ...this.recordedBy, steps: this.recordedBy.steps + 1 };
    return r;
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  private dispatch(e: PageEvent): void {
    const before = this.state;
    this.state = reduce(before, e);
    if (this.state.workspaces !== before.workspaces) this.store.schedule(this.state.workspaces);
  }

  /**
   * Makes `id`'s episode the worker's: the current episode (of another task) is parked in its workspace, and `id`'s
   * parked one taken back with the current leaderboard; without one, a new episode starts. False when that failed.
   */
  private async enter(id: string, origin: CallOrigin): Promise<boolean> {
    const parked = this.state.workspaces[id]?.parked ?? null;
    if (parked !== null) {
      const r = await this.client.swapEpisode(parked);
      if (!r.ok && ENGINE_ENDED_IT.has(r.error.code)) {
        // Stop, a deadline or a crash ended the swap, not the episode: it stays put aside, taken back the next time.
        this.notify({
          level: 'warning',
          text: 'Your episode of this task is still kept aside: the engine stopped before it was taken back. Open the task again to take it back.',
        });
        return false;
      }
      this.dispatch({ type: 'park', task_id: id, episode: null });
      if (r.ok) {
        this.parkAnswer(r.result);
        this.dispatch({ type: 'entered', task_id: id });
        // The agent label belonged to the episode just left.
        this.recordedBy = null;
        await this.client.call('state', undefined, 'person');
        return true;
      }
      this.notify({
        level: 'warning',
        text: `Your earlier episode of this task could not be taken back (${r.error.message}); a new one starts.`,
      });
    }
    // The reset's call event carries the episode it replaced, which onCall parks.
    const r = await this.client.call('reset', { task_id: id }, origin);
    return r.ok;
  }

  /** Keeps an episode that was replaced in its task's workspace (unless the new one is of the same task). */
  private parkAnswer(previous: unknown, except: string | null = null): void {
    const task_id = (previous as { task_id?: unknown } | null)?.task_id;
    if (typeof task_id === 'string' && task_id !== except) this.dispatch({ type: 'park', task_id, episode: previous });
  }

  private notify(n: Notice): void {
    this.notices = [...this.notices.slice(-4), { ...n, id: ++noticeId }];
  }

  private async busyWith(label: string, op: string, fn: () => Promise<unknown>): Promise<void> {
    this.busy = { label, since: performance.now(), op, progress: null };
    try {
      await fn();
    } finally {
      this.busy = null;
    }
  }

  /** After a restart the episode and leaderboard are read again: a read the old worker was answering died with it. */
  private onStatus(s: ClientStatus): void {
    const was = this.boot.status;
    this.boot.update(s);
    if (s.kind === 'ready' && was.kind === 'booting' && was.restart !== null) {
      void this.client.call('state', undefined, 'person');
      void this.client.call('leaderboard', undefined, 'person');
    }
  }

  /** Only the page's own call moves its busy line: an agent's or an outside caller's progress is not the person's. */
  private onProgress({ op, origin, progress }: ProgressEvent): void {
    if (this.busy?.op === op && (origin === 'person' || origin === 'person-run' || origin === 'person-submit'))
      this.busy = { ...this.busy, progress };
  }

  private onCall({ op, arg, response, origin, replaced }: CallEvent): void {
    this.dispatch({ type: 'call', op, arg, response, origin });
    if (!response.ok) return;
    // What a call changed elsewhere is read back: the episode after a reset or step, the leaderboard after a step.
    if (op === 'reset') {
      // Whoever reset (the person, the Agent panel, an outside agent), an episode of another task is kept aside.
      this.parkAnswer(replaced, (response.result as Observation).task_id);
      if (origin !== 'agent') this.recordedBy = null;
      void this.client.call('state', undefined, 'person');
    } else if (op === 'step') {
      void this.client.call('state', undefined, 'person');
      void this.client.call('leaderboard', undefined, 'person');
    }
  }

  private makeHeader(): EpisodeHeader | null {
    const { episode: ep, observation: obs, selectedTaskId, tasks, workspaces } = this.state;
    const id = ep?.task_id ?? selectedTaskId;
    if (!id) return null;
    const summary = tasks.find((t) => t.id === id);
    const inEpisode = ep?.task_id === id;
    const ws = workspaces[id];
    const seed = inEpisode ? ep.seed : null;
    const common = {
      task_id: id,
      goal: (obs?.task_id === id ? obs.goal : undefined) ?? summary?.goal ?? '',
      step_count: inEpisode ? ep.step_count : 0,
      done: inEpisode ? ep.episode_done : false,
      hints: ws?.hints ?? [],
      hints_total: ws?.hintInfo?.total ?? (obs?.task_id === id ? obs.hints_total : undefined) ?? taskInstance(id, seed)?.hints.length ?? 0,
      hint_cost: ws?.hintInfo?.cost ?? (obs?.task_id === id ? obs.hint_cost : undefined) ?? null,
    };
    // Just after a reset the episode is not read back yet (null): the reset's observation is the newest word.
    if (obs && obs.task_id === id && (inEpisode || ep === null)) {
      return {
        ...common,
        name: obs.task_name,
        difficulty: obs.difficulty,
        description: obs.task_description,
        original: obs.sql_query,
        max_steps: obs.max_steps,
      };
    }
    // Before reset answers, or after a reload restored the episode: rebuild the text from (task, seed).
    const text = taskText(id, seed);
    if (!summary || !text) return null;
    return {
      ...common,
      name: summary.name,
      difficulty: summary.difficulty,
      description: text.description,
      original: text.original,
      max_steps: summary.max_steps,
    };
  }
}
