// Replay viewer entry (viewer.html, and the standalone file built from it): shows replays with the app's own step
// views, and never starts the environment worker or loads the DuckDB wasm.
import { mount } from 'svelte';
import { readEmbedded } from './replay/embedded.ts';
import { LINK_KEY } from './replay/link.ts';
import { ReplayShelf } from './ui/replay/shelf.svelte.ts';
import ViewerPage from './ui/replay/ViewerPage.svelte';
import './ui/app.css';

const shelf = new ReplayShelf();
const embedded = readEmbedded(document);
// A standalone file has its replay inside; a viewer opened from disk has no app or sample beside it either.
const standalone = embedded !== null || location.protocol === 'file:';

if (embedded !== null) shelf.openText(embedded, 'this file');
else if (new URLSearchParams(location.hash.slice(1)).has(LINK_KEY)) void shelf.openLink(location.hash);
else if (new URLSearchParams(location.search).has('sample')) void shelf.openUrl('./sample-replay.json', 'the sample replay');

// A link pasted into an open viewer changes only the fragment: no reload, so listen for it.
addEventListener('hashchange', () => void shelf.openLink(location.hash));

mount(ViewerPage, { target: document.getElementById('app')!, props: { shelf, standalone } });
