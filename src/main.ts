// The app, loaded by the page's entry (src/boot.ts) once the worker is on its way: puts the environment worker under its
// supervisor, publishes window.sqlOptimEnv, mounts the UI (with the Agent panel's state).
import { mount } from 'svelte';
import App from './App.svelte';
import { browserWorker } from './client/browser-worker.ts';
import { deadlinesFrom } from './worker/deadlines.ts';
import { Supervisor } from './worker/supervisor.ts';
import { SnapshotStore } from './client/snapshot-store.ts';
import { installWindowApi } from './client/window-api.ts';
import { Session } from './ui/state/session.svelte.ts';
import { AgentState } from './ui/state/agent.svelte.ts';
import { browserAgentHost } from './ui/agent/browser-host.ts';
import './ui/app.css';

const client = new Supervisor({
  createWorker: browserWorker,
  store: typeof indexedDB === 'undefined' ? null : new SnapshotStore(),
  deadlines: deadlinesFrom(location.search),
  callProgress: true,
});
installWindowApi(client);
// Boot is called before the UI mounts, so the data generation overlaps with the first paint.
void client.start();

const session = new Session(client);
void session.init();
// Drafts are written a moment after typing stops; a reload or a closed tab inside that moment must not lose them.
addEventListener('pagehide', () => session.flush());
document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && session.flush());
const agent = new AgentState(browserAgentHost(session));
// Back from "Sign in with Hugging Face" (a Space with hf_oauth): the code in the URL becomes the token; otherwise nothing.
void agent.resumeSignIn();
mount(App, { target: document.getElementById('app')!, props: { session, agent } });
