// One lazy import of Monaco shared by every editor on the page.
import type { Monaco } from './monaco.ts';

let loading: Promise<typeof import('./monaco.ts')> | null = null;

/** The editor module (Monaco and the page's hooks around it), loaded on first use. */
export function loadEditorModule(): Promise<typeof import('./monaco.ts')> {
  loading ??= import('./monaco.ts');
  return loading;
}

/** Monaco, loaded on first use. */
export function loadMonaco(): Promise<Monaco> {
  return loadEditorModule().then((m) => m.monaco);
}
