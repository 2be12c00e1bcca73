// One lazy import of Monaco shared by every editor on the page.
import type { Monaco } from './monaco.ts';

let loading: Promise<Monaco> | null = null;

/** Monaco, loaded on first use. */
export function loadMonaco(): Promise<Monaco> {
  loading ??= import('./monaco.ts').then((m) => m.monaco);
  return loading;
}
