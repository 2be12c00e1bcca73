// The page's state as a pure reducer: every finished call (tagged with who made it) and every page event goes through
// `reduce`, so the transitions that matter are tested without a browser (page-state.test.ts).
import type { CallOrigin } from '../../worker/supervisor.ts';
import type {
  Action,
  EnvState,
  ErrorValue,
  ExecutionResult,
  GroundTruthIssue,
  LeaderboardRow,
  Observation,
  Plan,
  StepResult,
  Suggestion,
  TaskSummary,
} from '../../env/types.ts';

export type { CallOrigin };

// The shapes of the `hint` and `solution` ops and of the new fields, as the helpers' shared contract states them.
// They are read loosely (every new field optional) until the environment's side is merged.
/** What `hint` answers: every hint opened so far, in order. */
export interface HintResult {
  hints: string[];
  hints_used: number;
  hints_total: number;
  hint_cost: number;
}
/** What `solution` ("Show solution") answers; it also ends the episode. */
export interface Solution {
  reference_query: string;
  ground_truth: GroundTruthIssue[];
  explanation: string;
  plans: { original: Plan | null; reference: Plan | null };
}

/** What the person composes for the next step. */
export interface DraftFields {
  sql: string;
  issues: Suggestion[];
  summary: string;
  estimate: string;
  approved: boolean;
}

/** What the page shows once an episode is over: the end of the episode, or the Solution the person asked for. */
export interface Reveal {
  ending: 'solved' | 'out-of-steps' | 'gave-up';
  original: string;
  reference_query: string | null;
  ground_truth: GroundTruthIssue[];
  explanation: string;
  best_score: number | null;
  cumulative_reward: number | null;
  reference_speedup: number | null;
  /** the two plans side by side (Show solution only) */
  plans: Solution['plans'] | null;
}

/** One task's work, kept per task so switching tasks or reloading loses none of it. */
export interface Workspace {
  draft: DraftFields;
  /** the person changed the draft since it was last loaded: others' steps then leave it alone */
  edited: boolean;
  /** the hints opened in this task's episode, in order */
  hints: string[];
  /** the ladder's length and what a hint costs, once the environment said (null before) */
  hintInfo: { total: number; cost: number } | null;
  reveal: Reveal | null;
  /** this task's episode while another task is played (a snapshot's episode part), restored on return */
  parked: unknown;
}

/** What the feedback panel shows: the last Run (not a step), or a step of the episode. */
export type FeedbackView = 'run' | 'step';

export interface PageState {
  tasks: TaskSummary[];
  leaderboard: LeaderboardRow[];
  /** the task the person is looking at (may differ from the episode's while data still generates) */
  selectedTaskId: string | null;
  observation: Observation | null;
  episode: EnvState | null;
  /** the last StepResult of the current episode */
  lastStep: StepResult | null;
  run: { sql: string; result: ExecutionResult } | null;
  /** the error of the last Run, Submit or episode call (SQL error, timeout, invalid action…) */
  error: ErrorValue | null;
  view: FeedbackView;
  /** index into the episode's history that the scrubber points at */
  scrub: number;
  /** the rewrite's error from the last Run or Submit, with the SQL it was about */
  attempt: { sql: string; error: string | null; code: string | null } | null;
  workspaces: Record<string, Workspace>;
}

/** A finished call as the supervisor reports it (`op` is a string: the contract's new ops may not be in the registry yet). */
export interface CallDone {
  type: 'call';
  origin: CallOrigin;
  op: string;
  arg: unknown;
  response: { ok: true; result: unknown } | { ok: false; error: ErrorValue };
}

export type PageEvent =
  | CallDone
  /** the person chose a task to look at */
  | { type: 'select'; task_id: string; original: string }
  /** the person typed into the draft of the selected task */
  | { type: 'edit'; patch: Partial<DraftFields> }
  /** the draft starts over from a text (Back to original; New episode) */
  | { type: 'load-draft'; task_id: string; sql: string }
  /** a new episode of the task is about to start: its hints and reveal go with the old one */
  | { type: 'discard'; task_id: string; original: string }
  | { type: 'show'; view?: FeedbackView; scrub?: number }
  /** an episode put aside (leaving its task) or taken back (its task was entered again) */
  | { type: 'park'; task_id: string; episode: unknown }
  /** the page now plays this task's episode (taken back from parking): the last task's Run and step go */
  | { type: 'entered'; task_id: string }
  /** workspaces read back after a reload */
  | { type: 'restored'; workspaces: Record<string, Workspace> };

export function initialState(tasks: TaskSummary[], selectedTaskId: string | null): PageState {
  return {
    tasks,
    leaderboard: [],
    selectedTaskId,
    observation: null,
    episode: null,
    lastStep: null,
    run: null,
    error: null,
    view: 'step',
    scrub: -1,
    attempt: null,
    workspaces: {},
  };
}

export function emptyDraft(sql: string): DraftFields {
  return { sql, issues: [], summary: '', estimate: '', approved: false };
}

export function emptyWorkspace(sql: string): Workspace {
  return { draft: emptyDraft(sql), edited: false, hints: [], hintInfo: null, reveal: null, parked: null };
}

/** The task's workspace; a task never opened gets an empty one around `original`. */
export function workspaceOf(s: PageState, task_id: string, original = ''): Workspace {
  return s.workspaces[task_id] ?? emptyWorkspace(original);
}

/** Whether the task has an episode under way (a step or a hint spent, not over), in the worker or parked. */
export function episodeUnderWay(s: PageState, task_id: string): boolean {
  const ep = s.episode;
  const ws = s.workspaces[task_id];
  if (ep?.task_id === task_id) return !ep.episode_done && (ep.step_count > 0 || (ep.hints_used ?? 0) > 0 || !!ws?.hints.length);
  return parkedLive(ws?.parked);
}

/** Whether starting over on this task throws work away: an episode under way, or a draft the person edited. */
export function inProgress(s: PageState, task_id: string): boolean {
  return episodeUnderWay(s, task_id) || !!s.workspaces[task_id]?.edited;
}

/** Whether a parked episode is still under way (read loosely: it is a snapshot's episode part, validated on restore). */
export function parkedLive(p: unknown): boolean {
  if (typeof p !== 'object' || p === null) return false;
  const e = p as { terminated?: unknown; truncated?: unknown; gave_up?: unknown; step_count?: unknown; hints_used?: unknown };
  const spent = Number(e.step_count ?? 0) > 0 || Number(e.hints_used ?? 0) > 0;
  return spent && e.terminated !== true && e.truncated !== true && e.gave_up !== true;
}

function withWorkspace(s: PageState, task_id: string, change: (w: Workspace) => Workspace, original = ''): PageState {
  return { ...s, workspaces: { ...s.workspaces, [task_id]: change(workspaceOf(s, task_id, original)) } };
}

function draftOfAction(a: Action): DraftFields {
  return {
    sql: a.optimized_query,
    issues: a.suggestions.map((x) => ({ ...x })),
    summary: a.summary,
    estimate: a.estimated_improvement,
    approved: a.approved,
  };
}

function sqlOf(op: string, arg: unknown): string {
  const a = (arg ?? {}) as { optimized_query?: unknown };
  return op === 'execute' || op === 'step' ? String(a.optimized_query ?? '') : '';
}

function attemptOf(sql: string, r: ExecutionResult | null): PageState['attempt'] {
  return { sql, error: r?.optimized_error ?? null, code: r?.optimized_error_code ?? null };
}

/** Someone other than the person at the keyboard: their calls never overwrite a draft the person has edited. */
const fromElsewhere = (o: CallOrigin) => o === 'outside' || o === 'rerun';

/** The end of an episode, from the step that ended it. */
export function revealOfStep(s: StepResult): Reveal {
  const info = s.info;
  return {
    ending: s.terminated ? 'solved' : 'out-of-steps',
    original: s.observation.sql_query,
    reference_query: info.reference_query ?? null,
    ground_truth: info.ground_truth ?? [],
    explanation: info.explanation ?? '',
    best_score: info.best_score,
    cumulative_reward: info.cumulative_reward,
    reference_speedup: s.reward.reference_speedup,
    plans: null,
  };
}

/** The Solution the person asked for, with what the episode had reached by then. */
export function revealOfSolution(sol: Solution, original: string, ep: PageState['episode']): Reveal {
  return {
    ending: 'gave-up',
    original,
    reference_query: sol.reference_query,
    ground_truth: sol.ground_truth,
    explanation: sol.explanation,
    best_score: ep?.best_score ?? null,
    cumulative_reward: ep?.cumulative_reward ?? null,
    reference_speedup: ep?.history.at(-1)?.reward.reference_speedup ?? null,
    plans: sol.plans,
  };
}

export function reduce(s: PageState, e: PageEvent): PageState {
  switch (e.type) {
    case 'call':
      return e.response.ok ? answered(s, e, e.response.result) : failed(s, e, e.response.error);
    case 'select':
      return {
        ...withWorkspace(s, e.task_id, (w) => w, e.original),
        selectedTaskId: e.task_id,
      };
    case 'edit': {
      const id = s.selectedTaskId;
      if (!id) return s;
      const w = workspaceOf(s, id);
      const changed = (Object.keys(e.patch) as (keyof DraftFields)[]).some((k) => e.patch[k] !== w.draft[k]);
      // An editor echoing back the text it was given is no edit.
      if (!changed) return s;
      return withWorkspace(s, id, (x) => ({ ...x, draft: { ...x.draft, ...e.patch }, edited: true }));
    }
    case 'load-draft':
      return withWorkspace(s, e.task_id, (w) => ({ ...w, draft: emptyDraft(e.sql), edited: false }));
    case 'discard':
      return withWorkspace(s, e.task_id, (w) => ({
        ...w,
        draft: emptyDraft(e.original),
        edited: false,
        hints: [],
        reveal: null,
        parked: null,
      }));
    case 'show':
      return { ...s, view: e.view ?? s.view, scrub: e.scrub ?? s.scrub };
    case 'park':
      return withWorkspace(s, e.task_id, (w) => ({ ...w, parked: e.episode }));
    case 'entered':
      return { ...s, selectedTaskId: e.task_id, lastStep: null, run: null, error: null, attempt: null, view: 'step' };
    case 'restored':
      // What the page did since it loaded (a task opened before storage was read) wins over what was stored.
      return { ...s, workspaces: { ...e.workspaces, ...s.workspaces } };
  }
}

function failed(s: PageState, e: CallDone, error: ErrorValue): PageState {
  // A re-run's failures belong to the replay panel; reads (state, tasks…) failing leave the page as it was, and a refused
  // hint or solution is said in a notice (session.svelte.ts).
  if (e.origin === 'rerun' || !['execute', 'step', 'grade', 'reset'].includes(e.op)) return s;
  // The last good Run stays shown: only the error and the marker change.
  const attempt = e.op === 'execute' || e.op === 'step' ? { sql: sqlOf(e.op, e.arg), error: error.message, code: error.code } : s.attempt;
  return { ...s, error, attempt };
}

function answered(s: PageState, e: CallDone, r: unknown): PageState {
  switch (e.op) {
    case 'tasks':
      return { ...s, tasks: r as TaskSummary[] };
    case 'leaderboard':
      return { ...s, leaderboard: r as LeaderboardRow[] };
    case 'state': {
      const episode = r as PageState['episode'];
      return { ...s, episode, scrub: (episode?.history.length ?? 0) - 1 };
    }
    case 'reset':
      return onReset(s, e, r as Observation);
    case 'step':
      return onStep(s, e, r as StepResult);
    case 'execute': {
      // A replay's re-run is not the person's Run: the panel keeps what it showed.
      if (e.origin === 'rerun') return s;
      const run = { sql: sqlOf('execute', e.arg), result: r as ExecutionResult };
      return { ...s, run, attempt: attemptOf(run.sql, run.result), error: null, view: 'run' };
    }
    case 'hint': {
      const h = r as HintResult;
      const id = s.episode?.task_id ?? s.selectedTaskId;
      if (!id) return s;
      return {
        ...withWorkspace(s, id, (w) => ({ ...w, hints: [...h.hints], hintInfo: { total: h.hints_total, cost: h.hint_cost } })),
        error: null,
      };
    }
    case 'solution': {
      const id = s.episode?.task_id ?? s.selectedTaskId;
      if (!id) return s;
      const original = s.observation?.task_id === id ? s.observation.sql_query : (s.workspaces[id]?.reveal?.original ?? '');
      const reveal = revealOfSolution(r as Solution, original, s.episode);
      return { ...withWorkspace(s, id, (w) => ({ ...w, reveal })), error: null };
    }
    default:
      return s;
  }
}

function onReset(s: PageState, e: CallDone, obs: Observation): PageState {
  const next = withWorkspace(
    s,
    obs.task_id,
    (w) => ({
      ...w,
      // The Agent panel plays from the original; anyone else's reset keeps what the person typed (Submit's own reset too).
      draft: e.origin === 'agent' || !w.edited ? emptyDraft(obs.sql_query) : w.draft,
      edited: e.origin === 'agent' ? false : w.edited,
      hints: obs.hints ?? [],
      hintInfo: hintInfoOf(obs) ?? w.hintInfo,
      reveal: null,
      parked: null,
    }),
    obs.sql_query,
  );
  // The episode read before this reset is gone: until the `state` read after it answers, the page knows only the new
  // observation. Keeping the old one would let a click on the old episode's task be taken for "already playing it".
  return {
    ...next,
    episode: null,
    observation: obs,
    selectedTaskId: obs.task_id,
    lastStep: null,
    run: null,
    error: null,
    view: 'step',
    attempt: null,
  };
}

function onStep(s: PageState, e: CallDone, st: StepResult): PageState {
  const obs = st.observation as Observation;
  const sql = sqlOf('step', e.arg);
  const next = withWorkspace(s, obs.task_id, (w) => {
    let draft = w.draft;
    let edited = w.edited;
    // The Agent panel's step fills the whole draft, so a person who takes over starts from the agent's last action.
    if (e.origin === 'agent') [draft, edited] = [draftOfAction(e.arg as Action), false];
    // Another agent's step shows its SQL, unless the person has typed meanwhile: their text is never overwritten.
    else if (fromElsewhere(e.origin) && !w.edited) draft = { ...w.draft, sql };
    return {
      ...w,
      draft,
      edited,
      hints: obs.hints ?? w.hints,
      hintInfo: hintInfoOf(obs) ?? w.hintInfo,
      reveal: st.done ? revealOfStep(st) : w.reveal,
    };
  });
  return { ...next, lastStep: st, observation: obs, attempt: attemptOf(sql, obs.last_execution), error: null, view: 'step' };
}

function hintInfoOf(obs: Observation): Workspace['hintInfo'] {
  return obs.hints_total === undefined ? null : { total: obs.hints_total, cost: obs.hint_cost ?? 0 };
}
