// The page state's transitions that matter, without a browser: whose call may touch the draft, when the reveal is set,
// what a failed Run keeps, hints and the Solution (responses shaped per the helpers' contract), and storage.
import { describe, expect, it } from 'vitest';
import type { Action, ExecutionResult, Observation, StepResult } from '../../env/types.ts';
import {
  type CallDone,
  type CallOrigin,
  type PageState,
  type Solution,
  emptyWorkspace,
  episodeUnderWay,
  inProgress,
  initialState,
  reduce,
} from './page-state.ts';
import { type KeyValue, WORKSPACE_PREFIX, WorkspaceStore } from './workspace-store.ts';

const ORIGINAL = 'SELECT * FROM orders';
const TASK = 't1';

function obs(over: Partial<Observation> = {}): Observation {
  return {
    task_id: TASK,
    task_name: 'Task one',
    task_description: 'Make it fast',
    sql_query: ORIGINAL,
    schema_info: '',
    dialect: 'duckdb',
    difficulty: 'easy',
    step_count: 0,
    max_steps: 5,
    issues_found_so_far: [],
    last_execution: null,
    seed: null,
    hints: [],
    hints_used: 0,
    hints_total: 3,
    hint_cost: 0.01,
    goal: 'Solved at 0.95.',
    reference_seen: false,
    ...over,
  };
}

function action(sql: string): Action {
  return { suggestions: [], optimized_query: sql, summary: 'agent summary', estimated_improvement: '2x', approved: false };
}

function stepResult(sql: string, end: 'no' | 'solved' | 'out'): StepResult {
  const done = end !== 'no';
  return {
    observation: obs({ step_count: 1, last_execution: { optimized_error: null } as ExecutionResult }),
    reward: { score: 0.5, reference_speedup: 3 } as StepResult['reward'],
    done,
    terminated: end === 'solved',
    truncated: end === 'out',
    info: {
      step: 1,
      cumulative_reward: 0.5,
      best_score: 0.5,
      wall_ms: 10,
      ...(done ? { reference_query: 'SELECT 1', ground_truth: [], explanation: 'the join is pushed down' } : {}),
    } as StepResult['info'],
  } as unknown as StepResult;
}

const call = (origin: CallOrigin, op: string, arg: unknown, result: unknown): CallDone => ({
  type: 'call',
  origin,
  op,
  arg,
  response: { ok: true, result },
});

/** A page with an episode of TASK just reset by the person. */
function started(): PageState {
  const s = reduce(initialState([], TASK), { type: 'select', task_id: TASK, original: ORIGINAL });
  return reduce(s, call('person', 'reset', { task_id: TASK }, obs()));
}

const typed = (s: PageState, sql: string) => reduce(s, { type: 'edit', patch: { sql } });

describe('reduce', () => {
  it("an outside agent's step does not overwrite the draft the person is typing", () => {
    const s = reduce(typed(started(), 'SELECT id FROM orders'), call('outside', 'step', action('SELECT 2'), stepResult('SELECT 2', 'no')));
    expect(s.workspaces[TASK]!.draft.sql).toBe('SELECT id FROM orders');
    // ...but the step itself is shown.
    expect(s.lastStep?.observation.step_count).toBe(1);
  });

  it("an outside agent's step shows its SQL in a draft the person has not touched", () => {
    const s = reduce(started(), call('outside', 'step', action('SELECT 2'), stepResult('SELECT 2', 'no')));
    expect(s.workspaces[TASK]!.draft.sql).toBe('SELECT 2');
  });

  it("the Agent panel's step fills the whole draft, so the person takes over from it", () => {
    const s = reduce(typed(started(), 'mine'), call('agent', 'step', action('SELECT 3'), stepResult('SELECT 3', 'no')));
    expect(s.workspaces[TASK]!.draft).toMatchObject({ sql: 'SELECT 3', summary: 'agent summary', estimate: '2x' });
    expect(s.workspaces[TASK]!.edited).toBe(false);
  });

  it('a step that ends the episode sets the reveal, explanation included; one that does not, none', () => {
    const mid = reduce(started(), call('person-submit', 'step', action('x'), stepResult('x', 'no')));
    expect(mid.workspaces[TASK]!.reveal).toBeNull();
    const end = reduce(mid, call('person-submit', 'step', action('x'), stepResult('x', 'out')));
    expect(end.workspaces[TASK]!.reveal).toMatchObject({
      ending: 'out-of-steps',
      reference_query: 'SELECT 1',
      explanation: 'the join is pushed down',
      reference_speedup: 3,
    });
  });

  it('a failed Run keeps the last good result and marks the failed SQL', () => {
    const good = reduce(started(), call('person-run', 'execute', { task_id: TASK, optimized_query: 'ok' }, { speedup: 2 }));
    const bad = reduce(good, {
      type: 'call',
      origin: 'person-run',
      op: 'execute',
      arg: { task_id: TASK, optimized_query: 'SELEC' },
      response: { ok: false, error: { code: 'SQL_ERROR', message: 'syntax error at line 1' } },
    } as CallDone);
    expect(bad.run).toBe(good.run);
    expect(bad.error?.code).toBe('SQL_ERROR');
    expect(bad.attempt).toEqual({ sql: 'SELEC', error: 'syntax error at line 1', code: 'SQL_ERROR' });
  });

  it("a replay's re-run leaves the person's Run panel as it was", () => {
    const good = reduce(started(), call('person-run', 'execute', { task_id: TASK, optimized_query: 'ok' }, { speedup: 2 }));
    const after = reduce(good, call('rerun', 'execute', { task_id: TASK, optimized_query: 'other' }, { speedup: 9 }));
    expect(after).toBe(good);
  });

  it('an editor echoing back its text is no edit; typing is', () => {
    const s = started();
    expect(typed(s, ORIGINAL)).toBe(s);
    expect(typed(s, 'SELECT 1').workspaces[TASK]!.edited).toBe(true);
  });

  it("the person's reset keeps what they typed; the Agent panel's starts from the original", () => {
    const s = typed(started(), 'mine');
    expect(reduce(s, call('person', 'reset', { task_id: TASK }, obs())).workspaces[TASK]!.draft.sql).toBe('mine');
    expect(reduce(s, call('agent', 'reset', { task_id: TASK }, obs())).workspaces[TASK]!.draft.sql).toBe(ORIGINAL);
  });

  it("a reset drops the episode read before it, so another task's episode is not taken for the one being played", () => {
    const other = 'task_9';
    const playing = call('person', 'state', undefined, { task_id: TASK, seed: null, step_count: 1, episode_done: false, history: [] });
    const s = reduce(started(), playing);
    expect(s.episode?.task_id).toBe(TASK);
    const after = reduce(s, call('outside', 'reset', { task_id: other }, { ...obs(), task_id: other }));
    expect(after.episode).toBeNull();
    expect(after.selectedTaskId).toBe(other);
  });

  it('a hint answer lists the opened hints in the episode task; a new episode starts with none', () => {
    const hint = { hints: ['Look at the join'], hints_used: 1, hints_total: 3, hint_cost: 0.01 };
    const s = reduce(started(), call('person', 'hint', {}, hint));
    expect(s.workspaces[TASK]!.hints).toEqual(['Look at the join']);
    expect(s.workspaces[TASK]!.hintInfo).toEqual({ total: 3, cost: 0.01 });
    expect(reduce(s, call('person', 'reset', { task_id: TASK }, obs())).workspaces[TASK]!.hints).toEqual([]);
  });

  it('a Solution answer reveals the reference, the issues, the explanation and both plans', () => {
    const plan = { text: 'SEQ_SCAN', tree: null, total_s: 0.1 };
    const sol: Solution = {
      reference_query: 'SELECT 1',
      ground_truth: [{ type: 'select_star', canonical: 'select_star', line: 1, severity: 'low', description: 'd', keywords: [] }],
      explanation: 'reads fewer columns',
      plans: { original: plan, reference: plan },
    };
    const s = reduce(started(), call('person', 'solution', {}, sol));
    expect(s.workspaces[TASK]!.reveal).toMatchObject({ ending: 'gave-up', original: ORIGINAL, explanation: 'reads fewer columns' });
    expect(s.workspaces[TASK]!.reveal?.plans?.reference).toEqual(plan);
  });

  it('an episode is in progress once a step is spent, and no longer once it is over', () => {
    const ep = (step_count: number, episode_done: boolean) =>
      call('person', 'state', undefined, { task_id: TASK, seed: null, step_count, episode_done, history: [] });
    expect(inProgress(reduce(started(), ep(0, false)), TASK)).toBe(false);
    expect(inProgress(reduce(started(), ep(2, false)), TASK)).toBe(true);
    expect(inProgress(reduce(started(), ep(2, true)), TASK)).toBe(false);
    // A parked episode under way counts too, even with the worker playing another task.
    const parked = reduce(initialState([], 'other'), {
      type: 'park',
      task_id: TASK,
      episode: { step_count: 1, terminated: false, truncated: false },
    });
    expect(inProgress(parked, TASK)).toBe(true);
    expect(episodeUnderWay(parked, TASK)).toBe(true);
    // An edited draft is work to ask about before New episode, but no episode the Agent panel would throw away.
    const edited = typed(started(), 'mine');
    expect([inProgress(edited, TASK), episodeUnderWay(edited, TASK)]).toEqual([true, false]);
  });
});

/** An in-memory Storage with a quota, as localStorage behaves. */
class MemoryStorage implements KeyValue {
  readonly map = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    const used = [...this.map].reduce((n, [key, val]) => n + (key === k ? 0 : key.length + val.length), 0);
    if (used + k.length + v.length > this.quota) throw new DOMException('full', 'QuotaExceededError');
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

describe('WorkspaceStore', () => {
  it('writes every workspace under the sql-optim-env: prefix and reads it back', () => {
    const st = new MemoryStorage();
    const notices: string[] = [];
    const w = { ...emptyWorkspace('SELECT 1'), hints: ['h1'], edited: true };
    const writer = new WorkspaceStore(st, (t) => notices.push(t));
    writer.schedule({ [TASK]: w });
    writer.flush();
    expect([...st.map.keys()].every((k) => k.startsWith('sql-optim-env:'))).toBe(true);
    expect(new WorkspaceStore(st, (t) => notices.push(t)).load()).toEqual({ [TASK]: w });
    expect(notices).toEqual([]);
  });

  it('ignores a corrupt value with a notice and still loads the others', () => {
    const st = new MemoryStorage();
    st.setItem(WORKSPACE_PREFIX + 'bad', '{not json');
    st.setItem(WORKSPACE_PREFIX + TASK, JSON.stringify(emptyWorkspace('SELECT 1')));
    const notices: string[] = [];
    const loaded = new WorkspaceStore(st, (t) => notices.push(t)).load();
    expect(Object.keys(loaded)).toEqual([TASK]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('bad');
  });

  it('keeps no key for a task only looked at, and removes the key of one started over', () => {
    const st = new MemoryStorage();
    const store = new WorkspaceStore(st, () => {});
    store.schedule({ [TASK]: emptyWorkspace('SELECT 1') });
    store.flush();
    expect([...st.map.keys()]).toEqual([]);
    store.schedule({ [TASK]: { ...emptyWorkspace('SELECT 1'), draft: { ...emptyWorkspace('SELECT 1').draft, summary: 'mine' } } });
    store.flush();
    expect([...st.map.keys()]).toEqual([WORKSPACE_PREFIX + TASK]);
    store.schedule({ [TASK]: emptyWorkspace('SELECT 1') });
    store.flush();
    expect([...st.map.keys()]).toEqual([]);
  });

  it('turns a full storage into a notice, not a throw', () => {
    const notices: string[] = [];
    const store = new WorkspaceStore(new MemoryStorage(50), (t) => notices.push(t));
    store.schedule({ [TASK]: { ...emptyWorkspace('SELECT a long query that does not fit'), edited: true } });
    expect(() => store.flush()).not.toThrow();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('full');
  });
});
