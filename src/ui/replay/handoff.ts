// Handing a replay from the viewer page to the app (same origin, same tab) for a re-run: sessionStorage carries it
// across the navigation, so no size limit of a link applies and nothing is written that outlives the tab.
import type { Replay } from '../../replay/format.ts';

const KEY = 'sql-optim-env.open-replay';
/** The app opens the handed-over replay when its URL has this fragment. */
export const HANDOFF_FRAGMENT = '#open-replay';

/** Stores the replay and opens the app; throws when the browser refuses to store it (too large for sessionStorage). */
export function handOff(replay: Replay, appUrl = './'): void {
  sessionStorage.setItem(KEY, JSON.stringify(replay));
  location.assign(`${appUrl}${HANDOFF_FRAGMENT}`);
}

/** The replay text handed over, once (it is removed as it is read), or null. */
export function takeHandoff(): string | null {
  try {
    const text = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    return text;
  } catch {
    return null; // storage disabled: nothing was handed over
  }
}
