// The Agent panel's state: where the model runs (source, base URL, model, key or Hugging Face sign-in), what to run
// (tasks, steps), and the run itself: an LLM policy playing the page's own episode through the Session, one step at a
// time, so every step shows in the editor and the feedback as if the person had made it. Stop works at any moment; the
// episode then stays for the person to continue. Keys live in memory (sessionStorage only when "remember for this tab").
import type { EpisodeRun } from '../../policies/runner.ts';
import type { Replay } from '../../replay/format.ts';
import { type Explained, explainReason } from '../agent/explain.ts';
import { beginSignIn, finishSignIn, type HfSession, hasInferenceScope, type SpaceOAuth, withoutReturn } from '../agent/hf-oauth.ts';
import { replayPolicy } from '../agent/label.ts';
import { isLocalUrl } from '../agent/origins.ts';
import type { LogEntry, Phase } from '../agent/progress.ts';
import { redactSecrets } from '../agent/redact.ts';
import { agentTrajectory, runEpisodes } from '../agent/run-export.ts';
import { runAgent } from '../agent/run.ts';
import { HF_ROUTER, LOCAL_PRESETS, type PageContext, type SourceKind, presetOf, resolveSource } from '../agent/sources.ts';
import { currentEpisode, replayOf } from '../replay/export.ts';
import type { Session } from './session.svelte.ts';

/** What the panel needs of the page; the browser's own in the app (browserAgentHost), others in tests. */
export interface AgentHost {
  session: Session;
  /** sessionStorage (this tab only), or null where there is none */
  storage: Storage | null;
  page: PageContext;
  /** the Space's OAuth app, when the page runs on a Space with hf_oauth */
  oauth: SpaceOAuth | null;
  fetch: typeof fetch;
  /** the page's URL, and how to leave it for the sign-in page or tidy it afterwards */
  location(): URL;
  navigate(url: string): void;
  replaceUrl(url: string): void;
}

// sessionStorage entries, written only while "remember for this tab" is ticked (and the flag itself, so the choice
// survives the sign-in round trip). Nothing of the panel is ever written to localStorage or IndexedDB.
const REMEMBER = 'sql-optim-env:agent:remember';
const KEY = 'sql-optim-env:agent:key';
const HF = 'sql-optim-env:agent:hf';

/** Attempts per task the panel allows: the longest task allows 5 steps, and skipped attempts count too. */
export const MAX_ATTEMPTS = 10;

/** A finished run: what its exports are built from. */
interface FinishedRun {
  model: string;
  host: string;
  runs: EpisodeRun[];
}

export class AgentState {
  kind = $state<SourceKind>('endpoint');
  baseUrl = $state(HF_ROUTER);
  model = $state('');
  /** the ids of the tasks to run, in the library's order */
  tasks = $state<string[]>([]);
  /** attempts per task (the runner's maxSteps) */
  steps = $state(3);
  hf = $state.raw<HfSession | null>(null);
  signInMessage = $state<string | null>(null);
  phase = $state.raw<Phase>({ kind: 'idle' });
  log = $state.raw<LogEntry[]>([]);
  /** why the last run could not start (each problem says what to do) */
  problems = $state.raw<string[]>([]);
  /** the error that stopped the last run */
  failure = $state.raw<Explained | null>(null);
  running = $state(false);
  finished = $state.raw<FinishedRun | null>(null);

  #key = $state('');
  #remember = $state(false);
  private controller: AbortController | null = null;

  constructor(private readonly host: AgentHost) {
    const st = host.storage;
    if (host.oauth) this.kind = 'hf';
    const selected = host.session.selectedTaskId;
    if (selected) this.tasks = [selected];
    if (st?.getItem(REMEMBER) === 'yes') {
      this.#remember = true;
      this.#key = st.getItem(KEY) ?? '';
      this.hf = readHf(st.getItem(HF));
    }
  }

  /** Whether the Space offers "Sign in with Hugging Face" (its OAuth variables are present). */
  get canSignIn(): boolean {
    return this.host.oauth !== null;
  }

  /** Whether the Space's OAuth app has the scope the router needs. */
  get signInScopeOk(): boolean {
    return this.host.oauth !== null && hasInferenceScope(this.host.oauth);
  }

  get key(): string {
    return this.#key;
  }
  set key(v: string) {
    this.#key = v;
    this.persist();
  }

  get remember(): boolean {
    return this.#remember;
  }
  set remember(v: boolean) {
    this.#remember = v;
    this.persist();
  }

  /** The page's origin, for messages about CORS. */
  get pageOrigin(): string {
    return this.host.page.self;
  }

  /** Switches the source; a base URL that belongs to the other kind is replaced by that kind's default. */
  setKind(kind: SourceKind): void {
    this.kind = kind;
    const local = isLocalUrl(this.baseUrl);
    if (kind === 'local' && !local) this.baseUrl = LOCAL_PRESETS[0].baseUrl;
    if (kind === 'endpoint' && (local || presetOf(this.baseUrl))) this.baseUrl = HF_ROUTER;
    this.problems = [];
  }

  private persist(): void {
    const st = this.host.storage;
    if (!st) return;
    if (!this.#remember) {
      for (const k of [REMEMBER, KEY, HF]) st.removeItem(k);
      return;
    }
    st.setItem(REMEMBER, 'yes');
    if (this.#key) st.setItem(KEY, this.#key);
    else st.removeItem(KEY);
    if (this.hf) st.setItem(HF, JSON.stringify(this.hf));
    else st.removeItem(HF);
  }

  /** Sends the person to huggingface.co to sign in; the page comes back with a code (resumeSignIn). */
  async signIn(): Promise<void> {
    const o = this.host.oauth;
    const st = this.host.storage;
    if (!o || !st) return;
    this.signInMessage = null;
    try {
      this.host.navigate(await beginSignIn(o, this.host.location(), st, this.host.fetch));
    } catch (e) {
      this.signInMessage = `Sign-in could not start: ${(e as Error).message}`;
    }
  }

  /** On a page load that returns from huggingface.co: exchanges the code for the token. Does nothing otherwise. */
  async resumeSignIn(): Promise<void> {
    const o = this.host.oauth;
    const st = this.host.storage;
    if (!o || !st) return;
    const here = this.host.location();
    try {
      const session = await finishSignIn(o, here, st, this.host.fetch);
      if (session) {
        this.hf = session;
        this.kind = 'hf';
        this.persist();
      }
    } catch (e) {
      this.signInMessage = (e as Error).message;
    } finally {
      if (here.searchParams.has('code') || here.searchParams.has('error')) this.host.replaceUrl(withoutReturn(here));
    }
  }

  signOut(): void {
    this.hf = null;
    this.persist();
  }

  /** Starts the run (the person pressed Start): the only moment the panel contacts the endpoint. The agent starts a new
   *  episode of each task, so episodes of the person's under way there are only thrown away once they said yes. */
  async start(confirmed = false): Promise<void> {
    const session = this.host.session;
    if (this.running || !session.idle) return;
    const hfToken = this.hf && this.hf.expiresAt > Date.now() ? this.hf.token : '';
    const key = this.kind === 'hf' ? hfToken : this.#key;
    const check = resolveSource({ kind: this.kind, baseUrl: this.baseUrl, model: this.model, key }, this.host.page);
    const problems = check.ok ? [] : [...check.problems];
    if (this.kind === 'hf' && this.hf && !hfToken) problems.push('the Hugging Face sign-in ran out: sign in again');
    const tasks = session.tasks.map((t) => t.id).filter((id) => this.tasks.includes(id));
    if (!tasks.length) problems.push('pick at least one task');
    this.problems = problems;
    if (!check.ok || problems.length) return;

    const losing = session.underWay(tasks);
    if (losing.length && !confirmed)
      return session.confirm({
        title: 'Let the agent start over?',
        text: `The agent starts a new episode of each task it plays. Your episode under way of ${losing.join(', ')} would be thrown away; the scores on the leaderboard stay.`,
        yes: 'Start the agent',
        act: () => this.start(true),
      });

    const { source } = check;
    const controller = new AbortController();
    const label = { model: source.config.model, host: source.host };
    const ctx = { host: source.host, origin: source.origin, model: label.model, pageOrigin: this.host.page.self };
    this.controller = controller;
    this.running = true;
    this.failure = null;
    this.finished = null;
    this.log = [];
    session.agent = { model: label.model };
    try {
      const r = await runAgent({
        source,
        tasks,
        // A cleared number field binds as null: one attempt then, and never more than the panel offers.
        maxSteps: Math.min(MAX_ATTEMPTS, Math.max(1, Math.round(Number(this.steps) || 1))),
        env: { reset: (req) => session.resetByAgent(label, req), step: (action) => session.stepByAgent(action) },
        fetch: this.host.fetch,
        signal: controller.signal,
        pageOrigin: this.host.page.self,
        onPhase: (p) => {
          if (!controller.signal.aborted) this.phase = p;
        },
        onLog: (e) => (this.log = [...this.log, e]),
      });
      this.failure = r.failure;
      this.phase = { kind: 'finished', how: r.failure ? 'failed' : r.stopped ? 'stopped' : 'done' };
      this.finished = { ...label, runs: r.runs };
    } catch (e) {
      // A bug, not a model or engine failure (those are values): said, and the person gets the controls back.
      this.failure = explainReason(this.safe(e instanceof Error ? e.message : String(e)), ctx);
      this.phase = { kind: 'finished', how: 'failed' };
    } finally {
      session.agent = null;
      this.controller = null;
      this.running = false;
    }
  }

  /** Stop: the model call under way is cancelled at once; a step the engine is judging lands first (cutStep ends it). */
  stop(): void {
    if (!this.controller || this.controller.signal.aborted) return;
    this.phase = { kind: 'stopping', during: this.phase.kind === 'step' ? 'step' : 'other' };
    this.controller.abort();
  }

  /** Ends the step the engine is judging: the worker restarts and the episode is restored to its last step. */
  cutStep(): void {
    this.host.session.client.abort();
  }

  /** Every episode of the finished run as one replay, labelled with the model. */
  runReplay(): Replay | null {
    const f = this.finished;
    if (!f) return null;
    const session = this.host.session;
    const current = session.recordedBy ? currentEpisode(session) : null;
    const episodes = runEpisodes(f.runs, current);
    const last = f.runs.at(-1);
    const agentSteps = session.recordedBy?.steps ?? (last ? last.records.filter((r) => r.result).length : 0);
    const policy = replayPolicy({ model: f.model, host: f.host, steps: agentSteps }, episodes.at(-1)?.steps.length ?? 0);
    return replayOf(session, episodes, policy);
  }

  /** The agent's prompts and replies of the finished run (JSON Lines), keys blanked. */
  trajectory(): string {
    return this.finished ? agentTrajectory(this.finished.runs, [this.#key, this.hf?.token]) : '';
  }

  /** A text about the run with every key blanked (what the panel may show or put in a notice). */
  safe(text: string): string {
    return redactSecrets(text, [this.#key, this.hf?.token]);
  }
}

function readHf(text: string | null): HfSession | null {
  if (!text) return null;
  try {
    const s = JSON.parse(text) as HfSession;
    return typeof s.token === 'string' && typeof s.expiresAt === 'number' && s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}
