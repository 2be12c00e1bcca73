// One lazy import of Monaco shared by every editor on the page, held back until it cannot delay the environment.
import type { Monaco } from './monaco.ts';

// Monaco's ~3.4 MB are parsed and run on the page's main thread (tasks of 0.4-0.8 s); started at mount they competed
// with the environment's boot (its DuckDB opened ~0.6 s later on a first visit, 2 shared cores). So the import waits
// for allowEditorLoad() (the shell calls it once the environment is ready or has failed), or, should that take long,
// for this long and then an idle moment: the person drafts in the editors' plain stand-ins meanwhile. Long enough to
// pass a first visit on a busy machine (5-7 s seen), where the page is idle early and an idle moment alone would let
// Monaco in at once.
const FALLBACK_MS = 8_000;
const IDLE_TIMEOUT_MS = 1_000;

let allow!: () => void;
const allowed = new Promise<void>((resolve) => (allow = resolve));
let loading: Promise<typeof import('./monaco.ts')> | null = null;

/** Lets Monaco load now (idempotent). */
export function allowEditorLoad(): void {
  allow();
}

/** The editor module (Monaco and the page's hooks around it), loaded on first use once allowed. */
export function loadEditorModule(): Promise<typeof import('./monaco.ts')> {
  if (!loading) {
    setTimeout(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(allow, { timeout: IDLE_TIMEOUT_MS });
      else allow();
    }, FALLBACK_MS);
    loading = allowed.then(() => import('./monaco.ts'));
  }
  return loading;
}

/** Monaco, loaded on first use once allowed. */
export function loadMonaco(): Promise<Monaco> {
  return loadEditorModule().then((m) => m.monaco);
}
